// The right-hand panel. With one element selected it edits every property of it (element-forms.tsx), with
// its monthly cost and its problems on top; with nothing selected it edits the document: its details and
// the assumptions every estimate depends on. Edits are checked with the schema before they are dispatched
// and each committed edit is one command (one undo step).
import { useCallback, useDeferredValue, useMemo } from 'react';
import { ELEMENT_KINDS, findElement, kindLabel } from '../../shared/model/elements';
import type { Element, ElementKind } from '../../shared/model/elements';
import type { FieldChanges } from '../../shared/model/commands';
import { MetadataSchema, SettingsSchema } from '../../shared/model/schema';
import type { Metadata, Settings } from '../../shared/model/schema';
import type { Diagnostic } from '../../shared/rules/types';
import { compactMoney } from '../analysis/format';
import { SeverityIcon } from '../analysis/severity';
import { useAppStore, useServices } from '../app/context';
import { costOf, diagnosticsOf } from '../store/analysis-selectors';
import type { AppStore } from '../store/app-store';
import type { MoveElement } from './element-forms';
import { ElementForm } from './element-forms';
import { fieldChanges, validateEdit } from './edit';
import type { Editor } from './fields';
import { EditorProvider } from './fields';
import { SettingsForm } from './SettingsForm';

/** An editor that turns each checked edit of an element into one `update` command. */
export function elementEditor(store: AppStore, kind: ElementKind, element: Element): Editor {
  const schema = ELEMENT_KINDS[kind].schema;
  const latest = () => findElement(store.getState().doc, element.id)?.element ?? element;
  return {
    subject: element,
    latest,
    schema,
    testPrefix: '',
    commit(candidate, path) {
      const message = validateEdit(schema, candidate, path);
      if (message) return message;
      const changes = fieldChanges(latest(), candidate);
      if (Object.keys(changes).length === 0) return undefined;
      const result = store.getState().dispatch({ type: 'update', id: element.id, changes }, { toast: false });
      return result.ok ? undefined : result.error.message;
    },
  };
}

/** An editor of the settings (`settings` command) or the document details (`metadata` command). */
export function documentEditor(
  store: AppStore,
  part: 'settings' | 'metadata',
  subject: Settings | Metadata,
): Editor {
  const schema = part === 'settings' ? SettingsSchema : MetadataSchema;
  const latest = () =>
    part === 'settings' ? store.getState().doc.spec.settings : store.getState().doc.metadata;
  return {
    subject,
    latest,
    schema,
    testPrefix: part === 'metadata' ? 'metadata.' : '',
    commit(candidate, path) {
      const message = validateEdit(schema, candidate, path);
      if (message) return message;
      const changes: FieldChanges = fieldChanges(latest(), candidate);
      if (Object.keys(changes).length === 0) return undefined;
      const result = store.getState().dispatch({ type: part, changes }, { toast: false });
      return result.ok ? undefined : result.error.message;
    },
  };
}

export function Inspector() {
  const selection = useAppStore((s) => s.selection);
  const id = selection.length === 1 ? selection[0] : undefined;
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      {id !== undefined ? (
        <ElementInspector key={id} id={id} />
      ) : selection.length > 1 ? (
        <>
          <div className="panel-title">Inspector</div>
          <p className="inspector-empty" data-testid="inspector-multiple">
            {selection.length} elements selected. Select one to edit it.
          </p>
        </>
      ) : (
        <SettingsInspector />
      )}
    </aside>
  );
}

function ElementInspector({ id }: { id: string }) {
  const { store } = useServices();
  // The element and its kind are selected apart: each keeps its identity while unchanged. The form follows
  // an edit at a lower priority than the rest of the window (it shows what the user typed meanwhile): on a
  // large design, its hundred-odd controls would otherwise keep the new cost total off the screen for a
  // frame. The header and the cost follow at once.
  const element = useAppStore((s) => findElement(s.doc, id)?.element);
  const kind = useAppStore((s) => findElement(s.doc, id)?.kind);
  const shown = useDeferredValue(element);
  const editor = useMemo(
    () => (shown && kind ? elementEditor(store, kind, shown) : undefined),
    [store, kind, shown],
  );
  const move = useCallback<MoveElement>(
    (parent, zones) => {
      const result = store
        .getState()
        .dispatch({ type: 'move', id, parent, ...(zones ? { zones } : {}) }, { toast: false });
      return result.ok ? undefined : result.error.message;
    },
    [store, id],
  );
  const form = useMemo(
    () =>
      editor && kind && shown ? (
        <EditorProvider editor={editor}>
          <ElementForm kind={kind} element={shown} move={move} />
        </EditorProvider>
      ) : null,
    [editor, kind, shown, move],
  );
  if (!element || !kind || !form) return null;
  return (
    <div className="inspector-body" data-testid="inspector-element" data-kind={kind}>
      <header className="inspector-header">
        <span className={`kind-chip kind-${kind}`} data-testid="inspector-kind">
          {kindLabel(kind, element)}
        </span>
        <h2 className="inspector-title" title={element.name ?? element.id}>
          {element.name ?? element.id}
        </h2>
        <ElementCost id={id} />
      </header>
      <ElementProblems id={id} />
      {form}
    </div>
  );
}

function ElementCost({ id }: { id: string }) {
  const cost = useAppStore(costOf(id));
  const currency = useAppStore((s) => s.doc.spec.settings.currency);
  if (!cost) return null;
  const none = cost.unpriced === cost.items;
  return (
    <div className="inspector-cost" data-testid="inspector-cost">
      {none ? (
        <span className="badge-missing">no price</span>
      ) : (
        <>
          <strong>{compactMoney(cost.expected, currency)}/mo</strong>
          <span className="muted"> expected · max {compactMoney(cost.maximum, currency)}</span>
          {cost.unpriced > 0 && (
            <span className="badge-incomplete">incomplete ({cost.unpriced} unpriced)</span>
          )}
        </>
      )}
    </div>
  );
}

function ElementProblems({ id }: { id: string }) {
  const diagnostics = useAppStore(diagnosticsOf(id));
  const { store } = useServices();
  if (diagnostics.length === 0) return null;
  const fix = (d: Diagnostic) => {
    if (d.fix.command) store.getState().dispatch(d.fix.command);
  };
  return (
    <ul className="inspector-problems" data-testid="inspector-problems">
      {diagnostics.map((d, i) => (
        <li
          key={`${d.code}-${i}`}
          className={`severity-${d.severity}`}
          data-testid={`inspector-problem-${d.code}`}
        >
          <SeverityIcon severity={d.severity} />
          <span className="problem-text">
            {d.message}
            <span className="problem-hint">{d.fix.label}</span>
          </span>
          {d.fix.command && (
            <button type="button" className="button small" onClick={() => fix(d)} title={d.fix.label}>
              Fix
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function SettingsInspector() {
  const { store } = useServices();
  const settings = useAppStore((s) => s.doc.spec.settings);
  const metadata = useAppStore((s) => s.doc.metadata);
  const settingsEditor = useMemo(() => documentEditor(store, 'settings', settings), [store, settings]);
  const metadataEditor = useMemo(() => documentEditor(store, 'metadata', metadata), [store, metadata]);
  return (
    <div className="inspector-body" data-testid="inspector-settings">
      <header className="inspector-header">
        <span className="kind-chip kind-document">document</span>
        <h2 className="inspector-title">{metadata.name}</h2>
        <p className="inspector-hint">
          Select an element on the canvas to edit it. These settings apply to the whole design.
        </p>
      </header>
      <SettingsForm settingsEditor={settingsEditor} metadataEditor={metadataEditor} />
    </div>
  );
}
