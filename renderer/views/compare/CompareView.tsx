// The Scenarios view: the named variants saved in the document (save the design as one, rename, delete,
// switch the design to one) and any two of them side by side: cost per category and total, blast-radius
// score per failure domain and the design problems that appear or disappear, with B - A deltas, exported
// as CSV, XLSX or Markdown. Every change to the scenarios is a command, so it is undoable.
import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Comparison, CostRowDelta, DomainDelta, ProblemChange } from '../../../shared/compare/compare';
import { comparisonSheet, comparisonTables, costRows, deltaPercent } from '../../../shared/compare/table';
import type { Command } from '../../../shared/model/commands';
import { fullMoney } from '../../analysis/format';
import { useServices } from '../../app/context';
import type { TableExport, TableExportFormat } from '../../exports/table-export';
import { TABLE_EXPORT_FORMATS, exportFileName, saveTableExport } from '../../exports/table-export';
import { useComparison } from './compare-state';
import './compare.css';

/** `up`, `down` or `zero`: the direction of a delta, for its colour. */
export function deltaSign(delta: number | null): 'up' | 'down' | 'zero' {
  if (delta === null || delta === 0) return 'zero';
  return delta > 0 ? 'up' : 'down';
}

/** A money delta with its sign: `+$1,234.00`, `-$5.00`, `$0.00`. */
export function signedAmount(delta: number, currency: string): string {
  return `${delta > 0 ? '+' : ''}${fullMoney(delta, currency)}`;
}

/** Runs a scenario command; a refusal is shown as a toast by the store. */
function useDispatch() {
  const { store } = useServices();
  return (command: Command) => store.getState().dispatch(command);
}

function SaveScenario() {
  const dispatch = useDispatch();
  const [name, setName] = useState('');
  const save = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    if (dispatch({ type: 'saveScenario', name: trimmed }).ok) setName('');
  };
  return (
    <form
      className="compare-save"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <input
        type="text"
        value={name}
        placeholder="Scenario name, e.g. 3 AZs, 70% spot"
        aria-label="Name of the new scenario"
        maxLength={200}
        data-testid="compare-save-name"
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" disabled={!name.trim()} data-testid="compare-save">
        Save current design as scenario
      </button>
    </form>
  );
}

function ScenarioRow({ id, name }: { id: string; name: string }) {
  const dispatch = useDispatch();
  const [editing, setEditing] = useState<string | null>(null);
  const commit = () => {
    const next = editing?.trim();
    if (next && next !== name) dispatch({ type: 'updateScenario', id, changes: { name: next } });
    setEditing(null);
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    else if (event.key === 'Escape') setEditing(null);
  };
  return (
    <li className="compare-scenario" data-testid={`compare-scenario-${id}`}>
      {editing === null ? (
        <span className="compare-scenario-name" data-testid={`compare-scenario-name-${id}`}>
          {name}
        </span>
      ) : (
        <input
          type="text"
          value={editing}
          aria-label={`New name of ${name}`}
          maxLength={200}
          autoFocus
          data-testid={`compare-rename-input-${id}`}
          onChange={(event) => setEditing(event.target.value)}
          onKeyDown={onKey}
          onBlur={commit}
        />
      )}
      <span className="compare-scenario-actions">
        <button type="button" data-testid={`compare-rename-${id}`} onClick={() => setEditing(name)}>
          Rename
        </button>
        <button
          type="button"
          title="Make this scenario the design (the design is kept as a scenario when none holds it)"
          data-testid={`compare-switch-${id}`}
          onClick={() => dispatch({ type: 'switchScenario', id })}
        >
          Switch to
        </button>
        <button
          type="button"
          className="danger"
          data-testid={`compare-delete-${id}`}
          onClick={() => dispatch({ type: 'deleteScenario', id })}
        >
          Delete
        </button>
      </span>
    </li>
  );
}

