// @vitest-environment happy-dom
// The analysis in the app: cost on the nodes and in the status bar, the problems panel (select and
// reveal, Fix and undo), and blast-radius mode marking the canvas.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import { openText } from '../commands/file-ops';
import { TEMPLATE_TEXT } from '../test-support/documents';
import { createTestServices } from '../test-support/services';
import { blastSummaryOf } from './blast-summary';
import { compactMoney } from './format';

afterEach(cleanup);

async function renderWith(template: keyof typeof TEMPLATE_TEXT) {
  const services = createTestServices({ theme: 'light' });
  const name = template === 'ott' ? 'ott-streaming-platform.topo.yaml' : 'single-cluster-startup.topo.yaml';
  await openText(services, TEMPLATE_TEXT[template], { name });
  const revealed: string[][] = [];
  render(<App services={services} recover={false} />);
  // Record what the canvas is asked to reveal (React Flow cannot measure nodes in happy-dom).
  const controls = services.canvas.current!;
  services.canvas.current = { ...controls, reveal: (ids) => void revealed.push([...ids]) };
  return { services, revealed };
}

describe('cost', () => {
  it('shows each container\u2019s monthly cost on its node and the total in the status bar', async () => {
    const { services } = await renderWith('startup');
    const report = services.store.getState().analysis.cost!;
    const pool = report.byPool.find((g) => g.key === 'app-general')!;
    expect(screen.getByTestId('cost-badge-app-general').textContent).toBe(
      `${compactMoney(pool.expected)}/mo`,
    );
    const status = screen.getByTestId('status-cost');
    expect(status.textContent).toContain(`${compactMoney(report.totals.grand.expected)}/mo`);
    expect(status.textContent).toContain(`max ${compactMoney(report.totals.grand.maximum)}`);
    expect(status.textContent).not.toContain('incomplete');
    act(() => void fireEvent.click(status));
    const breakdown = screen.getByTestId('cost-breakdown');
    expect(within(breakdown).getByTestId('cost-category-compute').textContent).toContain('EC2 compute');
    expect(within(breakdown).getByTestId('cost-category-engineering')).toBeTruthy();
  });

  it('says "incomplete (n unpriced)" when prices are missing, never a silent total', async () => {
    const { services } = await renderWith('ott');
    const { unpriced } = services.store.getState().analysis.cost!.totals.grand;
    expect(unpriced).toBeGreaterThan(0);
    expect(screen.getByTestId('status-cost').textContent).toContain(`incomplete (${unpriced} unpriced)`);
    // The pool is out of view, so drawn as a plain box: bring it into view, and its details follow.
    act(() => services.canvas.current!.reveal(['euw1-api-general']));
    await waitFor(() =>
      expect(screen.getByTestId('cost-badge-euw1-api-general').textContent).toContain('incomplete'),
    );
  });

  it('updates a node\u2019s cost after an edit', async () => {
    const { services } = await renderWith('startup');
    const before = screen.getByTestId('cost-badge-app-system').textContent;
    const pool = services.store.getState().doc.spec.nodePools.find((p) => p.id === 'app-system')!;
    act(
      () =>
        void services.store.getState().dispatch({
          type: 'update',
          id: 'app-system',
          changes: { nodesPerAz: { ...pool.nodesPerAz, desired: 3, max: Math.max(3, pool.nodesPerAz.max) } },
        }),
    );
    expect(screen.getByTestId('cost-badge-app-system').textContent).not.toBe(before);
  });
});

