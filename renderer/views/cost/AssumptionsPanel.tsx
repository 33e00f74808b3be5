// The assumptions behind the estimate, editable beside the cost table: hours a month, the spot fallback
// share, monitoring, engineering people and rate. A field commits on Enter or when it loses focus, as one
// `settings` command (one undo step) checked with the schema first, the way the inspector edits the
// document's settings; a refused value is explained at the field and dispatches nothing.
import { useId, useState } from 'react';
import type { Settings } from '../../../shared/model/schema';
import { useAppStore, useServices } from '../../app/context';
import type { FieldPath } from '../../inspector/edit';
import { dotted, getAt, parseNumber, setAt } from '../../inspector/edit';
import { documentEditor } from '../../inspector/Inspector';
import { ASSUMPTIONS, assumptionUnit } from '../../inspector/assumptions';

interface Draft {
  readonly text: string;
  /** The document value the text was typed over: the draft is dropped when the document changes. */
  readonly over: unknown;
  readonly error?: string;
}

export interface AssumptionFieldProps {
  readonly path: FieldPath;
  readonly label: string;
  readonly unit: string;
  readonly step?: number;
  readonly min?: number;
  readonly max?: number;
}

function AssumptionField({ path, label, unit, step = 1, min, max }: AssumptionFieldProps) {
  const services = useServices();
  const settings = useAppStore((s) => s.doc.spec.settings);
  const value = getAt(settings, path);
  const [stored, setDraft] = useState<Draft | null>(null);
  const draft = stored && Object.is(stored.over, value) ? stored : null;
  const id = useId();
  const testId = dotted(path);
  const text = draft?.text ?? (typeof value === 'number' ? String(value) : '');

  const commit = () => {
    if (!draft) return;
    const next = parseNumber(draft.text);
    if (next === undefined || Number.isNaN(next)) {
      setDraft({ ...draft, error: 'must be a number' });
      return;
    }
    if (next === value) {
      setDraft(null);
      return;
    }
    const current = services.store.getState().doc.spec.settings;
    const candidate = setAt(current, path, next) as Settings;
    const error = documentEditor(services.store, 'settings', current).commit(candidate, path);
    setDraft(error ? { ...draft, error } : null);
  };

  return (
    <div className={draft?.error ? 'cost-assumption invalid' : 'cost-assumption'}>
      <label htmlFor={id}>{label}</label>
      <span className="cost-assumption-input">
        <input
          id={id}
          className="input"
          type="number"
          inputMode="decimal"
          step={step}
          min={min}
          max={max}
          value={text}
          data-testid={`cost-assumption-${testId}`}
          aria-invalid={draft?.error ? true : undefined}
          onChange={(event) => setDraft({ text: event.target.value, over: value })}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
            if (event.key === 'Escape') {
              event.stopPropagation();
              setDraft(null);
            }
          }}
        />
        <span className="unit">{unit}</span>
      </span>
      {draft?.error && (
        <div className="field-error" role="alert" data-testid={`cost-assumption-error-${testId}`}>
          {draft.error}
        </div>
      )}
    </div>
  );
}

export function AssumptionsPanel() {
  const currency = useAppStore((s) => s.doc.spec.settings.currency);
  return (
    <section className="cost-assumptions" data-testid="cost-assumptions" aria-label="Assumptions">
      <div className="cost-assumptions-title">
        <h3>Assumptions</h3>
        <p className="cost-assumptions-hint">Enter or leave a field to apply; each change can be undone.</p>
      </div>
      {ASSUMPTIONS.map((spec) => (
        <AssumptionField
          key={dotted(spec.path)}
          path={spec.path}
          label={spec.label}
          unit={assumptionUnit(spec, currency)}
          min={spec.min}
          {...(spec.max !== undefined ? { max: spec.max } : {})}
          {...(spec.step !== undefined ? { step: spec.step } : {})}
        />
      ))}
    </section>
  );
}