function SidePicker({
  side,
  value,
  options,
  onChange,
}: {
  side: 'a' | 'b';
  value: string;
  options: readonly { id: string; label: string }[];
  onChange: (id: string) => void;
}) {
  return (
    <label className="compare-picker">
      <span>{side.toUpperCase()}</span>
      <select
        value={value}
        data-testid={`compare-pick-${side}`}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function CostRow({ row, currency, total }: { row: CostRowDelta; currency: string; total?: boolean }) {
  const incomplete = !row.aComplete || !row.bComplete;
  return (
    <tr className={total ? 'total' : undefined} data-testid={`compare-cost-row-${row.key}`}>
      <th scope="row">{row.label}</th>
      <td data-testid={`compare-cost-a-${row.key}`}>{fullMoney(row.expected.a, currency)}</td>
      <td data-testid={`compare-cost-b-${row.key}`}>{fullMoney(row.expected.b, currency)}</td>
      <td
        className="delta"
        data-sign={deltaSign(row.expected.delta)}
        data-testid={`compare-cost-delta-${row.key}`}
      >
        {signedAmount(row.expected.delta, currency)}
      </td>
      <td className="delta" data-sign={deltaSign(row.expected.delta)}>
        {deltaPercent(row.expected)}
      </td>
      <td className="delta" data-sign={deltaSign(row.maximum.delta)}>
        {signedAmount(row.maximum.delta, currency)}
      </td>
      <td className="note">{incomplete ? 'incomplete' : ''}</td>
    </tr>
  );
}

function CostSection({ result }: { result: Comparison }) {
  const rows = costRows(result);
  return (
    <section className="compare-section" data-testid="compare-cost">
      <h3>Monthly cost ({result.currency})</h3>
      <table className="compare-table">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">Delta</th>
            <th scope="col">%</th>
            <th scope="col">Delta max.</th>
            <th scope="col" aria-label="Prices" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <CostRow
              key={row.key}
              row={row}
              currency={result.currency}
              total={row.key === 'infrastructure' || row.key === 'total'}
            />
          ))}
        </tbody>
      </table>
      <p className="compare-hint">
        Expected amounts a month; deltas are B minus A. &ldquo;incomplete&rdquo;: a side has items without a
        price, which neither figure includes.
      </p>
    </section>
  );
}

function score(value: number | null): string {
  return value === null ? '\u2014' : value.toFixed(1);
}

function DomainRow({ domain }: { domain: DomainDelta }) {
  // A domain that only one side has is neither better nor worse in itself: its score says.
  const sign = deltaSign(domain.delta);
  return (
    <tr data-testid={`compare-blast-row-${domain.id}`} data-change={domain.change}>
      <th scope="row" title={domain.label}>
        {domain.id}
      </th>
      <td>{score(domain.a)}</td>
      <td>{score(domain.b)}</td>
      <td className="delta" data-sign={sign}>
        {domain.delta === null ? domain.change : `${domain.delta > 0 ? '+' : ''}${domain.delta.toFixed(1)}`}
      </td>
    </tr>
  );
}

function BlastSection({ result }: { result: Comparison }) {
  const [all, setAll] = useState(false);
  const { worst, singlePointsOfFailure, domains } = result.blast;
  const changed = domains.filter((d) => d.change !== 'same');
  const shown = all ? domains : changed;
  return (
    <section className="compare-section" data-testid="compare-blast">
      <h3>Blast radius per failure domain</h3>
      <p className="compare-facts">
        <span data-testid="compare-blast-worst">
          Worst score {worst.a.toFixed(1)} &rarr; {worst.b.toFixed(1)}{' '}
          <b className="delta" data-sign={deltaSign(worst.delta)}>
            ({worst.delta > 0 ? '+' : ''}
            {worst.delta.toFixed(1)})
          </b>
        </span>
        <span data-testid="compare-blast-spof">
          Single points of failure {singlePointsOfFailure.a} &rarr; {singlePointsOfFailure.b}
        </span>
        <span>
          {changed.length} of {domains.length} domains differ
        </span>
      </p>
      {shown.length > 0 && (
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col">Delta</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((domain) => (
              <DomainRow key={domain.id} domain={domain} />
            ))}
          </tbody>
        </table>
      )}
      <label className="compare-toggle">
        <input type="checkbox" checked={all} data-testid="compare-blast-all" onChange={() => setAll(!all)} />
        Show the domains that do not change
      </label>
    </section>
  );
}

