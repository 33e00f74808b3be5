// While something is dragged over the canvas: where it would go, or why it cannot go there.
import { findElement, kindLabel } from '../../shared/model/elements';
import { useAppStore } from '../app/context';

export function DropHint() {
  const target = useAppStore((s) => s.dropTarget);
  const element = useAppStore((s) =>
    s.dropTarget?.id === undefined ? undefined : findElement(s.doc, s.dropTarget.id)?.element,
  );
  const kind = useAppStore((s) =>
    s.dropTarget?.id === undefined ? undefined : findElement(s.doc, s.dropTarget.id)?.kind,
  );
  if (!target) return null;
  if (!target.ok) {
    return (
      <div className="drop-hint refused" role="status" data-testid="drop-hint" data-ok="false">
        Cannot drop here: {target.reason}
      </div>
    );
  }
  const where =
    element && kind ? `into ${kindLabel(kind, element)} "${element.name ?? element.id}"` : 'on the canvas';
  return (
    <div className="drop-hint" role="status" data-testid="drop-hint" data-ok="true">
      Drop {where}
    </div>
  );
}
