// Runs a scenario's steps through the page objects: placements from the palette (returning the id of each
// named element) and inspector edits.
import type { AppPage } from '../pages/app';
import type { CanvasPage } from '../pages/canvas';
import type { EditStep, PickStep, PlaceStep } from './ott-region';

export type Built = Readonly<Record<string, string>>;

export async function build(canvas: CanvasPage, steps: readonly PlaceStep[]): Promise<Built> {
  const ids: Record<string, string> = {};
  for (const step of steps) {
    const into = step.into === undefined ? undefined : ids[step.into];
    if (step.into !== undefined && into === undefined)
      throw new Error(`step ${step.as}: no "${step.into}" yet`);
    ids[step.as] = await canvas.dropFromPalette(
      step.item,
      into === undefined ? { at: step.at ?? { x: 48, y: 32 } } : { into, side: step.side ?? 'below' },
    );
  }
  return ids;
}

export function idOf(ids: Built, name: string): string {
  const id = ids[name];
  if (id === undefined) throw new Error(`the scenario has no element named "${name}"`);
  return id;
}

/** Selects each step's element (when it is not the one already selected) and makes the edit. */
export async function tune(app: AppPage, ids: Built, steps: readonly (EditStep | PickStep)[]): Promise<void> {
  let selected: string | undefined;
  for (const step of steps) {
    const id = idOf(ids, step.target);
    if (id !== selected) {
      await app.canvas.select(id);
      await app.inspector.root.getByTestId('inspector-element').waitFor();
      selected = id;
    }
    if ('type' in step)
      await app.inspector.pickInstanceType(step.field, step.type, { replace: step.replace });
    else await app.inspector.setField(step.field, step.value);
  }
}
