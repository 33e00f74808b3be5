// The browser host's logic with fakes for the page: files, recovery of drafts, recent files, links.
import { describe, expect, it } from 'vitest';
import type { BrowserEnvironment, FileHandle, FileSystemAccess } from './browser-host';
import { createBrowserHost } from './browser-host';
import type { DraftStore } from './draft-store';
import { createMemoryDraftStore } from './draft-store';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

interface Page {
  env: Partial<BrowserEnvironment>;
  hide(): void;
  downloads: { name: string; text: string | Uint8Array; mimeType?: string }[];
  prints: number;
  titles: string[];
  opened: string[];
  leaving(): boolean;
}

/** A fake page; pages made with the same storage and drafts act like tabs of one browser. */
function page(shared: {
  storage: ReturnType<typeof memoryStorage>;
  drafts: DraftStore;
  live?: Set<string>;
}): Page {
  let hide = () => {};
  let beforeUnload = () => false;
  let next = 0;
  const self: Page = {
    downloads: [],
    prints: 0,
    titles: [],
    opened: [],
    hide: () => hide(),
    leaving: () => beforeUnload(),
    env: {
      storage: shared.storage,
      drafts: shared.drafts,
      now: () => 1_000_000,
      newId: () => `id-${Math.random().toString(36).slice(2, 8)}-${next++}`,
      pickFile: async () => null,
      download: (name, text, mimeType) => void self.downloads.push({ name, text, mimeType }),
      print: () => void self.prints++,
      setTitle: (title) => void self.titles.push(title),
      openWindow: (url) => void self.opened.push(url),
      onPageHide: (listener) => {
        hide = listener;
      },
      onBeforeUnload: (listener) => {
        beforeUnload = listener;
      },
      onFileDrop: () => () => {},
      holdSessionLock: () => {},
      liveSessions: async () => shared.live,
    },
  };
  return self;
}

function fakeFile(name: string, text: string, lastModified: number): File {
  return { name, size: text.length, lastModified, text: async () => text } as unknown as File;
}

function fakeFileSystem(files: Map<string, { text: string; mtime: number }>) {
  let clock = 100;
  const handle = (name: string): FileHandle => ({
    name,
    getFile: async () => fakeFile(name, files.get(name)!.text, files.get(name)!.mtime),
    createWritable: async () => {
      let written = '';
      return {
        write: async (data: string) => void (written += data),
        close: async () => void files.set(name, { text: written, mtime: ++clock }),
      };
    },
  });
  const fs: FileSystemAccess & { nextSaveName: string | null; nextOpenName: string | null } = {
    nextSaveName: 'saved.topo.yaml',
    nextOpenName: 'a.topo.yaml',
    showOpenFilePicker: async () => {
      if (!fs.nextOpenName) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      return [handle(fs.nextOpenName)];
    },
    showSaveFilePicker: async () => {
      if (!fs.nextSaveName) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      if (!files.has(fs.nextSaveName)) files.set(fs.nextSaveName, { text: '', mtime: 0 });
      return handle(fs.nextSaveName);
    },
  };
  return fs;
}

const draft = (key: string) => ({ key, name: `${key}.topo.yaml`, text: `text of ${key}` });

