// @vitest-environment happy-dom
// The cost view in the app: the table read from the analysis slice (grouping, sorting, expanding a row to
// its line items), "incomplete" naming what has no price, assumptions edited in place as undoable
// `settings` commands (a refused value dispatches nothing), exports through the host, the print copy and
// the slide.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fullMoney } from '../../analysis/format';
import { App } from '../../app/App';
import { openText } from '../../commands/file-ops';
import { exportCsv } from '../../exports/table-export';
import { TEMPLATE_TEXT } from '../../test-support/documents';
import { createTestServices } from '../../test-support/services';
import { ServicesProvider } from '../../app/context';
import { CostSlide } from './CostSlide';
import { DOCUMENT_ORDER, costExport, costRows } from './cost-rows';

afterEach(cleanup);

async function renderCost(template: keyof typeof TEMPLATE_TEXT = 'ott') {
  const services = createTestServices({ theme: 'light' });
  const name = template === 'ott' ? 'ott-streaming-platform.topo.yaml' : 'single-cluster-startup.topo.yaml';
  await openText(services, TEMPLATE_TEXT[template], { name });
  render(<App services={services} recover={false} />);
  act(() => void fireEvent.click(screen.getByTestId('view-tab-cost')));
  return services;
}

const flush = () => act(async () => void (await new Promise((resolve) => setTimeout(resolve, 0))));

