// The background grid's step: on the snap grid, and never denser than MIN_DOT_SPACING on screen.
import { describe, expect, it } from 'vitest';
import { GRID } from './geometry';
import { MIN_DOT_SPACING, gridStep } from './GridBackground';

describe('gridStep', () => {
  it('is the snap grid when its dots are far enough apart, and doubles as the view zooms out', () => {
    expect(gridStep(1)).toBe(GRID);
    expect(gridStep(MIN_DOT_SPACING / GRID)).toBe(GRID);
    expect(gridStep(0.5)).toBe(2 * GRID);
    expect(gridStep(0.3)).toBe(4 * GRID);
    expect(gridStep(0.25)).toBe(4 * GRID);
  });

  it('keeps dots at least MIN_DOT_SPACING apart on screen and on the snap grid, at every zoom shown', () => {
    for (let zoom = 0.05; zoom <= 2.5; zoom += 0.01) {
      const step = gridStep(zoom);
      expect(step * zoom).toBeGreaterThanOrEqual(MIN_DOT_SPACING);
      expect(step % GRID).toBe(0);
      // The finest step that does so.
      if (step > GRID) expect((step / 2) * zoom).toBeLessThan(MIN_DOT_SPACING);
    }
  });
});