describe('recovery', () => {
  it('offers the drafts of a session that did not end, and not those of one that ended cleanly', async () => {
    const shared = { storage: memoryStorage(), drafts: createMemoryDraftStore() };
    const crashed = createBrowserHost(page(shared).env);
    await crashed.autosave(draft('crashed'));
    const closedPage = page(shared);
    const closed = createBrowserHost(closedPage.env);
    await closed.autosave(draft('closed'));
    closedPage.hide();

    const next = createBrowserHost(page(shared).env);
    const listed = await next.listRecoveries();
    expect(listed.ok && listed.value.map((r) => r.key)).toEqual(['crashed']);
    expect(listed.ok && listed.value[0]).toMatchObject({
      name: 'crashed.topo.yaml',
      text: 'text of crashed',
    });
    // The cleanly closed session's draft is gone for good.
    expect((await shared.drafts.all()).map((d) => d.key)).toEqual(['crashed']);
    await next.discardRecovery('crashed');
    const after = await next.listRecoveries();
    expect(after.ok && after.value).toEqual([]);
  });

  it('leaves alone the drafts of a session still running in another tab', async () => {
    const shared = { storage: memoryStorage(), drafts: createMemoryDraftStore(), live: new Set<string>() };
    const other = createBrowserHost(page(shared).env);
    shared.live.add(other.sessionId);
    await other.autosave(draft('other-tab'));
    const mine = createBrowserHost(page(shared).env);
    const listed = await mine.listRecoveries();
    expect(listed.ok && listed.value).toEqual([]);
  });

  it('never offers its own drafts back', async () => {
    const shared = { storage: memoryStorage(), drafts: createMemoryDraftStore() };
    const host = createBrowserHost(page(shared).env);
    await host.autosave(draft('mine'));
    const listed = await host.listRecoveries();
    expect(listed.ok && listed.value).toEqual([]);
  });
});

describe('files with the File System Access API', () => {
  it('opens a file, keeps its handle and saves back to it', async () => {
    const files = new Map([['a.topo.yaml', { text: 'original', mtime: 50 }]]);
    const fileSystem = fakeFileSystem(files);
    const host = createBrowserHost({
      ...page({ storage: memoryStorage(), drafts: createMemoryDraftStore() }).env,
      fileSystem,
    });
    const opened = await host.openFile();
    if (!opened.ok || !opened.value) throw new Error('not opened');
    expect(opened.value).toMatchObject({ name: 'a.topo.yaml', text: 'original', mtimeMs: 50 });
    expect(opened.value.handleId).toBeDefined();
    const saved = await host.saveFile({
      text: 'edited',
      handleId: opened.value.handleId,
      suggestedName: 'a.topo.yaml',
      expectedMtimeMs: 50,
    });
    expect(saved.ok && saved.value).toMatchObject({ name: 'a.topo.yaml', handleId: opened.value.handleId });
    expect(files.get('a.topo.yaml')!.text).toBe('edited');
    const recent = await host.recentFiles();
    expect(recent.ok && recent.value).toEqual(['a.topo.yaml']);
  });

  it('refuses to overwrite a file that changed since it was read, unless told to', async () => {
    const files = new Map([['a.topo.yaml', { text: 'original', mtime: 50 }]]);
    const host = createBrowserHost({
      ...page({ storage: memoryStorage(), drafts: createMemoryDraftStore() }).env,
      fileSystem: fakeFileSystem(files),
    });
    const opened = await host.openFile();
    if (!opened.ok || !opened.value) throw new Error('not opened');
    files.set('a.topo.yaml', { text: 'theirs', mtime: 70 });
    const request = {
      text: 'mine',
      handleId: opened.value.handleId,
      suggestedName: 'a.topo.yaml',
      expectedMtimeMs: 50,
    };
    const refused = await host.saveFile(request);
    expect(!refused.ok && refused.error.code).toBe('file.changed-on-disk');
    expect(files.get('a.topo.yaml')!.text).toBe('theirs');
    const forced = await host.saveFile({ ...request, overwrite: true });
    expect(forced.ok).toBe(true);
    expect(files.get('a.topo.yaml')!.text).toBe('mine');
  });

  it('treats a cancelled picker as no answer, not an error', async () => {
    const fileSystem = fakeFileSystem(new Map());
    fileSystem.nextOpenName = null;
    fileSystem.nextSaveName = null;
    const host = createBrowserHost({
      ...page({ storage: memoryStorage(), drafts: createMemoryDraftStore() }).env,
      fileSystem,
    });
    expect(await host.openFile()).toEqual({ ok: true, value: null });
    expect(await host.saveFile({ text: 'x', suggestedName: 'x.topo.yaml', saveAs: true })).toEqual({
      ok: true,
      value: null,
    });
  });
});