describe('problems panel', () => {
  it('opens with the command and its shortcut, and counts problems in the status bar', async () => {
    const { services } = await renderWith('startup');
    expect(screen.getByTestId('status-problems').textContent).toBe('0 errors · 2 warnings');
    expect(screen.queryByTestId('problems-panel')).toBeNull();
    await act(async () => {
      fireEvent.keyDown(window, { key: 'M', code: 'KeyM', ctrlKey: true, shiftKey: true });
    });
    expect(screen.getByTestId('problems-panel')).toBeTruthy();
    await act(async () => void (await services.registry.run('view.toggleProblems', services)));
    expect(screen.queryByTestId('problems-panel')).toBeNull();
    act(() => void fireEvent.click(screen.getByTestId('status-problems')));
    expect(screen.getByTestId('problems-panel')).toBeTruthy();
    // The Electron menu sends the command id.
    await act(async () => void services.host.menu('view.toggleProblems'));
    expect(screen.queryByTestId('problems-panel')).toBeNull();
  });

  it('selects and reveals the element of a row; Fix applies its command as one undo step', async () => {
    const { services, revealed } = await renderWith('startup');
    act(() => services.store.getState().setPanel('problems', true));
    const row = screen.getByTestId('problem-row-cluster.single-nat-gateway-app');
    expect(row.textContent).toContain('production cluster shares one NAT gateway');
    expect(screen.getByTestId('node-app').querySelector('[data-testid="problem-badge-app"]')).toBeTruthy();
    act(() => void fireEvent.click(row));
    expect(services.store.getState().selection).toEqual(['app']);
    expect(revealed).toEqual([['app']]);

    act(() => void fireEvent.click(screen.getByTestId('problem-fix-cluster.single-nat-gateway-app')));
    expect(services.store.getState().doc.spec.clusters[0]!.natGateways).toBe('per-az');
    expect(services.store.getState().undoStack).toHaveLength(1);
    expect(screen.queryByTestId('problem-row-cluster.single-nat-gateway-app')).toBeNull();
    expect(screen.queryByTestId('problem-badge-app')).toBeNull();
    expect(screen.getByTestId('status-problems').textContent).toBe('0 errors · 1 warning');

    await act(async () => void (await services.registry.run('edit.undo', services)));
    expect(screen.getByTestId('problem-row-cluster.single-nat-gateway-app')).toBeTruthy();
    expect(services.store.getState().doc.spec.clusters[0]!.natGateways).toBe('single');
  });

  it('marks the problems pending and holds Fix back while the rules catch up with an edit', async () => {
    const { services } = await renderWith('startup');
    act(() => services.store.getState().setPanel('problems', true));
    const fix = () => screen.getByTestId('problem-fix-cluster.single-nat-gateway-app') as HTMLButtonElement;
    const status = screen.getByTestId('status-problems');
    expect(fix().disabled).toBe(false);
    expect(status.classList.contains('pending')).toBe(false);
    // As while the analysis worker checks a large design: the diagnostics are those of another version.
    const { analysis, doc } = services.store.getState();
    act(() =>
      services.store.setState({
        analysis: { ...analysis, diagnosticsDoc: { ...doc, spec: { ...doc.spec } } },
      }),
    );
    expect(fix().disabled).toBe(true);
    expect(status.classList.contains('pending')).toBe(true);
    expect(status.getAttribute('aria-busy')).toBe('true');
    act(() => services.store.setState({ analysis }));
    expect(fix().disabled).toBe(false);
    expect(status.classList.contains('pending')).toBe(false);
  });

  it('lists what the loader warned about in the file', async () => {
    const { services } = await renderWith('startup');
    act(() => {
      services.store.getState().setLoadWarnings([
        {
          severity: 'warning',
          code: 'zone-unknown',
          message: 'an odd zone',
          elementId: 'use1-a',
          line: 12,
        },
      ]);
      services.store.getState().setPanel('problems', true);
    });
    expect(screen.getByTestId('problem-row-zone-unknown-use1-a').textContent).toContain('an odd zone');
    expect(screen.getByTestId('problem-row-zone-unknown-use1-a').textContent).toContain(':12');
  });
});