function ProblemList({
  title,
  list,
  change,
}: {
  title: string;
  list: readonly ProblemChange[];
  change: string;
}) {
  return (
    <div className={`compare-problems ${change}`} data-testid={`compare-problems-${change}`}>
      <h4>
        {title} ({list.length})
      </h4>
      {list.length === 0 ? (
        <p className="compare-hint">None.</p>
      ) : (
        <ul>
          {list.map((p) => (
            <li
              key={`${p.code} ${p.elementId} ${p.message}`}
              data-testid={`compare-problem-${change}-${p.code}-${p.elementId}`}
            >
              <span className={`severity ${p.severity}`}>{p.severity}</span> <code>{p.code}</code>{' '}
              <b>{p.elementId}</b>: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProblemsSection({ result }: { result: Comparison }) {
  return (
    <section className="compare-section" data-testid="compare-problems">
      <h3>Design problems</h3>
      <ProblemList title="Appear in B" list={result.problems.appeared} change="appeared" />
      <ProblemList title="Disappear from A" list={result.problems.disappeared} change="disappeared" />
      <p className="compare-hint">{result.problems.unchanged} problem(s) on both sides.</p>
    </section>
  );
}

/** What an export of the comparison holds: CSV gets the one long table, XLSX and Markdown the three tables. */
function exportContent(result: Comparison, documentName: string, format: TableExportFormat): TableExport {
  const [cost, blast, problems] = comparisonTables(result);
  return {
    title: `${documentName}: "${result.b.label}" against "${result.a.label}"`,
    header: [
      { label: 'Document', value: documentName },
      { label: 'A', value: result.a.label },
      { label: 'B', value: result.b.label },
      { label: 'Deltas', value: 'B minus A' },
    ],
    sheets:
      format === 'csv'
        ? [{ name: 'Comparison', table: comparisonSheet(result) }]
        : [
            { name: 'Cost', table: cost! },
            { name: 'Blast radius', table: blast! },
            { name: 'Problems', table: problems! },
          ],
    currency: result.currency,
  };
}

function Exports({ result, documentName }: { result: Comparison; documentName: string }) {
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const run = async (format: TableExportFormat) => {
    setBusy(true);
    try {
      const name = exportFileName(documentName, 'compare', result.a.id, result.b.id);
      const outcome = await saveTableExport(
        services.host,
        exportContent(result, documentName, format),
        format,
        name,
      );
      const session = services.store.getState();
      if (!outcome.ok)
        session.showToast({ kind: 'error', message: `Export failed: ${outcome.error.message}` });
      else if (outcome.value)
        session.showToast({ kind: 'success', message: `Exported the comparison to ${outcome.value.name}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="compare-exports">
      {(['csv', 'xlsx', 'md'] as const).map((format) => (
        <button
          key={format}
          type="button"
          disabled={busy}
          data-testid={`compare-export-${format}`}
          onClick={() => void run(format)}
        >
          Export {TABLE_EXPORT_FORMATS[format].label}
        </button>
      ))}
    </div>
  );
}

/** The Scenarios view. */
export function CompareView() {
  const { doc, a, b, sides, state, choose } = useComparison();
  const scenarios = doc.scenarios ?? [];
  const options = sides.map((s) => ({ id: s.id, label: s.label }));
  return (
    <div className="compare-view">
      <header className="compare-header">
        <h2>Scenarios</h2>
        <p className="compare-hint">
          Named variants of this design, saved in the same file. Save the design as a scenario, change it,
          then compare.
        </p>
      </header>
      <section className="compare-section" data-testid="compare-scenarios">
        <SaveScenario />
        {scenarios.length === 0 ? (
          <p className="compare-hint" data-testid="compare-empty">
            No scenarios yet.
          </p>
        ) : (
          <ul className="compare-scenarios">
            {scenarios.map((s) => (
              <ScenarioRow key={s.id} id={s.id} name={s.name} />
            ))}
          </ul>
        )}
      </section>
      <section className="compare-pickers">
        <SidePicker side="a" value={a.id} options={options} onChange={(id) => choose('a', id)} />
        <SidePicker side="b" value={b.id} options={options} onChange={(id) => choose('b', id)} />
        {state.ok && <Exports result={state.result} documentName={doc.metadata.name} />}
      </section>
      {a.id === b.id && (
        <p className="compare-hint" data-testid="compare-same">
          A and B are the same variant: pick two different ones to see differences.
        </p>
      )}
      {state.ok ? (
        <div className="compare-results">
          <CostSection result={state.result} />
          <BlastSection result={state.result} />
          <ProblemsSection result={state.result} />
        </div>
      ) : (
        <p className="compare-error" role="alert" data-testid="compare-error">
          {state.message}
        </p>
      )}
    </div>
  );
}
