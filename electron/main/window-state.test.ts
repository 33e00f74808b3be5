import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  parseWindowState,
  placeWindow,
  readWindowStateSync,
  serializeWindowState,
  stateFromBounds,
  writeWindowStateSync,
} from './window-state';
import { tempFolders } from './test-support/temp';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('parseWindowState', () => {
  it('gives the defaults for a missing or garbage file', () => {
    const garbage = [
      undefined,
      '',
      'not json',
      '[]',
      'null',
      '{"version":1}',
      '{"version":2,"width":1000,"height":700,"maximized":false}',
      '{"version":1,"width":"1000","height":700,"maximized":false}',
      '{"version":1,"width":10,"height":700,"maximized":false}',
      '{"version":1,"width":1e9,"height":700,"maximized":false}',
      '{"version":1,"x":1.5,"y":0,"width":1000,"height":700,"maximized":false}',
      '{"version":1,"width":1000,"height":700,"maximized":"yes"}',
    ];
    for (const text of garbage) expect(parseWindowState(text)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('reads back what it writes', () => {
    const state = { x: 10, y: 20, width: 1000, height: 700, maximized: true };
    expect(parseWindowState(serializeWindowState(state))).toEqual(state);
    expect(parseWindowState(serializeWindowState({ width: 1000, height: 700, maximized: false }))).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('drops a position with only one coordinate', () => {
    expect(parseWindowState('{"version":1,"x":5,"width":1000,"height":700,"maximized":false}')).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });
});

describe('placeWindow', () => {
  it('keeps a position that is on a display', () => {
    const state = { x: 100, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeWindow(state, [screen])).toEqual(state);
  });

  it('centres a window saved on a display that is gone', () => {
    const state = { x: 3000, y: 100, width: 1200, height: 800, maximized: true };
    expect(placeWindow(state, [screen])).toEqual({ width: 1200, height: 800, maximized: true });
  });

  it('keeps a position on a second display', () => {
    const state = { x: 2000, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeWindow(state, [screen, { x: 1920, y: 0, width: 2560, height: 1440 }])).toEqual(state);
  });

  it('shrinks a window larger than the largest display', () => {
    expect(placeWindow({ width: 4000, height: 3000, maximized: false }, [screen])).toEqual({
      width: 1920,
      height: 1080,
      maximized: false,
    });
  });
});

describe('window state file', () => {
  it('round-trips through the file and gives defaults for a damaged one', () => {
    const dir = folders.make();
    const file = path.join(dir, 'deep', 'window-state.json');
    expect(readWindowStateSync(file)).toEqual(DEFAULT_WINDOW_STATE);
    const state = stateFromBounds({ x: 10.4, y: 20.6, width: 1000, height: 700 }, false);
    writeWindowStateSync(file, state);
    expect(readWindowStateSync(file)).toEqual({ x: 10, y: 21, width: 1000, height: 700, maximized: false });
    expect(readdirSync(path.dirname(file))).toEqual(['window-state.json']);
    writeFileSync(file, '\u0000\u0001garbage');
    expect(readWindowStateSync(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('never saves a size below the minimum', () => {
    expect(stateFromBounds({ x: 0, y: 0, width: 10, height: 10 }, false)).toMatchObject({
      width: 800,
      height: 560,
    });
  });
});
