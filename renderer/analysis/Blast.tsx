// Blast-radius mode: choose a failure domain (the toolbar select, searchable, worst first; or "Simulate
// failure" on a node), and the canvas marks what fails (red), degrades (amber) and survives (dimmed); a
// banner says what failed and how bad it is, and a side list gives every workload's status with the
// figures behind it. The chosen domain is session state: never saved, never undone; Esc leaves the mode.
import { memo, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { hasFailureDomains } from '../../shared/blast/domains';
import { useAppStore, useServices } from '../app/context';
import { selectAnalysedDocument, selectBlastImpact } from '../store/analysis-selectors';
import { Icon } from '../ui/icons';
import type { DomainChoice } from './blast-domains';
import { domainChoices, sameChoices } from './blast-domains';
import { useBlastSummary } from './blast-summary';
import { isHit, sortImpacts } from './impact-rows';
import { percent } from './format';
import { revealElement } from './ProblemsPanel';

function matches(text: string, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = text.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

const NO_CHOICES: readonly DomainChoice[] = [];

/**
 * The select's options, one per domain. Its own memo'd component: a large design has a thousand domains,
 * and an edit that changes none of them (most edits) then costs no pass over them.
 */
const DomainOptions = memo(function DomainOptions({ choices }: { choices: readonly DomainChoice[] }) {
  return choices.map((choice) => (
    <option key={choice.id} value={choice.id}>
      {choice.score === undefined
        ? choice.label
        : `${choice.score.toFixed(0).padStart(2, '\u2007')} · ${choice.label}`}
    </option>
  ));
});

/**
 * The toolbar's failure domain select, with a search box that narrows its options. The list is built, and
 * its domains scored, once the user goes to it (points at it, or focuses the select or the search box): a
 * large design has a thousand domains, and scoring them is the largest step of the engines. Until then the
 * select holds the chosen domain only.
 */
export function BlastDomainSelect() {
  const { store } = useServices();
  const [wanted, setWanted] = useState(false);
  const want = useCallback(() => setWanted(true), []);
  // The list follows edits after the rest of the window has shown them (an edit's figures in the status bar
  // and inspector come first).
  const doc = useDeferredValue(useAppStore(selectAnalysedDocument));
  const result = useBlastSummary(doc, wanted);
  const summary = result?.ok ? result.summary : null;
  const chosen = useAppStore((s) => s.blastDomain);
  const [query, setQuery] = useState('');
  const last = useRef<readonly DomainChoice[]>([]);
  // Until then the domains are not built at all (on a large design that is most of what the select costs
  // an open or an edit), unless one is chosen: the select shows its label.
  const listed = wanted || chosen !== null;
  const choices = useMemo(() => {
    if (!listed) return NO_CHOICES;
    const next = domainChoices(doc, summary);
    // The same domains, labels and scores as before: the same list, so the options are not drawn again.
    if (sameChoices(last.current, next)) return last.current;
    last.current = next;
    return next;
  }, [doc, summary, listed]);
  const shown = useMemo(
    () => choices.filter((c) => c.id === chosen || (wanted && matches(`${c.id} ${c.label}`, query))),
    [choices, chosen, query, wanted],
  );
  const empty = listed ? choices.length === 0 : !hasFailureDomains(doc);
  return (
    <div className={chosen ? 'blast-control active' : 'blast-control'} onPointerEnter={want} onFocus={want}>
      <Icon name="blast" className="blast-control-icon" />
      <input
        type="search"
        className="blast-search"
        placeholder="Find a failure…"
        aria-label="Filter failure domains"
        data-testid="blast-domain-search"
        value={query}
        disabled={empty}
        onChange={(event) => setQuery(event.target.value)}
      />
      <select
        className="blast-select"
        data-testid="blast-domain-select"
        aria-label="Simulate the failure of"
        title={
          result && !result.ok
            ? `${result.message}; the domains are listed unscored`
            : 'Blast radius: simulate the failure of a region, zone, cluster, pool, fleet, spot wave or rollout'
        }
        value={chosen ?? ''}
        disabled={empty}
        onChange={(event) => store.getState().setBlastDomain(event.target.value || null)}
      >
        <option value="">{empty ? 'No failure domains' : 'Simulate a failure…'}</option>
        <DomainOptions choices={shown} />
      </select>
    </div>
  );
}

/** The banner over the canvas in blast-radius mode. */
export function BlastBanner() {
  const { store } = useServices();
  const domainId = useAppStore((s) => s.blastDomain);
  const impact = useAppStore(selectBlastImpact);
  const pending = useAppStore((s) => s.analysisPending);
  const listOpen = useAppStore((s) => s.panels.blastImpact);
  if (domainId === null) return null;
  const clear = () => store.getState().setBlastDomain(null);
  return (
    <div className="blast-banner" data-testid="blast-banner" role="status">
      <Icon name="blast" />
      {impact ? (
        <>
          <span className="blast-title" title={impact.domain.rule}>
            {impact.domain.label}
          </span>
          <span className="blast-figure" data-testid="blast-score" title="Blast-radius score, 0-100">
            score <strong>{impact.score.toFixed(1)}</strong>
          </span>
          <span
            className="blast-figure"
            data-testid="blast-traffic"
            title={`${impact.userTraffic.definition} With nothing failed: ${percent(impact.userTraffic.intact)}.`}
          >
            user traffic affected <strong>{percent(impact.userTraffic.affected)}</strong>
          </span>
          <span className="blast-figure">
            <span className="blast-dot failed" /> {impact.counts.down} down
            <span className="blast-dot degraded" /> {impact.counts.degraded} degraded
          </span>
        </>
      ) : (
        <span className="blast-title">{pending ? `Simulating ${domainId}…` : domainId}</span>
      )}
      <button
        type="button"
        className={listOpen ? 'banner-button active' : 'banner-button'}
        data-testid="blast-toggle-list"
        aria-pressed={listOpen}
        onClick={() => store.getState().togglePanel('blastImpact')}
      >
        Workloads
      </button>
      <button
        type="button"
        className="banner-button"
        data-testid="blast-clear"
        title="Leave blast-radius mode (Esc)"
        onClick={clear}
      >
        Clear
      </button>
    </div>
  );
}

/** The per-workload impact table beside the canvas in blast-radius mode. */
export function BlastImpactList() {
  const services = useServices();
  const impact = useAppStore(selectBlastImpact);
  const open = useAppStore((s) => s.panels.blastImpact);
  const [all, setAll] = useState(false);
  const sorted = useMemo(() => (impact ? sortImpacts(impact.workloads) : []), [impact]);
  if (!impact || !open) return null;
  // What the failure touched first; the rest on request.
  const hit = sorted.filter(isHit);
  const rows = all ? sorted : hit;
  const yes = (ok: boolean) => <span className={ok ? 'yes' : 'no'}>{ok ? '✓' : '✗'}</span>;
  return (
    <aside className="blast-impact" data-testid="blast-impact" aria-label="Impact on each workload">
      <header className="blast-impact-header">
        <span className="panel-heading">Impact on workloads</span>
        <label className="impact-all">
          <input
            type="checkbox"
            data-testid="blast-impact-all"
            checked={all}
            onChange={(event) => setAll(event.target.checked)}
          />
          all {impact.workloads.length}
        </label>
      </header>
      <p className="impact-summary muted">
        {impact.failed.length} element{impact.failed.length === 1 ? '' : 's'} failed · {impact.partial.length}{' '}
        partly lost · {hit.length} workload{hit.length === 1 ? '' : 's'} affected
      </p>
      <div className="blast-impact-scroll">
        <table className="impact-table">
          <thead>
            <tr>
              <th>Workload</th>
              <th>Status</th>
              <th className="num" title="Share of its own capacity lost">
                Lost
              </th>
              <th title="Own capacity carries the baseline demand">Base</th>
              <th title="Own capacity carries the burst demand">Burst</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((w) => (
              <tr
                key={w.workloadId}
                className={`impact-${w.status}${w.changed ? ' changed' : ''}`}
                data-testid={`blast-impact-row-${w.workloadId}`}
                data-status={w.status}
                title={w.reason}
                onClick={() => revealElement(services, w.workloadId)}
              >
                <td className="impact-name">
                  {w.name}
                  <code className="impact-id">{w.workloadId}</code>
                  {isHit(w) && <span className="impact-reason">{w.reason}</span>}
                </td>
                <td>
                  <span className={`status-chip ${w.status}`}>{w.status}</span>
                </td>
                <td className="num">{percent(w.capacityLost, 0)}</td>
                <td>{yes(w.carriesBaseline)}</td>
                <td>{yes(w.carriesBurst)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="impact-none muted">No workload is affected by this failure.</p>}
      </div>
    </aside>
  );
}
