// @vitest-environment happy-dom
// The Scenarios view: save, rename, switch and delete scenarios (undoable), compare two variants with
// deltas, export the comparison, and the presentation slide.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { openText } from '../../commands/file-ops';
import { fullMoney } from '../../analysis/format';
import { TEMPLATE_TEXT } from '../../test-support/documents';
import { createTestServices } from '../../test-support/services';
import { CompareSlide } from './CompareSlide';
import { ServicesProvider } from '../../app/context';
import { choiceStore } from './compare-state';

afterEach(cleanup);

async function renderCompare() {
  const services = createTestServices({ theme: 'light' });
  await openText(services, TEMPLATE_TEXT.ott, { name: 'ott-streaming-platform.topo.yaml' });
  render(<App services={services} recover={false} />);
  act(() => services.store.getState().setView('compare'));
  return services;
}

function saveScenario(name: string) {
  fireEvent.change(screen.getByTestId('compare-save-name'), { target: { value: name } });
  act(() => void fireEvent.click(screen.getByTestId('compare-save')));
}

describe('the Scenarios view', () => {
  it('saves the design as a scenario, compares after a change, and undoes the save', async () => {
    const services = await renderCompare();
    expect(screen.getByTestId('compare-empty')).toBeTruthy();
    saveScenario('3 AZs, 70% spot');
    expect(screen.getByTestId('compare-scenario-name-3-azs-70-spot').textContent).toBe('3 AZs, 70% spot');
    // Design against the fresh scenario: nothing differs.
    expect(screen.getByTestId('compare-cost-delta-total').dataset.sign).toBe('zero');

    act(
      () =>
        void services.store.getState().dispatch({
          type: 'update',
          id: 'use1-api-general',
          changes: { capacity: { spotAllowed: false, spotPercent: 0 } },
        }),
    );
    // B is the scenario (70% spot), A the design (on-demand): B costs less.
    const delta = screen.getByTestId('compare-cost-delta-compute');
    expect(delta.dataset.sign).toBe('down');
    const a = screen.getByTestId('compare-cost-a-compute').textContent!;
    const b = screen.getByTestId('compare-cost-b-compute').textContent!;
    const amount = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));
    expect(amount(delta.textContent!)).toBeCloseTo(amount(b) - amount(a), 2);

    // Swap the sides: the delta changes sign and shows as a warning (cost goes up).
    fireEvent.change(screen.getByTestId('compare-pick-a'), { target: { value: '3-azs-70-spot' } });
    fireEvent.change(screen.getByTestId('compare-pick-b'), { target: { value: 'design' } });
    expect(screen.getByTestId('compare-cost-delta-compute').dataset.sign).toBe('up');

    act(() => void services.store.getState().undo());
    act(() => void services.store.getState().undo());
    expect(screen.getByTestId('compare-empty')).toBeTruthy();
  });

  it('renames, switches to and deletes a scenario', async () => {
    const services = await renderCompare();
    saveScenario('Spot');
    act(() => void fireEvent.click(screen.getByTestId('compare-rename-spot')));
    const input = screen.getByTestId('compare-rename-input-spot');
    fireEvent.change(input, { target: { value: 'Spot heavy' } });
    act(() => void fireEvent.keyDown(input, { key: 'Enter' }));
    expect(screen.getByTestId('compare-scenario-name-spot').textContent).toBe('Spot heavy');

    act(
      () =>
        void services.store.getState().dispatch({
          type: 'update',
          id: 'use1-api-general',
          changes: { nodesPerAz: { min: 2, desired: 4, max: 40 } },
        }),
    );
    act(() => void fireEvent.click(screen.getByTestId('compare-switch-spot')));
    const doc = services.store.getState().doc;
    expect(doc.spec.nodePools.find((p) => p.id === 'use1-api-general')!.nodesPerAz.desired).not.toBe(4);
    expect(screen.getByTestId('compare-scenario-name-before-spot').textContent).toContain('Design before');
    act(() => void fireEvent.click(screen.getByTestId('compare-delete-before-spot')));
    expect(screen.queryByTestId('compare-scenario-before-spot')).toBeNull();
  });

  it('exports the comparison as CSV with every section, and as XLSX', async () => {
    const services = await renderCompare();
    saveScenario('Base');
    act(
      () =>
        void services.store.getState().dispatch({
          type: 'update',
          id: 'use1-api-general',
          changes: { capacity: { spotAllowed: false, spotPercent: 0 } },
        }),
    );
    await act(async () => void fireEvent.click(screen.getByTestId('compare-export-csv')));
    const csv = services.host.exports.at(-1)!;
    expect(csv.suggestedName).toBe('ott-streaming-platform-compare-design-base.csv');
    const lines = String(csv.data).split('\r\n');
    expect(lines[0]).toBe('Section,Item,A: Design,B: Base,Delta (B - A),Note');
    expect(lines.some((l) => l.startsWith('"Cost (USD/month, expected)",EC2 compute,'))).toBe(true);
    await act(async () => void fireEvent.click(screen.getByTestId('compare-export-xlsx')));
    // The workbook writer is loaded on first use.
    await waitFor(() => expect(services.host.exports.at(-1)!.data).toBeInstanceOf(Uint8Array));
  });

  it('shows the totals and the delta on the slide', async () => {
    const services = createTestServices({ theme: 'light' });
    await openText(services, TEMPLATE_TEXT.ott, { name: 'ott.topo.yaml' });
    const store = services.store.getState();
    store.dispatch({ type: 'saveScenario', name: 'Base' });
    store.dispatch({
      type: 'update',
      id: 'use1-api-general',
      changes: { capacity: { spotAllowed: false, spotPercent: 0 } },
    });
    choiceStore(services.store).getState().choose('a', 'base');
    choiceStore(services.store).getState().choose('b', 'design');
    render(
      <ServicesProvider services={services}>
        <CompareSlide />
      </ServicesProvider>,
    );
    const slide = screen.getByTestId('compare-slide');
    expect(within(slide).getByRole('heading', { level: 1 }).textContent).toBe('Design vs Base');
    const delta = screen.getByTestId('compare-slide-delta');
    expect(delta.dataset.sign).toBe('up');
    expect(delta.textContent!.startsWith('+')).toBe(true);
    expect(slide.textContent).toContain(
      fullMoney(services.store.getState().analysis.cost!.totals.grand.expected),
    );
  });
});
