// The problems panel below the canvas: every design-rule diagnostic (and what the loader warned about in
// the open file), worst first, with the element it is about. Clicking a row selects the element and
// brings it into view; "Fix" runs the diagnostic's fix command (one undo step).
import { memo } from 'react';
import type { FileProblem } from '../../shared/format/document-file';
import { findElement, kindLabel } from '../../shared/model/elements';
import type { Diagnostic } from '../../shared/rules/types';
import { plural } from '../../shared/util/text';
import { useAppStore, useServices } from '../app/context';
import type { AppServices } from '../app/services';
import { problemTotals, selectProblemsPending } from '../store/analysis-selectors';
import { Icon } from '../ui/icons';
import { SeverityIcon } from './severity';

/** Selects an element and brings it into view on the canvas. */
export function revealElement(services: AppServices, id: string): void {
  const state = services.store.getState();
  if (!findElement(state.doc, id)) return;
  state.setSelection([id]);
  services.canvas.current?.reveal([id]);
}

/** Runs a diagnostic's fix command; a refusal shows as a toast. */
export function applyDiagnosticFix(services: AppServices, diagnostic: Diagnostic): boolean {
  const command = diagnostic.fix.command;
  if (!command) return false;
  return services.store.getState().dispatch(command).ok;
}

function ElementLabel({ id }: { id: string }) {
  // Element and kind apart: each keeps its identity while unchanged.
  const element = useAppStore((s) => findElement(s.doc, id)?.element);
  const kind = useAppStore((s) => findElement(s.doc, id)?.kind);
  if (!element || !kind) return <code className="problem-element">{id || 'document'}</code>;
  return (
    <span className="problem-element" title={`${kindLabel(kind, element)} ${id}`}>
      <span className="problem-kind">{kindLabel(kind, element)}</span>
      {element.name ?? id}
    </span>
  );
}

const DiagnosticRow = memo(function DiagnosticRow({ diagnostic }: { diagnostic: Diagnostic }) {
  const services = useServices();
  const selected = useAppStore((s) => s.selection.length === 1 && s.selection[0] === diagnostic.elementId);
  // A fix carries the element as the rules saw it: while they catch up with the last edit, it could undo it.
  const pending = useAppStore(selectProblemsPending);
  const key = `${diagnostic.code}-${diagnostic.elementId}`;
  return (
    <div
      role="row"
      tabIndex={0}
      className={selected ? 'problem-row selected' : 'problem-row'}
      data-testid={`problem-row-${key}`}
      data-severity={diagnostic.severity}
      onClick={() => revealElement(services, diagnostic.elementId)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') revealElement(services, diagnostic.elementId);
      }}
    >
      <span role="cell" className="problem-severity">
        <SeverityIcon severity={diagnostic.severity} />
      </span>
      <span role="cell" className="problem-where">
        <ElementLabel id={diagnostic.elementId} />
      </span>
      <span role="cell" className="problem-message">
        {diagnostic.message}
        <span className="problem-hint">
          {diagnostic.fix.label} <code className="problem-code">{diagnostic.code}</code>
        </span>
      </span>
      <span role="cell" className="problem-actions">
        {diagnostic.fix.command && (
          <button
            type="button"
            className="button small"
            data-testid={`problem-fix-${key}`}
            title={pending ? 'The design rules are checking the latest change' : diagnostic.fix.label}
            disabled={pending}
            onClick={(event) => {
              event.stopPropagation();
              applyDiagnosticFix(services, diagnostic);
            }}
          >
            Fix
          </button>
        )}
      </span>
    </div>
  );
});

function LoadWarningRow({ warning }: { warning: FileProblem }) {
  const services = useServices();
  const fileName = useAppStore((s) => s.file.name);
  const elementId = warning.elementId;
  const where =
    warning.line !== undefined
      ? `${fileName}:${warning.line}${warning.column ? `:${warning.column}` : ''}`
      : fileName;
  return (
    <div
      role="row"
      tabIndex={0}
      className="problem-row load"
      data-testid={`problem-row-${warning.code}-${elementId ?? 'file'}`}
      data-severity={warning.severity}
      onClick={() => elementId && revealElement(services, elementId)}
    >
      <span role="cell" className="problem-severity">
        <SeverityIcon severity={warning.severity} />
      </span>
      <span role="cell" className="problem-where">
        {elementId ? <ElementLabel id={elementId} /> : <code className="problem-element">{fileName}</code>}
      </span>
      <span role="cell" className="problem-message">
        {warning.message}
        <span className="problem-hint">
          found when the file was opened · {where} <code className="problem-code">{warning.code}</code>
        </span>
      </span>
      <span role="cell" className="problem-actions" />
    </div>
  );
}

export function ProblemsPanel() {
  const open = useAppStore((s) => s.panels.problems);
  return open ? <ProblemsList /> : null;
}

function ProblemsList() {
  const { store } = useServices();
  const diagnostics = useAppStore((s) => s.analysis.diagnostics);
  const warnings = useAppStore((s) => s.loadWarnings);
  const failures = useAppStore((s) => s.analysis.failures);
  const pending = useAppStore((s) => s.analysisPending);
  const totals = useAppStore((s) => problemTotals(s).errors);
  const warningCount = useAppStore((s) => problemTotals(s).warnings);
  const empty = diagnostics.length === 0 && warnings.length === 0 && failures.length === 0;
  return (
    <section className="problems-panel" data-testid="problems-panel" aria-label="Problems">
      <header className="problems-header">
        <span className="panel-heading">Problems</span>
        <span className="problems-counts">
          {plural(totals, 'error')} · {plural(warningCount, 'warning')}
          {pending && <span className="muted"> · updating…</span>}
        </span>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="tool-button"
          aria-label="Close the problems panel"
          data-testid="problems-close"
          onClick={() => store.getState().setPanel('problems', false)}
        >
          <Icon name="close" />
        </button>
      </header>
      <div className="problems-list" role="table" aria-label="Problems">
        {empty && (
          <p className="problems-empty" data-testid="problems-empty">
            No problems: the design rules found nothing to report.
          </p>
        )}
        {failures.map((failure, i) => (
          <div
            key={i}
            role="row"
            className="problem-row"
            data-testid={`problem-row-analysis.failed-${i}`}
            data-severity="error"
          >
            <span role="cell" className="problem-severity">
              <SeverityIcon severity="error" />
            </span>
            <span role="cell" className="problem-where">
              <code className="problem-element">analysis</code>
            </span>
            <span role="cell" className="problem-message">
              {failure}
            </span>
            <span role="cell" className="problem-actions" />
          </div>
        ))}
        {diagnostics.map((diagnostic, i) => (
          <DiagnosticRow
            key={`${diagnostic.code}\u0000${diagnostic.elementId}\u0000${i}`}
            diagnostic={diagnostic}
          />
        ))}
        {warnings.map((warning, i) => (
          <LoadWarningRow key={`load-${i}`} warning={warning} />
        ))}
      </div>
    </section>
  );
}
