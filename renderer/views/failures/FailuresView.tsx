// The Failures view, docked beside the canvas: the failure domains worst first (choosing one sets the
// session's blast domain, so the canvas marks what fails, degrades and survives), the chosen domain's impact
// on every workload, the single points of failure, the AZ-loss matrix (clusters and fleets x zones, per
// region) and the burst simulation. Everything is read from the analysis slice or computed once per analysed
// document; nothing here edits the document except the chain delays of the burst plot.
import { useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ZoneLossMatrix } from '../../../shared/blast/zone-matrix';
import { useAppStore, useServices } from '../../app/context';
import { useBlastSummary } from '../../analysis/blast-summary';
import { percent } from '../../analysis/format';
import { isHit, sortImpacts, trafficAffected } from '../../analysis/impact-rows';
import { revealElement } from '../../analysis/ProblemsPanel';
import { selectBlastImpact } from '../../store/analysis-selectors';
import { BurstSection } from './BurstPlot';
import { TONE_TEXT, cellText, cellTone, domainRows, spofKey, verdictTone } from './failures-model';
import { useAnalysedDocument, useZoneMatrix } from './use-failures';
import './failures.css';

/** Domains listed before "show all". */
const LISTED_DOMAINS = 12;

function DomainList() {
  const { store } = useServices();
  const result = useBlastSummary(useAnalysedDocument());
  const summary = result.ok ? result.summary : null;
  const chosen = useAppStore((s) => s.blastDomain);
  const [all, setAll] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const rows = useMemo(() => (summary ? domainRows(summary) : []), [summary]);
  if (!result.ok) return <p className="failures-empty">{result.message}</p>;
  const chosenAt = rows.findIndex((row) => row.id === chosen);
  const shown = all ? rows : rows.filter((row, i) => i < LISTED_DOMAINS || row.id === chosen);
  const choose = (id: string | null) => store.getState().setBlastDomain(id);
  // Up and down move through the list and choose as they go, like a list box.
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button[data-domain]') ?? [])];
    const at = buttons.findIndex((button) => button === document.activeElement);
    const next =
      buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (!next) return;
    next.focus();
    choose(next.dataset.domain ?? null);
  };
  return (
    <section className="failures-section" data-testid="failures-domains" aria-label="Failure domains">
      <header className="failures-section-head">
        <h3>Failure domains, worst first</h3>
        <label className="failures-all">
          <input
            type="checkbox"
            data-testid="failures-domains-all"
            checked={all}
            onChange={(event) => setAll(event.target.checked)}
          />
          all {rows.length}
        </label>
      </header>
      <p className="failures-hint muted">
        Choose one to see on the canvas what fails (red), degrades (amber) and survives.
        {chosenAt >= 0 ? ` Chosen: #${chosenAt + 1}.` : ''}
      </p>
      <ol className="failures-domains" ref={list} onKeyDown={onKeyDown}>
        {shown.map((row) => {
          const selected = row.id === chosen;
          return (
            <li key={row.id}>
              <button
                type="button"
                className={selected ? 'failures-domain selected' : 'failures-domain'}
                data-testid={`failures-domain-${row.id}`}
                data-domain={row.id}
                aria-pressed={selected}
                title={row.rule}
                onClick={() => choose(selected ? null : row.id)}
              >
                <span
                  className="failures-score"
                  data-level={row.score >= 50 ? 'high' : row.score >= 10 ? 'mid' : 'low'}
                >
                  {row.score.toFixed(1)}
                </span>
                <span className="failures-domain-text">
                  <span className="failures-domain-label">{row.label}</span>
                  <span className="failures-domain-effect">{row.effect}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function ImpactTable() {
  const services = useServices();
  const impact = useAppStore(selectBlastImpact);
  const domain = useAppStore((s) => s.blastDomain);
  const pending = useAppStore((s) => s.analysisPending);
  const [all, setAll] = useState(false);
  const sorted = useMemo(() => (impact ? sortImpacts(impact.workloads) : []), [impact]);
  if (domain === null)
    return (
      <section className="failures-section" data-testid="failures-impact" aria-label="Impact">
        <h3>Impact</h3>
        <p className="failures-empty">Choose a failure domain to see its impact on each workload.</p>
      </section>
    );
  if (!impact)
    return (
      <section className="failures-section" data-testid="failures-impact" aria-label="Impact">
        <h3>Impact</h3>
        <p className="failures-empty">{pending ? `Simulating ${domain}…` : `No analysis of ${domain}.`}</p>
      </section>
    );
  const hit = sorted.filter(isHit);
  const rows = all ? sorted : hit;
  const mark = (ok: boolean) => <span className={ok ? 'yes' : 'no'}>{ok ? '✓ yes' : '✗ no'}</span>;
  return (
    <section className="failures-section" data-testid="failures-impact" aria-label="Impact">
      <header className="failures-section-head">
        <h3>Impact of {impact.domain.label}</h3>
        <label className="failures-all">
          <input
            type="checkbox"
            data-testid="failures-impact-all"
            checked={all}
            onChange={(event) => setAll(event.target.checked)}
          />
          all {impact.workloads.length}
        </label>
      </header>
      <p className="failures-hint" data-testid="failures-impact-summary">
        score <strong>{impact.score.toFixed(1)}</strong> · user traffic affected{' '}
        <strong>{percent(impact.userTraffic.affected)}</strong> (adds {percent(impact.userTraffic.byFailure)})
        · {impact.counts.down} down · {impact.counts.degraded} degraded · {impact.failed.length} elements
        failed
      </p>
      <table className="failures-table">
        <thead>
          <tr>
            <th>Workload</th>
            <th>Status</th>
            <th className="num" title="Share of its own capacity lost">
              Capacity lost
            </th>
            <th title="Its own capacity still carries the baseline demand">Baseline</th>
            <th title="Its own capacity still carries the burst demand">Burst</th>
            <th className="num" title={impact.userTraffic.definition}>
              Traffic affected
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => (
            <tr
              key={w.workloadId}
              className={`impact-${w.status}`}
              data-testid={`failures-impact-row-${w.workloadId}`}
              data-status={w.status}
              title={w.reason}
              onClick={() => revealElement(services, w.workloadId)}
            >
              <td>
                {w.name}
                <code className="failures-id">{w.workloadId}</code>
              </td>
              <td>
                <span className={`status-chip ${w.status}`}>{w.status}</span>
              </td>
              <td className="num">{percent(w.capacityLost, 0)}</td>
              <td>{mark(w.carriesBaseline)}</td>
              <td>{mark(w.carriesBurst)}</td>
              <td className="num">{w.trafficWeight > 0 ? percent(trafficAffected(w)) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && (
        <p className="failures-empty" data-testid="failures-impact-empty">
          No workload is affected by this failure.
        </p>
      )}
    </section>
  );
}

function SpofList() {
  const services = useServices();
  const result = useBlastSummary(useAnalysedDocument());
  if (!result.ok) return null;
  const spofs = result.summary.singlePointsOfFailure;
  return (
    <section className="failures-section" data-testid="failures-spofs" aria-label="Single points of failure">
      <h3>Single points of failure ({spofs.length})</h3>
      {spofs.length === 0 ? (
        <p className="failures-empty">
          None: no element, zone, replica or NAT gateway is a single point of failure.
        </p>
      ) : (
        <ul className="failures-spofs">
          {spofs.map((spof) => (
            <li key={spofKey(spof)}>
              <button
                type="button"
                className="failures-spof"
                data-testid={`failures-spof-${spofKey(spof)}`}
                title="Show it on the canvas"
                onClick={() => revealElement(services, spof.elementId)}
              >
                <code>{spof.elementId}</code> {spof.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The AZ-loss matrix, one table per region; a zone's heading chooses that zone's failure. */
export function ZoneMatrixTables({ matrix, large = false }: { matrix: ZoneLossMatrix; large?: boolean }) {
  const { store } = useServices();
  const chosen = useAppStore((s) => s.blastDomain);
  if (matrix.regions.length === 0)
    return <p className="failures-empty">No region has zones with a cluster or a fleet.</p>;
  return (
    <>
      {matrix.regions.map((region) => (
        <table
          key={region.regionId}
          className={large ? 'failures-matrix large' : 'failures-matrix'}
          data-testid={`failures-matrix-${region.regionId}`}
        >
          <caption>{region.name}</caption>
          <thead>
            <tr>
              <th>Lose →</th>
              <th scope="col" title="With nothing lost">
                none
              </th>
              {region.zones.map((zone) => {
                const domain = `zone:${zone.id}`;
                return (
                  <th key={zone.id} scope="col">
                    {large ? (
                      zone.name
                    ) : (
                      <button
                        type="button"
                        className={chosen === domain ? 'failures-zone selected' : 'failures-zone'}
                        data-testid={`failures-zone-${zone.id}`}
                        aria-pressed={chosen === domain}
                        title={`Simulate the loss of ${zone.name}`}
                        onClick={() => store.getState().setBlastDomain(chosen === domain ? null : domain)}
                      >
                        {zone.name}
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {region.rows.map((row) => (
              <tr key={row.elementId}>
                <th scope="row" title={`${row.kind}: ${row.workloadIds.join(', ') || 'no workloads'}`}>
                  {row.name}
                  <span className="failures-kind">{row.kind}</span>
                </th>
                <td
                  className="failures-cell"
                  data-tone={verdictTone(row.intact)}
                  data-testid={`failures-intact-${row.elementId}`}
                  title="With nothing lost"
                >
                  {TONE_TEXT[verdictTone(row.intact)]}
                </td>
                {row.cells.map((cell) => (
                  <td
                    key={cell.zoneId}
                    className="failures-cell"
                    data-tone={cellTone(cell)}
                    data-testid={`failures-cell-${row.elementId}-${cell.zoneId}`}
                    title={cell.message}
                  >
                    {cellText(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

function ZoneMatrixSection() {
  const result = useZoneMatrix();
  return (
    <section className="failures-section" data-testid="failures-matrix" aria-label="AZ-loss matrix">
      <h3>AZ-loss matrix</h3>
      <p className="failures-hint muted">
        Each cell: what is left of the cluster or fleet when that zone is lost, and whether its workloads
        still carry their burst, only their baseline, or fall short; “none” is the design with nothing lost.
        Click a zone to simulate its loss.
      </p>
      {result.ok ? (
        <ZoneMatrixTables matrix={result.matrix} />
      ) : (
        <p className="failures-error">{result.message}</p>
      )}
    </section>
  );
}

/** The Failures workspace view. */
export function FailuresView() {
  return (
    <div className="failures-view" data-testid="failures-view">
      <DomainList />
      <ImpactTable />
      <SpofList />
      <ZoneMatrixSection />
      <BurstSection />
    </div>
  );
}
