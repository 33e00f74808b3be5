// The context menu of a canvas node (right click): simulate the failure of the element's failure domain
// (a workload's is its rollout), leave blast-radius mode, bring the element into view, delete it. It is
// anchored where it was opened, in flow coordinates: a move of the app's own (a fit from the keyboard) takes
// it along with its element; a move of the user's closes it (Canvas.tsx).
import { useStore } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { domainOfElement } from '../analysis/blast-domains';
import { useAppStore, useServices } from '../app/context';
import { deleteElements } from '../commands/app-commands';
import { Icon } from '../ui/icons';

export interface ContextMenuState {
  /** The element right-clicked. */
  readonly id: string;
  /** Where, in flow coordinates: the menu stays by its element when the app moves the view. */
  readonly at: { readonly x: number; readonly y: number };
}

const transformOf = (state: ReactFlowState) => state.transform;

export function ContextMenu({ menu, onClose }: { menu: ContextMenuState; onClose: () => void }) {
  // Inside React Flow's provider; re-renders on each move of the view only while the menu is open.
  const [tx, ty, zoom] = useStore(transformOf);
  const services = useServices();
  const { store } = services;
  const domain = useAppStore((s) => domainOfElement(s.doc, menu.id));
  const blastOn = useAppStore((s) => s.blastDomain !== null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    root.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const close = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as globalThis.Node)) onClose();
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('keydown', escape, true);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('keydown', escape, true);
    };
  }, [onClose]);
  const run = (action: () => void) => () => {
    onClose();
    action();
  };
  return (
    <div
      ref={root}
      className="context-menu menu"
      role="menu"
      data-testid="context-menu"
      style={{ left: menu.at.x * zoom + tx, top: menu.at.y * zoom + ty }}
      onContextMenu={(event) => event.preventDefault()}
    >
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        data-testid="context-simulate-failure"
        disabled={!domain}
        title={domain ? domain.rule : 'This element is not a failure domain of its own'}
        onClick={run(() => domain && store.getState().setBlastDomain(domain.id))}
      >
        <Icon name="blast" />
        <span>Simulate failure</span>
        {domain && (
          <span className="menu-detail">{domain.kind === 'rollout' ? 'bad rollout' : domain.kind}</span>
        )}
      </button>
      {blastOn && (
        <button
          type="button"
          role="menuitem"
          className="menu-item"
          data-testid="context-clear-failure"
          onClick={run(() => store.getState().setBlastDomain(null))}
        >
          <Icon name="close" />
          <span>Clear the simulation</span>
        </button>
      )}
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        data-testid="context-reveal"
        onClick={run(() => services.canvas.current?.reveal([menu.id]))}
      >
        <Icon name="fit" />
        <span>Zoom to element</span>
      </button>
      <button
        type="button"
        role="menuitem"
        className="menu-item danger"
        data-testid="context-delete"
        disabled={store.getState().gesture !== null}
        onClick={run(() => void deleteElements(services, [menu.id]))}
      >
        <Icon name="close" />
        <span>Delete</span>
      </button>
    </div>
  );
}
