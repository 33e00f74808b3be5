// The palette on the left: drag an item onto the canvas (HTML5 drag and drop with a custom MIME type),
// or press Enter / double-click to put it into the selected container (or the middle of the view).
import type { DragEvent as ReactDragEvent } from 'react';
import { useServices } from '../app/context';
import { computeGeometry } from '../canvas/geometry';
import { Icon } from '../ui/icons';
import type { IconName } from '../ui/icons';
import { paletteMimeType, planPaletteDrop } from './drop';
import type { PaletteItem } from './items';
import { PALETTE_ITEMS } from './items';

const ICONS: Record<PaletteItem['id'], IconName> = {
  region: 'region',
  zone: 'zone',
  cluster: 'cluster',
  nodePool: 'nodePool',
  gpuPool: 'gpuPool',
  fleet: 'fleet',
  workload: 'workload',
};

export function Palette() {
  const services = useServices();
  const { store } = services;

  const onDragStart = (event: ReactDragEvent, item: PaletteItem) => {
    event.dataTransfer.setData(paletteMimeType(item.id), item.id);
    event.dataTransfer.effectAllowed = 'copy';
  };

  /** Adds an item without dragging: into the selected container, else at the middle of the view. */
  const activate = (item: PaletteItem) => {
    const state = store.getState();
    const geometry = computeGeometry(state.doc);
    const selected = state.selection.length === 1 ? geometry.boxes.get(state.selection[0]!) : undefined;
    const point = selected
      ? { x: selected.absX + selected.width / 2, y: selected.absY + selected.height - 8 }
      : (services.canvas.current?.viewCenter() ?? { x: 0, y: 0 });
    const plan = planPaletteDrop(state.doc, services.catalog, item.id, point);
    if (!plan.ok) {
      state.showToast({ kind: 'error', message: `Cannot add ${item.label.toLowerCase()}: ${plan.reason}` });
      return;
    }
    if (state.dispatch(plan.command).ok) state.setSelection([plan.id]);
  };

  return (
    <aside className="palette" data-testid="palette" aria-label="Palette">
      <div className="panel-title">Elements</div>
      <ul className="palette-list">
        {PALETTE_ITEMS.map((item) => (
          <li key={item.id}>
            <div
              className={`palette-item palette-${item.id}`}
              draggable
              role="button"
              tabIndex={0}
              data-testid={`palette-item-${item.id}`}
              // The label is the name; the tooltip repeats it for a narrow window, where only the icon shows.
              aria-label={item.label}
              title={`${item.label}: ${item.description}. Drag onto the canvas.`}
              onDragStart={(event) => onDragStart(event, item)}
              onDragEnd={() => store.getState().setDropTarget(null)}
              onDoubleClick={() => activate(item)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  activate(item);
                }
              }}
            >
              <span className="palette-icon">
                <Icon name={ICONS[item.id]} />
              </span>
              <span className="palette-text">
                <span className="palette-label">{item.label}</span>
                <span className="palette-description">{item.description}</span>
              </span>
            </div>
          </li>
        ))}
      </ul>
      <p className="palette-hint">
        Drop an element into the container that holds it: pools into clusters, workloads into pools.
      </p>
    </aside>
  );
}
