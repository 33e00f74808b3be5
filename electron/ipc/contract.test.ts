import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../shared/host/host-api';
import {
  EVENT_CHANNELS,
  HOST_API_CHANNELS,
  INVOKE_CHANNELS,
  INVOKE_REQUESTS,
  MAX_BUNDLE_FILES,
  MAX_EXPORT_BYTES,
} from './contract';

describe('IPC contract', () => {
  it('names every channel area:verb', () => {
    for (const channel of [...INVOKE_CHANNELS, ...EVENT_CHANNELS])
      expect(channel).toMatch(/^[a-z]+:[a-z-]+$/);
  });

  it('has the channels of the host API, and file:drop for the preload', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual([
      'bundle:choose-folder',
      'bundle:write',
      'export:print-pdf',
      'export:save',
      'file:drop',
      'file:open',
      'file:open-recent',
      'file:recent',
      'file:save',
      'recovery:autosave',
      'recovery:discard',
      'recovery:list',
      'shell:open-external',
      'window:document-state',
    ]);
    expect([...EVENT_CHANNELS].sort()).toEqual(['file:changed', 'file:opened', 'menu:command']);
    const used = new Set<string>(Object.values(HOST_API_CHANNELS));
    for (const channel of [...INVOKE_CHANNELS, ...EVENT_CHANNELS]) {
      if (channel !== 'file:drop') expect(used.has(channel), channel).toBe(true);
    }
  });

  it('maps every HostApi member but kind to a channel', () => {
    const members: (keyof HostApi)[] = [
      'openFile',
      'openRecent',
      'recentFiles',
      'saveFile',
      'exportFile',
      'printToPdf',
      'chooseBundleFolder',
      'writeBundle',
      'autosave',
      'listRecoveries',
      'discardRecovery',
      'setDocumentState',
      'openExternal',
      'onMenuCommand',
      'onOpenFile',
      'onFileChanged',
    ];
    expect(Object.keys(HOST_API_CHANNELS).sort()).toEqual([...members].sort());
  });

  it('accepts what HostApi callers send and rejects extra fields', () => {
    const save = INVOKE_REQUESTS['file:save'];
    expect(
      save.safeParse({ text: 'x', suggestedName: 'a.topo.yaml', saveAs: true, handleId: 'h' }).success,
    ).toBe(true);
    expect(save.safeParse({ text: 'x', suggestedName: 'a.topo.yaml', mode: 0o777 }).success).toBe(false);
    const draft = INVOKE_REQUESTS['recovery:autosave'];
    expect(draft.safeParse({ key: 'k', name: 'n', path: '/a.topo.yaml', text: '' }).success).toBe(true);
    expect(draft.safeParse({ key: 'k', name: 'n', text: '', savedAtMs: 1 }).success).toBe(false);
  });

  it('takes exports as text or bytes, within a size limit, and nothing else', () => {
    const exported = INVOKE_REQUESTS['export:save'];
    expect(exported.safeParse({ suggestedName: 'a.csv', mimeType: 'text/csv', data: 'x' }).success).toBe(
      true,
    );
    const png = { suggestedName: 'a.png', mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) };
    expect(exported.safeParse(png).success).toBe(true);
    expect(exported.safeParse({ ...png, data: [1, 2, 3] }).success).toBe(false);
    expect(exported.safeParse({ ...png, path: '/etc/passwd' }).success).toBe(false);
    const huge = { ...png, data: new Uint8Array(MAX_EXPORT_BYTES + 1) };
    expect(exported.safeParse(huge).success).toBe(false);
    expect(INVOKE_REQUESTS['export:print-pdf'].safeParse({ suggestedName: '' }).success).toBe(false);
  });

  it('takes a bundle as a folder id and files, never a folder path, within limits', () => {
    const write = INVOKE_REQUESTS['bundle:write'];
    const files = [{ path: 'bundle.json', content: '{}' }];
    expect(write.safeParse({ folderId: 'f', files }).success).toBe(true);
    expect(write.safeParse({ folderId: 'f', files, folder: '/etc' }).success).toBe(false);
    expect(write.safeParse({ folderId: 'f', files: [] }).success).toBe(false);
    expect(write.safeParse({ folderId: 'f', files: [{ path: 'a', content: 1 }] }).success).toBe(false);
    const tooMany = Array.from({ length: MAX_BUNDLE_FILES + 1 }, (_, i) => ({ path: `f${i}`, content: '' }));
    expect(write.safeParse({ folderId: 'f', files: tooMany }).success).toBe(false);
    const choose = INVOKE_REQUESTS['bundle:choose-folder'];
    expect(choose.safeParse({ paths: ['bundle.json'] }).success).toBe(true);
    expect(choose.safeParse(undefined).success).toBe(false);
  });
});
