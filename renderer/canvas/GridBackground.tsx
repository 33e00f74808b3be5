// The canvas's background grid: dots on the snap grid (GRID), thinned out as the view zooms out so that they
// stay at least MIN_DOT_SPACING pixels apart on screen. At GRID spacing, a view at a third of full size would
// draw about 60,000 dots and repaint every one of them at each step of a wheel zoom; the thinned grid draws
// at most about 11,000 (a 1,600 × 1,000 pane).
import { Background, BackgroundVariant, useStore } from '@xyflow/react';
import { GRID } from './geometry';

/** Fewest screen pixels between two dots of the background grid. */
export const MIN_DOT_SPACING = 12;

/** The grid's step at a zoom: GRID, doubled until its dots are MIN_DOT_SPACING apart (still on the snap grid). */
export function gridStep(zoom: number): number {
  let step = GRID;
  while (step * zoom < MIN_DOT_SPACING && step < GRID * 64) step *= 2;
  return step;
}

/** React Flow's dotted background at the step for the current zoom; re-renders only when the step changes. */
export function GridBackground() {
  const step = useStore((state) => gridStep(state.transform[2]));
  return <Background variant={BackgroundVariant.Dots} gap={step} size={1.2} />;
}
