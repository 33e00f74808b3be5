// An in-memory stand-in for the File System Access pickers, installed in the page before the app starts
// (page.addInitScript). Headless Chromium has the pickers but cannot show them; with this the browser
// host's handle path runs for real: Save asks for a place once, then writes back to the same handle, and
// a file changed "on disk" (here: by the test) is noticed. The test reads and changes the files through
// `window.__memoryFiles`. The folder picker hands over a folder of the origin private file system, a real
// File System Access folder of Chromium's, so bundle exports are written and read back for real.

export interface MemoryFiles {
  /** File name to its text and modification time. */
  readonly files: Record<string, { text: string; lastModified: number }>;
  /** How often the save picker was shown. */
  savePickerCalls: number;
  /** The file the open picker hands over next. */
  nextOpen: string | null;
  /** The folder (of the origin private file system) the folder picker hands over next. */
  nextFolder: string;
}

/** Runs in the page (self-contained: Playwright sends its source). */
export function installMemoryFileSystem(): void {
  const state: MemoryFiles = { files: {}, savePickerCalls: 0, nextOpen: null, nextFolder: 'infra' };
  let clock = Date.now();
  const handle = (name: string) => ({
    kind: 'file',
    name,
    async getFile() {
      const file = state.files[name] ?? { text: '', lastModified: 0 };
      return new File([file.text], name, { lastModified: file.lastModified, type: 'application/yaml' });
    },
    async createWritable() {
      let buffer = '';
      return {
        async write(data: string) {
          buffer += data;
        },
        async close() {
          state.files[name] = { text: buffer, lastModified: ++clock };
        },
      };
    },
  });
  const page = window as unknown as Record<string, unknown>;
  page.__memoryFiles = state;
  page.showSaveFilePicker = async (options: { suggestedName: string }) => {
    state.savePickerCalls += 1;
    return handle(options.suggestedName);
  };
  page.showDirectoryPicker = async () => {
    const root = await navigator.storage.getDirectory();
    return root.getDirectoryHandle(state.nextFolder, { create: true });
  };
  page.showOpenFilePicker = async () => {
    if (state.nextOpen === null) throw new DOMException('The user aborted a request.', 'AbortError');
    const name = state.nextOpen;
    state.nextOpen = null;
    return [handle(name)];
  };
}