describe('cost view', () => {
  it('shows the engine report grouped by category with totals and an incomplete marker', async () => {
    const services = await renderCost();
    const report = services.store.getState().analysis.cost!;
    const view = screen.getByTestId('cost-view');
    const compute = report.byCategory.find((g) => g.key === 'compute')!;
    expect(within(view).getByTestId('cost-row-compute').textContent).toContain(
      fullMoney(compute.expected, report.currency),
    );
    expect(within(view).getByTestId('cost-row-infrastructure').textContent).toContain(
      fullMoney(report.totals.infrastructure.expected, report.currency),
    );
    const marker = within(view).getByTestId('cost-incomplete');
    expect(marker.textContent).toContain(`incomplete: ${report.totals.grand.unpriced} unpriced`);
    const missing = report.lines.find((line) => line.expected === null)!;
    expect(within(marker).getByTestId('cost-missing').textContent).toContain(missing.description);
    const facts = within(view).getByTestId('cost-facts').textContent!;
    expect(facts).toContain(report.catalog.generatedAt.slice(0, 10));
    for (const source of report.sources) expect(facts).toContain(`${source.id} (${source.date})`);
  });

  it('groups by cluster, sorts by a column and expands a row to its line items', async () => {
    const services = await renderCost();
    const report = services.store.getState().analysis.cost!;
    act(() => void fireEvent.change(screen.getByTestId('cost-grouping'), { target: { value: 'cluster' } }));
    const table = screen.getByTestId('cost-table');
    const clusters = costRows(report, 'cluster');
    for (const row of clusters) expect(within(table).getByTestId(`cost-row-${row.id}`)).toBeTruthy();

    act(() => void fireEvent.click(screen.getByTestId('cost-sort-expected')));
    const order = within(table)
      .getAllByTestId(/^cost-row-/)
      .map((el) => el.dataset.testid!.replace('cost-row-', ''))
      .slice(0, clusters.length);
    const expected = [...clusters].sort((a, b) => b.expected - a.expected).map((r) => r.id);
    expect(order).toEqual(expected);
    expect(screen.getByTestId('cost-sort-expected').closest('th')!.getAttribute('aria-sort')).toBe(
      'descending',
    );

    const biggest = clusters.find((r) => r.id === expected[0])!;
    expect(within(table).queryByTestId(`cost-line-${biggest.lines[0]!.id}`)).toBeNull();
    act(() => void fireEvent.click(screen.getByTestId(`cost-expand-${biggest.id}`)));
    const line = within(table).getByTestId(`cost-line-${biggest.lines[0]!.id}`);
    expect(within(line).getByTestId('cost-line-formula').textContent).toContain('×');
    expect(within(line).getByTestId('cost-line-source').textContent).toMatch(/\(\d{4}-\d{2}-\d{2}\)|assumed/);
    const shown = within(table)
      .getAllByTestId(/^cost-line-/)
      .filter((el) => el.tagName === 'TR');
    expect(shown.length).toBe(Math.min(biggest.lines.length, 50));
  });

  it('edits an assumption as one undoable settings command', async () => {
    const services = await renderCost();
    const before = services.store.getState().analysis.cost!.totals.grand.expected;
    const hours = screen.getByTestId('cost-assumption-hoursPerMonth') as HTMLInputElement;
    expect(hours.value).toBe(String(services.store.getState().doc.spec.settings.hoursPerMonth));
    const undoDepth = services.store.getState().undoStack.length;
    act(() => void fireEvent.change(hours, { target: { value: '365' } }));
    expect(services.store.getState().undoStack.length).toBe(undoDepth);
    act(() => void fireEvent.keyDown(hours, { key: 'Enter' }));
    expect(services.store.getState().doc.spec.settings.hoursPerMonth).toBe(365);
    expect(services.store.getState().undoStack.length).toBe(undoDepth + 1);
    expect(services.store.getState().analysis.cost!.totals.grand.expected).toBeLessThan(before);
    act(() => void services.store.getState().undo());
    expect(services.store.getState().doc.spec.settings.hoursPerMonth).toBe(730);
    expect(hours.value).toBe('730');
  });

  it('explains a refused value at the field and dispatches nothing', async () => {
    const services = await renderCost();
    const field = screen.getByTestId('cost-assumption-spot.fallbackOnDemandPercent');
    const doc = services.store.getState().doc;
    act(() => void fireEvent.change(field, { target: { value: '150' } }));
    act(() => void fireEvent.blur(field));
    expect(screen.getByTestId('cost-assumption-error-spot.fallbackOnDemandPercent').textContent).toBeTruthy();
    expect(services.store.getState().doc).toBe(doc);
    act(() => void fireEvent.change(field, { target: { value: 'abc' } }));
    act(() => void fireEvent.keyDown(field, { key: 'Enter' }));
    expect(services.store.getState().doc).toBe(doc);
    act(() => void fireEvent.keyDown(field, { key: 'Escape' }));
    expect(screen.queryByTestId('cost-assumption-error-spot.fallbackOnDemandPercent')).toBeNull();
  });

  it('exports the table as shown through the host, and prints the report', async () => {
    const services = await renderCost();
    act(() => void fireEvent.change(screen.getByTestId('cost-grouping'), { target: { value: 'cluster' } }));
    act(() => void fireEvent.click(screen.getByTestId('cost-export-csv')));
    await flush();
    const report = services.store.getState().analysis.cost!;
    const csv = services.host.exports.at(-1)!;
    expect(csv.suggestedName).toBe('ott-streaming-platform-cost-cluster.csv');
    expect(csv.data).toBe(exportCsv(costExport(report, 'cluster', DOCUMENT_ORDER)));
    act(() => void fireEvent.click(screen.getByTestId('cost-export-xlsx')));
    // The workbook writer is loaded on first use.
    await waitFor(() => expect(services.host.exports.at(-1)!.suggestedName).toMatch(/\.xlsx$/));
    act(() => void fireEvent.click(screen.getByTestId('cost-export-md')));
    await flush();
    expect(String(services.host.exports.at(-1)!.data)).toContain('## Cost by cluster');
    act(() => void fireEvent.click(screen.getByTestId('cost-export-pdf')));
    await flush();
    expect(services.host.prints).toEqual(['ott-streaming-platform-cost.pdf']);
    const print = document.body.querySelector('[data-testid="cost-print"]')!;
    expect(print.parentElement).toBe(document.body);
    expect(print.textContent).toContain(report.catalog.generatedAt.slice(0, 10));
  });
});

describe('cost slide', () => {
  it('shows the total in large type with its completeness', async () => {
    const services = createTestServices({ theme: 'light' });
    await openText(services, TEMPLATE_TEXT.ott, { name: 'ott-streaming-platform.topo.yaml' });
    render(
      <ServicesProvider services={services}>
        <CostSlide />
      </ServicesProvider>,
    );
    const report = services.store.getState().analysis.cost!;
    expect(screen.getByTestId('cost-slide-incomplete').textContent).toContain(
      `${report.totals.grand.unpriced} unpriced`,
    );
    expect(screen.getByTestId('cost-slide-chart-bar-compute')).toBeTruthy();
  });
});
