// @vitest-environment happy-dom
// The whole app rendered with a template open: the canvas shows its nodes, the shell its parts, and the
// keyboard reaches commands through the registry.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { openText } from '../commands/file-ops';
import { TEMPLATE_TEXT } from '../test-support/documents';
import { createTestServices } from '../test-support/services';
import { App } from './App';

afterEach(cleanup);

async function renderWithTemplate() {
  const services = createTestServices({ theme: 'light' });
  await openText(services, TEMPLATE_TEXT.startup, { name: 'single-cluster-startup.topo.yaml' });
  const view = render(<App services={services} recover={false} />);
  return { services, view };
}

describe('App', () => {
  it('renders the nodes of an open template on the canvas', async () => {
    await renderWithTemplate();
    for (const id of [
      'use1',
      'use1-a',
      'use1-b',
      'use1-c',
      'app',
      'app-system',
      'app-general',
      'web',
      'api',
      'nightly-report',
    ]) {
      expect(await screen.findByTestId(`node-${id}`)).toBeTruthy();
    }
    const cluster = screen.getByTestId('node-app');
    expect(cluster.textContent).toContain('app');
    expect(cluster.textContent).toContain('EKS 1.31');
    // Zone chips: the cluster spans a, b and c of its region.
    expect(
      within(cluster)
        .getAllByText(/^[abc]$/)
        .map((chip) => chip.className),
    ).toEqual(['zone-letter on', 'zone-letter on', 'zone-letter on']);
    expect(screen.getByTestId('node-web').textContent).toContain('3–12');
    expect(screen.queryByTestId('empty-canvas')).toBeNull();
  });

  it('shows the shell: palette, toolbar, inspector and status bar', async () => {
    await renderWithTemplate();
    for (const item of ['region', 'zone', 'cluster', 'nodePool', 'gpuPool', 'fleet', 'workload']) {
      expect(screen.getByTestId(`palette-item-${item}`).getAttribute('draggable')).toBe('true');
    }
    expect(screen.getByTestId('status-name').textContent).toContain('Single-cluster startup');
    expect(screen.getByTestId('status-counts').textContent).toBe(
      '1 region · 1 cluster · 2 node pools · 3 workloads · 1 dependency',
    );
    expect(screen.getByTestId('status-dirty').dataset.dirty).toBe('false');
    expect(screen.getByTestId('status-cost')).toBeTruthy();
    expect((screen.getByTestId('toolbar-edit.undo') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('inspector').textContent).toContain('Select an element');
  });

  it('shows the selected element in the inspector', async () => {
    const { services } = await renderWithTemplate();
    act(() => services.store.getState().setSelection(['app-general']));
    expect(screen.getByTestId('inspector-kind').textContent).toBe('node pool');
    expect(screen.getByTestId('inspector-id').textContent).toBe('app-general');
    expect((screen.getByTestId('inspector-field-name') as HTMLInputElement).value).toBe('general');
  });

  it('runs commands from the keyboard, and leaves keys typed in a text field alone', async () => {
    const { services } = await renderWithTemplate();
    await act(async () => {
      fireEvent.keyDown(window, { key: 'a', code: 'KeyA', ctrlKey: true });
    });
    expect(services.store.getState().selection).toContain('web');
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape', code: 'Escape' });
    });
    expect(services.store.getState().selection).toEqual([]);
    await act(async () => {
      fireEvent.keyDown(window, { key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true });
    });
    const input = screen.getByTestId('command-palette-input');
    expect(screen.getByTestId('command-palette-item-edit.undo')).toBeTruthy();
    await act(async () => {
      fireEvent.keyDown(input, { key: 'a', code: 'KeyA', ctrlKey: true });
    });
    expect(services.store.getState().selection).toEqual([]);
  });

  it('undoes from the toolbar and marks the document dirty while it differs', async () => {
    const { services } = await renderWithTemplate();
    act(
      () =>
        void services.store.getState().dispatch({ type: 'update', id: 'web', changes: { name: 'frontend' } }),
    );
    expect(screen.getByTestId('node-web').textContent).toContain('frontend');
    expect(screen.getByTestId('status-dirty').dataset.dirty).toBe('true');
    const undo = screen.getByTestId('toolbar-edit.undo') as HTMLButtonElement;
    expect(undo.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(undo);
    });
    expect(screen.getByTestId('node-web').textContent).toContain('web');
    expect(screen.getByTestId('status-dirty').dataset.dirty).toBe('false');
  });

  it('shows a refused command as a toast', async () => {
    const { services } = await renderWithTemplate();
    act(() => void services.store.getState().dispatch({ type: 'move', id: 'app-general', parent: 'use1' }));
    const toast = screen.getByTestId('toast');
    expect(toast.dataset.kind).toBe('error');
    expect(toast.textContent).toContain('a node pool must be inside a cluster');
  });

  it('offers the templates on an empty canvas', async () => {
    const services = createTestServices();
    render(<App services={services} recover={false} />);
    expect(screen.getByTestId('empty-canvas')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('empty-template-single-cluster-startup.topo.yaml'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(await screen.findByTestId('node-app')).toBeTruthy();
  });
});
