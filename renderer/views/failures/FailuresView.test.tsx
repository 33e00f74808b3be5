// @vitest-environment happy-dom
// The Failures view in the app: choosing a failure domain sets the session's blast domain (the canvas marks
// follow) and fills the impact table; the AZ-loss matrix per region; the single points of failure; the burst
// plot, whose factor is the view's own and whose delays are undoable `settings` commands; the slide.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { zoneLossMatrix } from '../../../shared/blast/zone-matrix';
import { blastSummaryOf } from '../../analysis/blast-summary';
import { App } from '../../app/App';
import { ServicesProvider } from '../../app/context';
import { openText } from '../../commands/file-ops';
import { TEMPLATE_TEXT } from '../../test-support/documents';
import { createTestServices } from '../../test-support/services';
import { FailuresSlide } from './FailuresSlide';

afterEach(cleanup);

/** The summary the view shows: that of the analysed document. */
function summaryOf(services: ReturnType<typeof createTestServices>) {
  const state = services.store.getState();
  const result = blastSummaryOf(state.analysis.doc!, services.catalog);
  if (!result.ok) throw new Error(result.message);
  return result.summary;
}

async function renderFailures() {
  const services = createTestServices({ theme: 'light' });
  await openText(services, TEMPLATE_TEXT.ott, { name: 'ott-streaming-platform.topo.yaml' });
  render(<App services={services} recover={false} />);
  act(() => void fireEvent.click(screen.getByTestId('view-tab-failures')));
  return services;
}

describe('failures view', () => {
  it('lists the domains worst first; choosing one sets the blast domain and shows its impact', async () => {
    const services = await renderFailures();
    const summary = summaryOf(services);
    const list = screen.getByTestId('failures-domains');
    const buttons = within(list).getAllByRole('button');
    expect(buttons.slice(0, 3).map((b) => b.dataset.domain)).toEqual(
      summary.domains.slice(0, 3).map((d) => d.domain.id),
    );
    act(() => void fireEvent.click(screen.getByTestId('failures-domains-all')));
    expect(within(list).getAllByRole('button')).toHaveLength(summary.domains.length);
    act(() => void fireEvent.click(screen.getByTestId('failures-domain-zone:use1-a')));
    expect(services.store.getState().blastDomain).toBe('zone:use1-a');
    expect(screen.getByTestId('failures-domain-zone:use1-a').getAttribute('aria-pressed')).toBe('true');
    const impact = services.store.getState().analysis.impact!;
    expect(impact.domain.id).toBe('zone:use1-a');
    const table = screen.getByTestId('failures-impact');
    const hit = impact.workloads.filter((w) => w.changed || w.status !== 'ok');
    expect(within(table).queryAllByTestId(/^failures-impact-row-/)).toHaveLength(hit.length);
    // Clicking it again leaves blast-radius mode.
    act(() => void fireEvent.click(screen.getByTestId('failures-domain-zone:use1-a')));
    expect(services.store.getState().blastDomain).toBeNull();
    expect(services.store.getState().undoStack.length).toBe(0);
  });

  it('moves through the domains with the arrow keys', async () => {
    const services = await renderFailures();
    const summary = summaryOf(services);
    const first = screen.getByTestId(`failures-domain-${summary.domains[0]!.domain.id}`);
    first.focus();
    act(() => void fireEvent.keyDown(first, { key: 'ArrowDown' }));
    expect(services.store.getState().blastDomain).toBe(summary.domains[1]!.domain.id);
  });

  it('shows the AZ-loss matrix per region and a zone heading simulates that zone', async () => {
    const services = await renderFailures();
    const matrix = zoneLossMatrix(services.store.getState().doc, services.catalog);
    for (const region of matrix.regions) {
      const table = screen.getByTestId(`failures-matrix-${region.regionId}`);
      const row = region.rows[0]!;
      const cell = row.cells[0]!;
      const td = within(table).getByTestId(`failures-cell-${row.elementId}-${cell.zoneId}`);
      expect(td.getAttribute('title')).toBe(cell.message);
      expect(td.dataset.tone).toBeTruthy();
    }
    act(() => void fireEvent.click(screen.getByTestId('failures-zone-euw1-b')));
    expect(services.store.getState().blastDomain).toBe('zone:euw1-b');
  });

  it('lists the single points of failure', async () => {
    const services = await renderFailures();
    const spofs = summaryOf(services).singlePointsOfFailure;
    const section = screen.getByTestId('failures-spofs');
    expect(section.textContent).toContain(`Single points of failure (${spofs.length})`);
    for (const spof of spofs.slice(0, 3))
      expect(within(section).getByTestId(`failures-spof-${spof.elementId}-${spof.rule}`)).toBeTruthy();
  });

  it('re-plots the burst: the factor is view state, a delay an undoable settings command', async () => {
    const services = await renderFailures();
    const unserved = () => screen.getByTestId('failures-unserved').textContent;
    expect(screen.getByTestId('failures-burst-plot')).toBeTruthy();
    const before = unserved();
    act(
      () =>
        void fireEvent.change(screen.getByTestId('failures-knob-burstFactor'), { target: { value: '6' } }),
    );
    expect(unserved()).not.toBe(before);
    expect(services.store.getState().undoStack.length).toBe(0);

    const launch = services.store.getState().doc.spec.settings.autoscaling.nodeLaunchSeconds;
    const atSix = unserved();
    act(
      () =>
        void fireEvent.change(screen.getByTestId('failures-knob-nodeLaunchSeconds'), {
          target: { value: '600' },
        }),
    );
    expect(services.store.getState().doc.spec.settings.autoscaling.nodeLaunchSeconds).toBe(600);
    expect(services.store.getState().undoStack.length).toBe(1);
    expect(unserved()).not.toBe(atSix);
    act(() => void services.store.getState().undo());
    expect(services.store.getState().doc.spec.settings.autoscaling.nodeLaunchSeconds).toBe(launch);
    expect(screen.getByTestId('failures-knob-value-nodeLaunchSeconds').textContent).toBe(`${launch} s`);
  });

  it('has a slide with the worst domains, the SPOF count and the matrix', async () => {
    const services = await renderFailures();
    cleanup();
    render(
      <ServicesProvider services={services}>
        <FailuresSlide />
      </ServicesProvider>,
    );
    const summary = summaryOf(services);
    const slide = screen.getByTestId('failures-slide');
    expect(slide.textContent).toContain(summary.domains[0]!.domain.label);
    expect(screen.getByTestId('failures-slide-spofs').textContent).toBe(
      String(summary.singlePointsOfFailure.length),
    );
    expect(within(slide).getByTestId('failures-matrix-use1')).toBeTruthy();
  });
});
