// The Failures view in presentation mode (a projector, 1920x1080): the worst failure domains with their
// scores, how many single points of failure there are, and the AZ-loss matrix, in large type.
import { useMemo } from 'react';
import { useBlastSummary } from '../../analysis/blast-summary';
import { useAppStore } from '../../app/context';
import { domainRows, matrixCounts } from './failures-model';
import { ZoneMatrixTables } from './FailuresView';
import { useAnalysedDocument, useZoneMatrix } from './use-failures';
import './failures.css';

/** Domains on the slide. */
const WORST = 5;

/** The failure summary slide. */
export function FailuresSlide() {
  const result = useBlastSummary(useAnalysedDocument());
  const summary = result.ok ? result.summary : null;
  const name = useAppStore((s) => s.doc.metadata.name);
  const matrix = useZoneMatrix();
  const worst = useMemo(() => (summary ? domainRows(summary).slice(0, WORST) : []), [summary]);
  const counts = matrix.ok ? matrixCounts(matrix.matrix) : undefined;
  if (!result.ok)
    return (
      <div className="failures-slide" data-testid="failures-slide">
        <h1>Failures · {name}</h1>
        <p className="failures-slide-note">{result.message}</p>
      </div>
    );
  const spofs = result.summary.singlePointsOfFailure;
  return (
    <div className="failures-slide" data-testid="failures-slide">
      <h1>Failures · {name}</h1>
      <div className="failures-slide-columns">
        <section>
          <h2>Worst failure domains</h2>
          <ol className="failures-slide-domains">
            {worst.map((row) => (
              <li key={row.id}>
                <span className="failures-slide-score">{row.score.toFixed(0)}</span>
                <span>
                  {row.label}
                  <small>{row.effect}</small>
                </span>
              </li>
            ))}
          </ol>
        </section>
        <section className="failures-slide-figures">
          <div>
            <span className="failures-slide-big" data-testid="failures-slide-spofs">
              {spofs.length}
            </span>
            <span>single points of failure</span>
          </div>
          {counts && (
            <div>
              <span className="failures-slide-big">{counts.short}</span>
              <span>
                of {counts.cells} zone losses leave a cluster or fleet short of baseline;{' '}
                {counts.baselineOnly} more short of burst
              </span>
            </div>
          )}
        </section>
      </div>
      <section className="failures-slide-matrix">
        <h2>AZ-loss matrix</h2>
        <div className="failures-slide-matrix-tables">
          {matrix.ok ? <ZoneMatrixTables matrix={matrix.matrix} large /> : <p>{matrix.message}</p>}
        </div>
      </section>
    </div>
  );
}
