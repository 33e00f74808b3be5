// The app window: hardened webPreferences, size and position remembered, and the question on close when
// the document has unsaved changes. Navigation, new windows and webviews are refused for every web
// contents in main.ts (`web-contents-created`), not here.
import { BrowserWindow, dialog, screen } from 'electron';
import type { CloseChoice } from './close-prompt';
import { closeChoice, closePromptOptions } from './close-prompt';
import { webPreferencesFor } from './security';
import {
  MIN_WINDOW_SIZE,
  placeWindow,
  readWindowStateSync,
  stateFromBounds,
  writeWindowStateSync,
} from './window-state';

export interface AppWindowOptions {
  readonly preload: string;
  readonly devTools: boolean;
  /** `<userData>/window-state.json`. */
  readonly stateFile: string;
  readonly platform: NodeJS.Platform;
  /** Title and unsaved state of the document shown (from `window:document-state`). */
  readonly documentState: () => { readonly title: string; readonly dirty: boolean };
  /** "Save" was chosen on close: save, and call `close` once saved. */
  readonly saveThenClose: (window: BrowserWindow, close: () => void) => void;
  /** "Cancel" was chosen: the window stays (and a quit in progress stops). */
  readonly onCloseCancelled: () => void;
  readonly log: (message: string, cause?: unknown) => void;
}

export function createAppWindow(options: AppWindowOptions): BrowserWindow {
  const saved = readWindowStateSync(options.stateFile);
  const placed = placeWindow(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...(placed.x !== undefined && placed.y !== undefined ? { x: placed.x, y: placed.y } : { center: true }),
    width: placed.width,
    height: placed.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: webPreferencesFor({ preload: options.preload, devTools: options.devTools }),
  });
  if (placed.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let closeConfirmed = false;
  let asking = false;
  const closeNow = () => {
    closeConfirmed = true;
    if (!window.isDestroyed()) window.close();
  };

  window.on('close', (event) => {
    if (closeConfirmed || !options.documentState().dirty) {
      rememberState(window, options);
      return;
    }
    event.preventDefault();
    if (asking) return;
    asking = true;
    const { title } = options.documentState();
    void dialog
      .showMessageBox(window, closePromptOptions(title, options.platform))
      .then(({ response }) => decide(closeChoice(response)))
      .catch((error: unknown) => {
        options.log('the close dialog failed', error);
        options.onCloseCancelled();
      })
      .finally(() => {
        asking = false;
      });
  });

  function decide(choice: CloseChoice): void {
    if (choice === 'discard') closeNow();
    else if (choice === 'save') options.saveThenClose(window, closeNow);
    else options.onCloseCancelled();
  }

  return window;
}

function rememberState(window: BrowserWindow, options: AppWindowOptions): void {
  try {
    const state = stateFromBounds(window.getNormalBounds(), window.isMaximized());
    writeWindowStateSync(options.stateFile, state);
  } catch (error) {
    options.log('could not save the window state', error);
  }
}
