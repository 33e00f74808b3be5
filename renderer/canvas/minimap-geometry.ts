// Where the minimap puts things: the drawing and the view, both in flow coordinates, mapped onto a small
// panel. Pure, so the mapping a click follows is the one the minimap drew (Minimap.tsx).
import type { FlowRect } from './detail';

/** A point in the minimap's own pixels (CSS px, from its top left corner), or in flow coordinates. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** How the minimap maps flow coordinates to its pixels: the flow point at its top left, and px per flow unit. */
export interface MinimapFrame {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

/** The part of the flow React Flow's pane shows, from its transform ([x, y, zoom]) and size in px. */
export function viewRect(
  transform: readonly [number, number, number],
  width: number,
  height: number,
): FlowRect {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

/** The smallest rectangle holding both (either may be missing). */
export function unionRect(a: FlowRect | null, b: FlowRect | null): FlowRect | null {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * The frame that shows `content` whole, centred, `margin` px inside a minimap of `size`: the drawing and
 * the view together, as React Flow's own minimap does, so that a view panned away from the drawing still
 * shows where it is. An empty or degenerate content gets a frame of scale 1 at its corner.
 */
export function minimapFrame(
  content: FlowRect | null,
  size: { readonly width: number; readonly height: number },
  margin: number,
): MinimapFrame {
  const innerWidth = size.width - 2 * margin;
  const innerHeight = size.height - 2 * margin;
  if (!content || content.width <= 0 || content.height <= 0 || innerWidth <= 0 || innerHeight <= 0) {
    return { x: content?.x ?? 0, y: content?.y ?? 0, scale: 1 };
  }
  const scale = Math.min(innerWidth / content.width, innerHeight / content.height);
  return {
    x: content.x - (size.width / scale - content.width) / 2,
    y: content.y - (size.height / scale - content.height) / 2,
    scale,
  };
}

/**
 * Where, in minimap pixels of frame `to`, a picture of `size` px drawn with frame `from` lands: the minimap
 * draws its nodes once, with the frame around the drawing alone, and each frame of a pan or zoom copies that
 * picture, scaled, into the frame of the moment.
 */
export function reframe(
  from: MinimapFrame,
  to: MinimapFrame,
  size: { readonly width: number; readonly height: number },
): FlowRect {
  return toMinimap(to, {
    x: from.x,
    y: from.y,
    width: size.width / from.scale,
    height: size.height / from.scale,
  });
}

/** A flow rectangle in minimap pixels. */
export function toMinimap(frame: MinimapFrame, rect: FlowRect): FlowRect {
  return {
    x: (rect.x - frame.x) * frame.scale,
    y: (rect.y - frame.y) * frame.scale,
    width: rect.width * frame.scale,
    height: rect.height * frame.scale,
  };
}

/** The flow point under a minimap pixel. */
export function toFlow(frame: MinimapFrame, point: Point): Point {
  return { x: frame.x + point.x / frame.scale, y: frame.y + point.y / frame.scale };
}

/** Whether a flow point lies inside a flow rectangle (edges included). */
export function contains(rect: FlowRect, point: Point): boolean {
  return (
    point.x >= rect.x &&
    point.x <= rect.x + rect.width &&
    point.y >= rect.y &&
    point.y <= rect.y + rect.height
  );
}

/**
 * The React Flow viewport ({x, y, zoom}) that shows the flow with `topLeft` at the pane's top left corner at
 * `zoom`: what a drag of the minimap's view rectangle asks for.
 */
export function viewportAt(topLeft: Point, zoom: number): { x: number; y: number; zoom: number } {
  return { x: -topLeft.x * zoom, y: -topLeft.y * zoom, zoom };
}

/**
 * The zoom after a wheel turn of `deltaY` over the minimap: d3-zoom's wheel step (the pane's), so the minimap
 * zooms as fast as the canvas does. `deltaMode` is the WheelEvent's (0 pixels, 1 lines, 2 pages).
 */
export function wheelZoom(zoom: number, deltaY: number, deltaMode: number): number {
  const perUnit = deltaMode === 1 ? 0.05 : deltaMode === 2 ? 1 : 0.002;
  return zoom * 2 ** (-deltaY * perUnit);
}

/** What a key pressed on the focused minimap asks of the view: a move by a share of it, or a zoom. */
export type MinimapKeyAction =
  | { readonly kind: 'pan'; readonly dx: number; readonly dy: number }
  | { readonly kind: 'zoom'; readonly factor: number };

/** Share of the view an arrow key moves it by; with Shift, a larger step. */
const KEY_STEP = 0.125;
const KEY_STEP_LARGE = 0.5;
/** Zoom step of + and −, React Flow's own (its controls' buttons). */
const KEY_ZOOM = 1.2;

/**
 * The action of a key on the focused minimap, or null for a key it leaves alone: arrow keys move the view
 * (an eighth of it, half with Shift), + and = zoom in, − zooms out.
 */
export function minimapKey(key: string, shift: boolean): MinimapKeyAction | null {
  const step = shift ? KEY_STEP_LARGE : KEY_STEP;
  switch (key) {
    case 'ArrowLeft':
      return { kind: 'pan', dx: -step, dy: 0 };
    case 'ArrowRight':
      return { kind: 'pan', dx: step, dy: 0 };
    case 'ArrowUp':
      return { kind: 'pan', dx: 0, dy: -step };
    case 'ArrowDown':
      return { kind: 'pan', dx: 0, dy: step };
    case '+':
    case '=':
      return { kind: 'zoom', factor: KEY_ZOOM };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / KEY_ZOOM };
    default:
      return null;
  }
}