describe('without the File System Access API', () => {
  it('reads a picked file and saves by download', async () => {
    const p = page({ storage: memoryStorage(), drafts: createMemoryDraftStore() });
    const host = createBrowserHost({ ...p.env, pickFile: async () => fakeFile('b.topo.yaml', 'content', 7) });
    const opened = await host.openFile();
    expect(opened.ok && opened.value).toMatchObject({ name: 'b.topo.yaml', text: 'content', mtimeMs: 7 });
    const saved = await host.saveFile({ text: 'new', suggestedName: 'b.topo.yaml' });
    expect(saved).toEqual({ ok: true, value: { name: 'b.topo.yaml' } });
    expect(p.downloads).toEqual([{ name: 'b.topo.yaml', text: 'new' }]);
  });

  it('refuses files far larger than any design', async () => {
    const huge = { ...fakeFile('big.topo.yaml', '', 1), size: 11 * 1024 * 1024 } as File;
    const host = createBrowserHost({
      ...page({ storage: memoryStorage(), drafts: createMemoryDraftStore() }).env,
      pickFile: async () => huge,
    });
    const opened = await host.openFile();
    expect(!opened.ok && opened.error.code).toBe('file.too-large');
  });
});

describe('window state and links', () => {
  it('sets the title and asks before leaving with unsaved changes', async () => {
    const p = page({ storage: memoryStorage(), drafts: createMemoryDraftStore() });
    const host = createBrowserHost(p.env);
    await host.setDocumentState({ title: '• a.topo.yaml — Topology Designer', dirty: true });
    expect(p.titles).toEqual(['• a.topo.yaml — Topology Designer']);
    expect(p.leaving()).toBe(true);
    await host.setDocumentState({ title: 'a.topo.yaml — Topology Designer', dirty: false });
    expect(p.leaving()).toBe(false);
  });

  it('opens only https links', async () => {
    const p = page({ storage: memoryStorage(), drafts: createMemoryDraftStore() });
    const host = createBrowserHost(p.env);
    expect((await host.openExternal('https://aws.amazon.com/ec2/pricing/')).ok).toBe(true);
    expect(await host.openExternal('javascript:alert(1)')).toMatchObject({
      ok: false,
      error: { code: 'url.refused' },
    });
    expect(await host.openExternal('file:///etc/passwd')).toMatchObject({
      ok: false,
      error: { code: 'url.refused' },
    });
    expect(p.opened).toEqual(['https://aws.amazon.com/ec2/pricing/']);
  });
});

describe('exports', () => {
  it('offers text and bytes as downloads with their media type', async () => {
    const p = page({ storage: memoryStorage(), drafts: createMemoryDraftStore() });
    const host = createBrowserHost(p.env);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(
      await host.exportFile({ suggestedName: 'ott-cost.csv', mimeType: 'text/csv', data: 'a,b\n' }),
    ).toEqual({ ok: true, value: { name: 'ott-cost.csv' } });
    expect((await host.exportFile({ suggestedName: 'ott.png', mimeType: 'image/png', data: png })).ok).toBe(
      true,
    );
    expect(p.downloads).toEqual([
      { name: 'ott-cost.csv', text: 'a,b\n', mimeType: 'text/csv' },
      { name: 'ott.png', text: png, mimeType: 'image/png' },
    ]);
  });

  it('prints through the browser dialog and says a failed download in words', async () => {
    const p = page({ storage: memoryStorage(), drafts: createMemoryDraftStore() });
    const host = createBrowserHost({
      ...p.env,
      download: () => {
        throw new Error('blocked by the page');
      },
    });
    expect(await host.printToPdf({ suggestedName: 'ott-cost.pdf' })).toEqual({ ok: true, value: null });
    expect(p.prints).toBe(1);
    const failed = await host.exportFile({ suggestedName: 'x.csv', mimeType: 'text/csv', data: '' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'export.failed' } });
    expect(!failed.ok && failed.error.message).toContain('blocked by the page');
  });
});
