// The Scenarios view for presentation mode: the chosen two variants in large type, totals with their delta,
// the categories that change, the worst blast-radius score and the problems that appear or disappear.
import { fullMoney } from '../../analysis/format';
import { useComparison } from './compare-state';
import { deltaSign, signedAmount } from './CompareView';
import './compare.css';

const LISTED = 4;

/** The comparison slide. */
export function CompareSlide() {
  const { doc, state } = useComparison();
  if ((doc.scenarios ?? []).length === 0) {
    return (
      <div className="compare-slide" data-testid="compare-slide">
        <h1>Scenarios</h1>
        <p className="compare-slide-note">No scenarios saved in this design yet.</p>
      </div>
    );
  }
  if (!state.ok) {
    return (
      <div className="compare-slide" data-testid="compare-slide">
        <h1>Scenarios</h1>
        <p className="compare-slide-note">{state.message}</p>
      </div>
    );
  }
  const result = state.result;
  const cur = result.currency;
  const total = result.cost.total;
  const categories = result.cost.categories.filter((c) => c.expected.delta !== 0);
  const { appeared, disappeared } = result.problems;
  return (
    <div className="compare-slide" data-testid="compare-slide">
      <h1>
        {result.b.label} <span className="vs">vs</span> {result.a.label}
      </h1>
      <div className="compare-slide-totals">
        <div>
          <span className="label">A · {result.a.label}</span>
          <span className="amount">{fullMoney(total.expected.a, cur)}</span>
        </div>
        <div>
          <span className="label">B · {result.b.label}</span>
          <span className="amount">{fullMoney(total.expected.b, cur)}</span>
        </div>
        <div>
          <span className="label">Delta a month</span>
          <span
            className="amount delta"
            data-sign={deltaSign(total.expected.delta)}
            data-testid="compare-slide-delta"
          >
            {signedAmount(total.expected.delta, cur)}
          </span>
        </div>
      </div>
      <div className="compare-slide-columns">
        <section>
          <h2>Cost by category</h2>
          {categories.length === 0 ? (
            <p className="compare-slide-note">No category changes.</p>
          ) : (
            <ul>
              {categories.map((c) => (
                <li key={c.key}>
                  {c.label}{' '}
                  <b className="delta" data-sign={deltaSign(c.expected.delta)}>
                    {signedAmount(c.expected.delta, cur)}
                  </b>
                </li>
              ))}
            </ul>
          )}
          <p className="compare-slide-note">
            Worst blast-radius score {result.blast.worst.a.toFixed(1)} &rarr;{' '}
            {result.blast.worst.b.toFixed(1)}
          </p>
        </section>
        <section>
          <h2>Problems</h2>
          <p>
            <b className="delta" data-sign={appeared.length > 0 ? 'up' : 'zero'}>
              {appeared.length} appear
            </b>
            {' · '}
            <b className="delta" data-sign={disappeared.length > 0 ? 'down' : 'zero'}>
              {disappeared.length} disappear
            </b>
          </p>
          <ul>
            {appeared.slice(0, LISTED).map((p) => (
              <li key={`+${p.code}${p.elementId}${p.message}`}>+ {p.message}</li>
            ))}
            {disappeared.slice(0, LISTED).map((p) => (
              <li key={`-${p.code}${p.elementId}${p.message}`}>&minus; {p.message}</li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