describe('blast-radius mode', () => {
  const marks = () =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-blast]')].map((e) => [
        e.getAttribute('data-testid')!.slice('node-'.length),
        e.getAttribute('data-blast'),
      ]),
    );

  it('marks the canvas for the loss of the OTT template\u2019s ML cluster', async () => {
    const { services } = await renderWith('ott');
    expect(marks()).toEqual({});
    const select = screen.getByTestId('blast-domain-select') as HTMLSelectElement;
    const options = () => [...select.options].map((o) => o.value).filter(Boolean);
    // The list is built when the user goes to it, worst first.
    expect(options()).toEqual([]);
    act(() => void fireEvent.focus(select));
    const summary = blastSummaryOf(services.store.getState().analysis.doc!, services.catalog);
    if (!summary.ok) throw new Error(summary.message);
    expect(options()).toEqual(summary.summary.domains.map((d) => d.domain.id));
    expect(select.options[1]!.textContent).toMatch(/^\s*\d+ · /);
    act(() => void fireEvent.change(select, { target: { value: 'cluster:use1-ml' } }));
    const m = marks();
    for (const id of [
      'use1-ml',
      'use1-ml-gpu',
      'use1-ml-system',
      'use1-personalisation',
      'use1-recommendations',
    ])
      expect(m[id], id).toBe('failed');
    expect(m['use1-catalog']).toBe('degraded');
    for (const id of [
      'use1-api',
      'use1-media',
      'use1-api-general',
      'use1-media-pool',
      'use1-auth',
      'euw1-ml',
    ])
      expect(m[id], id).toBe('ok');
    const banner = screen.getByTestId('blast-banner');
    expect(banner.textContent).toContain('ML cluster');
    expect(screen.getByTestId('blast-score').textContent).toMatch(/score \d+(\.\d)?/);
    expect(screen.getByTestId('blast-traffic').textContent).toMatch(/user traffic affected \d/);
    expect(screen.getByTestId('blast-impact-row-use1-personalisation').dataset.status).toBe('down');
    expect(screen.getByTestId('blast-impact-row-use1-catalog').dataset.status).toBe('degraded');
    expect(screen.queryByTestId('blast-impact-row-euw1-catalog')).toBeNull();
    act(() => void fireEvent.click(screen.getByTestId('blast-impact-all')));
    expect(screen.getByTestId('blast-impact-row-euw1-catalog').dataset.status).toBe('ok');
    // Session state: nothing to undo, nothing unsaved.
    expect(services.store.getState().undoStack).toHaveLength(0);
    expect(services.store.getState().dirty).toBe(false);

    act(() => void fireEvent.click(screen.getByTestId('blast-clear')));
    expect(marks()).toEqual({});
    expect(screen.queryByTestId('blast-banner')).toBeNull();
  });

  it('before the list is built, still says whether there is anything to fail and shows the chosen domain', async () => {
    const { services } = await renderWith('ott');
    const select = screen.getByTestId('blast-domain-select') as HTMLSelectElement;
    expect(select.disabled).toBe(false);
    expect([...select.options].map((o) => o.textContent)).toEqual(['Simulate a failure…']);
    act(() => void services.store.getState().setBlastDomain('cluster:use1-ml'));
    expect(select.value).toBe('cluster:use1-ml');
    expect([...select.options].map((o) => o.value)).toEqual(['', 'cluster:use1-ml']);
    expect(select.options[1]!.textContent).toContain('ML cluster');
    act(() => void services.store.getState().setBlastDomain(null));
    expect(select.options).toHaveLength(1);
    cleanup();

    render(<App services={createTestServices({ theme: 'light' })} recover={false} />);
    const nothing = screen.getByTestId('blast-domain-select') as HTMLSelectElement;
    expect(nothing.disabled).toBe(true);
    expect(nothing.options[0]!.textContent).toBe('No failure domains');
  });

  it('offers the domains the design has after each edit, filtered by the search box', async () => {
    const { services } = await renderWith('ott');
    const select = screen.getByTestId('blast-domain-select') as HTMLSelectElement;
    const option = (id: string) => [...select.options].find((o) => o.value === id);
    const state = () => services.store.getState();
    act(() => void fireEvent.pointerEnter(select.parentElement!));
    expect(option('cluster:use1-ml')?.textContent).toContain('ML cluster');
    const cluster = state().doc.spec.clusters.find((c) => c.id === 'use1-ml')!;
    act(() => void state().dispatch({ type: 'update', id: 'use1-ml', changes: { name: 'Models' } }));
    expect(option('cluster:use1-ml')?.textContent).toContain('Models');
    expect(option('cluster:use1-ml')?.textContent).not.toContain(cluster.name);
    act(() => void state().dispatch({ type: 'delete', ids: ['euw1-ml'] }));
    expect(option('cluster:euw1-ml')).toBeUndefined();
    const search = screen.getByTestId('blast-domain-search');
    act(() => void fireEvent.change(search, { target: { value: 'Models' } }));
    expect([...select.options].map((o) => o.value)).toEqual(['', 'cluster:use1-ml']);
    act(() => void state().undo());
    act(() => void fireEvent.change(search, { target: { value: '' } }));
    expect(option('cluster:euw1-ml')).toBeDefined();
  });

  it('simulates a failure from a node\u2019s context menu, and Esc leaves the mode', async () => {
    const { services } = await renderWith('ott');
    const node = screen.getByTestId('node-use1-ml').closest('.react-flow__node')!;
    act(() => void fireEvent.contextMenu(node, { clientX: 50, clientY: 50 }));
    act(() => void fireEvent.click(screen.getByTestId('context-simulate-failure')));
    expect(services.store.getState().blastDomain).toBe('cluster:use1-ml');
    expect(screen.getByTestId('node-use1-ml').dataset.blast).toBe('failed');
    // A workload stands for its rollout.
    act(
      () =>
        void fireEvent.contextMenu(screen.getByTestId('node-use1-auth').closest('.react-flow__node')!, {
          clientX: 60,
          clientY: 60,
        }),
    );
    act(() => void fireEvent.click(screen.getByTestId('context-simulate-failure')));
    expect(services.store.getState().blastDomain).toBe('rollout:use1-auth');
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape', code: 'Escape' });
    });
    expect(services.store.getState().blastDomain).toBeNull();
    expect(screen.getByTestId('node-use1-ml').dataset.blast).toBeUndefined();
  });
});
