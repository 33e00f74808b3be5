// The right-hand panel. For now it names the selection (kind, id, name); the full inspector with its
// forms, the instance type picker and the problems list take this place.
import { findElement, kindLabel } from '../../shared/model/elements';
import { useAppStore } from './context';

export function Inspector() {
  const selection = useAppStore((s) => s.selection);
  const id = selection.length === 1 ? selection[0] : undefined;
  // The element and its kind are selected apart: each keeps its identity while unchanged (a selector
  // that builds a new object on every call would re-render forever).
  const element = useAppStore((s) => (id === undefined ? undefined : findElement(s.doc, id)?.element));
  const kind = useAppStore((s) => (id === undefined ? undefined : findElement(s.doc, id)?.kind));
  const found = element && kind ? { element, kind } : undefined;
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <div className="panel-title">Inspector</div>
      {selection.length === 0 && <p className="inspector-empty">Select an element to see its details.</p>}
      {selection.length > 1 && <p className="inspector-empty">{selection.length} elements selected.</p>}
      {found && (
        <dl className="inspector-fields" data-testid="inspector-selection">
          <dt>Kind</dt>
          <dd data-testid="inspector-kind">{kindLabel(found.kind, found.element)}</dd>
          <dt>Id</dt>
          <dd data-testid="inspector-id">
            <code>{found.element.id}</code>
          </dd>
          <dt>Name</dt>
          <dd data-testid="inspector-name">{found.element.name ?? '—'}</dd>
        </dl>
      )}
    </aside>
  );
}
