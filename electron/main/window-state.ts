// The main window's size, position and maximized state between runs, in `<userData>/window-state.json`.
// Read with validation (anything odd gives the defaults) and placed back only where a display still is,
// so a window saved on an unplugged monitor does not open off screen.
import * as fsSync from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomicSync } from './atomic-file';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** Where the window was, when known; absent means "centre it". */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };

const Coordinate = z.number().int().min(-100_000).max(100_000);
const WindowStateSchema = z.object({
  version: z.literal(1),
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  width: z.number().int().min(MIN_WINDOW_SIZE.width).max(20_000),
  height: z.number().int().min(MIN_WINDOW_SIZE.height).max(20_000),
  maximized: z.boolean(),
});

/** The state in a file's text; the defaults for anything missing, malformed or out of range. */
export function parseWindowState(text: string | undefined): WindowState {
  if (text === undefined) return DEFAULT_WINDOW_STATE;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const parsed = WindowStateSchema.safeParse(data);
  if (!parsed.success) return DEFAULT_WINDOW_STATE;
  const { x, y, width, height, maximized } = parsed.data;
  return x === undefined || y === undefined
    ? { width, height, maximized }
    : { x, y, width, height, maximized };
}

export function serializeWindowState(state: WindowState): string {
  return JSON.stringify({ version: 1, ...state }, null, 2);
}

/**
 * Where to open the window given the displays' work areas: the saved position if at least a title bar's
 * worth of the window is on some display, centred otherwise; never larger than the largest work area.
 */
export function placeWindow(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const largest = workAreas.reduce<Rect | undefined>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    undefined,
  );
  const width = largest ? Math.min(state.width, largest.width) : state.width;
  const height = largest ? Math.min(state.height, largest.height) : state.height;
  if (state.x === undefined || state.y === undefined) return { width, height, maximized: state.maximized };
  const window: Rect = { x: state.x, y: state.y, width, height };
  const visible = workAreas.some(
    (area) => overlap(window, area, 'x') >= 100 && overlap(window, area, 'y') >= 40,
  );
  return visible
    ? { x: state.x, y: state.y, width, height, maximized: state.maximized }
    : { width, height, maximized: state.maximized };
}

function overlap(a: Rect, b: Rect, axis: 'x' | 'y'): number {
  const size = axis === 'x' ? 'width' : 'height';
  return Math.min(a[axis] + a[size], b[axis] + b[size]) - Math.max(a[axis], b[axis]);
}

export function readWindowStateSync(file: string): WindowState {
  try {
    return parseWindowState(fsSync.readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Written while the window closes, when there is no time to wait for a promise. */
export function writeWindowStateSync(file: string, state: WindowState): void {
  fsSync.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomicSync(file, serializeWindowState(state));
}

/** The state to save from a window's normal (not maximized) bounds. */
export function stateFromBounds(bounds: Rect, maximized: boolean): WindowState {
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.max(MIN_WINDOW_SIZE.width, Math.round(bounds.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.round(bounds.height)),
    maximized,
  };
}
