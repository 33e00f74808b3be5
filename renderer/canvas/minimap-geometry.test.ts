// The minimap's mapping between flow coordinates and its pixels, and what a click or a wheel turn asks of
// the view.
import { describe, expect, it } from 'vitest';
import {
  contains,
  minimapFrame,
  minimapKey,
  reframe,
  toFlow,
  toMinimap,
  unionRect,
  viewportAt,
  viewRect,
  wheelZoom,
} from './minimap-geometry';

const SIZE = { width: 200, height: 150 };

describe('viewRect', () => {
  it('is the flow rectangle the pane shows at a transform', () => {
    expect(viewRect([-100, 50, 0.5], 800, 600)).toEqual({ x: 200, y: -100, width: 1600, height: 1200 });
  });
});

describe('unionRect', () => {
  it('holds both rectangles, and is the other when one is missing', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    const b = { x: 20, y: -5, width: 5, height: 5 };
    expect(unionRect(a, b)).toEqual({ x: 0, y: -5, width: 25, height: 15 });
    expect(unionRect(null, b)).toBe(b);
    expect(unionRect(a, null)).toBe(a);
    expect(unionRect(null, null)).toBeNull();
  });
});

describe('minimapFrame', () => {
  it('fits a wide content to the width, inside the margin, centred vertically', () => {
    const content = { x: 1000, y: 500, width: 3760, height: 1000 };
    const frame = minimapFrame(content, SIZE, 6);
    expect(frame.scale).toBeCloseTo(188 / 3760);
    const shown = toMinimap(frame, content);
    expect(shown.x).toBeCloseTo(6);
    expect(shown.width).toBeCloseTo(188);
    // Centred: as much space above as below.
    expect(shown.y).toBeCloseTo(SIZE.height - (shown.y + shown.height));
  });

  it('fits a tall content to the height, centred horizontally', () => {
    const content = { x: -50, y: -50, width: 100, height: 400 };
    const frame = minimapFrame(content, SIZE, 5);
    const shown = toMinimap(frame, content);
    expect(shown.y).toBeCloseTo(5);
    expect(shown.height).toBeCloseTo(140);
    expect(shown.x).toBeCloseTo(SIZE.width - (shown.x + shown.width));
  });

  it('maps a minimap pixel back to the flow point drawn there', () => {
    const frame = minimapFrame({ x: 120, y: -40, width: 900, height: 700 }, SIZE, 6);
    const point = { x: 400, y: 210 };
    const drawn = toMinimap(frame, { ...point, width: 0, height: 0 });
    const back = toFlow(frame, drawn);
    expect(back.x).toBeCloseTo(point.x);
    expect(back.y).toBeCloseTo(point.y);
  });

  it('gives a usable frame for no content, an empty one, or a minimap too small for its margin', () => {
    expect(minimapFrame(null, SIZE, 6)).toEqual({ x: 0, y: 0, scale: 1 });
    expect(minimapFrame({ x: 5, y: 7, width: 0, height: 10 }, SIZE, 6)).toEqual({ x: 5, y: 7, scale: 1 });
    expect(minimapFrame({ x: 5, y: 7, width: 10, height: 10 }, { width: 10, height: 10 }, 6).scale).toBe(1);
  });
});

describe('contains', () => {
  it('includes the edges and excludes what lies outside', () => {
    const rect = { x: 0, y: 0, width: 10, height: 5 };
    expect(contains(rect, { x: 0, y: 0 })).toBe(true);
    expect(contains(rect, { x: 10, y: 5 })).toBe(true);
    expect(contains(rect, { x: 10.1, y: 2 })).toBe(false);
    expect(contains(rect, { x: 3, y: -0.1 })).toBe(false);
  });
});

describe('viewportAt', () => {
  it('is the React Flow viewport whose view starts at the point, the inverse of viewRect', () => {
    const viewport = viewportAt({ x: 200, y: -100 }, 0.5);
    expect(viewport).toEqual({ x: -100, y: 50, zoom: 0.5 });
    const view = viewRect([viewport.x, viewport.y, viewport.zoom], 800, 600);
    expect(view.x).toBe(200);
    expect(view.y).toBe(-100);
  });
});

describe('wheelZoom', () => {
  it('zooms in on a wheel turned up and out on one turned down, by d3-zoom’s step', () => {
    expect(wheelZoom(1, -120, 0)).toBeCloseTo(2 ** 0.24);
    expect(wheelZoom(1, 120, 0)).toBeCloseTo(2 ** -0.24);
    expect(wheelZoom(0.5, -3, 1)).toBeCloseTo(0.5 * 2 ** 0.15);
    expect(wheelZoom(0.5, 1, 2)).toBeCloseTo(0.25);
    expect(wheelZoom(0.8, 0, 0)).toBe(0.8);
  });
});

describe('reframe', () => {
  it('places a picture drawn with one frame so that each of its points lands where the other frame maps it', () => {
    const drawing = { x: 0, y: 0, width: 4000, height: 1500 };
    const from = minimapFrame(drawing, SIZE, 6);
    const to = minimapFrame(unionRect(drawing, { x: -3000, y: 800, width: 2000, height: 1600 }), SIZE, 6);
    const placed = reframe(from, to, SIZE);
    for (const point of [
      { x: 0, y: 0 },
      { x: 4000, y: 1500 },
      { x: 1234, y: 567 },
    ]) {
      const inPicture = toMinimap(from, { ...point, width: 0, height: 0 });
      const expected = toMinimap(to, { ...point, width: 0, height: 0 });
      expect(placed.x + (inPicture.x * placed.width) / SIZE.width).toBeCloseTo(expected.x);
      expect(placed.y + (inPicture.y * placed.height) / SIZE.height).toBeCloseTo(expected.y);
    }
    expect(placed.width).toBeLessThan(SIZE.width);
  });

  it('is the whole minimap, unscaled, when both frames are the same', () => {
    const frame = minimapFrame({ x: 10, y: 20, width: 300, height: 100 }, SIZE, 6);
    const placed = reframe(frame, frame, SIZE);
    expect(placed.x).toBeCloseTo(0);
    expect(placed.y).toBeCloseTo(0);
    expect(placed.width).toBeCloseTo(SIZE.width);
    expect(placed.height).toBeCloseTo(SIZE.height);
  });
});

describe('minimapKey', () => {
  it('moves the view an eighth of itself with an arrow key, half with Shift', () => {
    expect(minimapKey('ArrowLeft', false)).toEqual({ kind: 'pan', dx: -0.125, dy: 0 });
    expect(minimapKey('ArrowDown', false)).toEqual({ kind: 'pan', dx: 0, dy: 0.125 });
    expect(minimapKey('ArrowRight', true)).toEqual({ kind: 'pan', dx: 0.5, dy: 0 });
    expect(minimapKey('ArrowUp', true)).toEqual({ kind: 'pan', dx: 0, dy: -0.5 });
  });

  it('zooms in with + or =, out with −, by the same step either way', () => {
    const factor = (key: string) => {
      const action = minimapKey(key, false);
      return action?.kind === 'zoom' ? action.factor : Number.NaN;
    };
    expect(factor('=')).toBe(factor('+'));
    expect(factor('+')).toBeGreaterThan(1);
    expect(factor('+') * factor('-')).toBeCloseTo(1);
  });

  it('leaves other keys alone', () => {
    expect(minimapKey('a', false)).toBeNull();
    expect(minimapKey('Enter', false)).toBeNull();
    expect(minimapKey('Tab', true)).toBeNull();
  });
});
