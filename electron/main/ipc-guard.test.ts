import { describe, expect, it, vi } from 'vitest';
import type { HostResult } from '../ipc/contract';
import { INVOKE_CHANNELS, IPC_ERRORS, MAX_TEXT_LENGTH } from '../ipc/contract';
import type { InvokeHandlers, IpcMessage, IpcSender } from './ipc-guard';
import { checkIpcMessage, createIpcDispatcher } from './ipc-guard';
import type { AppOrigin } from './security';
import { APP_ENTRY_URL, PACKAGED_ORIGIN } from './security';

const origins: readonly AppOrigin[] = [PACKAGED_ORIGIN];
const appFrame: IpcSender = { url: APP_ENTRY_URL, isMainFrameOfAppWindow: true };

function message(channel: string, args: unknown[], sender: IpcSender | null = appFrame): IpcMessage {
  return { channel, sender, args };
}

function codeOf(result: { ok: boolean; error?: { code: string } }): string | undefined {
  return result.ok ? undefined : result.error?.code;
}

describe('checkIpcMessage', () => {
  it('refuses channels that are not in the contract', () => {
    for (const channel of ['file:delete', 'toString', '__proto__', 'constructor', '', 'FILE:OPEN']) {
      expect(codeOf(checkIpcMessage(message(channel, []), origins))).toBe(IPC_ERRORS.unknownChannel);
    }
  });

  it('refuses a sender that is gone, a subframe or another window', () => {
    expect(codeOf(checkIpcMessage(message('file:recent', [], null), origins))).toBe(
      IPC_ERRORS.untrustedSender,
    );
    const subframe = { url: APP_ENTRY_URL, isMainFrameOfAppWindow: false };
    expect(codeOf(checkIpcMessage(message('file:recent', [], subframe), origins))).toBe(
      IPC_ERRORS.untrustedSender,
    );
  });

  it('refuses a main frame that shows a page other than the app', () => {
    const urls = [
      'https://evil.example/',
      'file:///home/me/index.html',
      'app://other-host/index.html',
      'app://user:pw@topology-designer/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
    ];
    for (const url of urls) {
      const sender = { url, isMainFrameOfAppWindow: true };
      expect(codeOf(checkIpcMessage(message('file:recent', [], sender), origins)), url).toBe(
        IPC_ERRORS.untrustedSender,
      );
    }
  });

  it('accepts the dev server origin only when it is the app origin', () => {
    const dev: AppOrigin = { scheme: 'http', host: 'localhost:5173' };
    const sender = { url: 'http://localhost:5173/index.html', isMainFrameOfAppWindow: true };
    expect(checkIpcMessage(message('file:recent', [], sender), [dev]).ok).toBe(true);
    expect(
      checkIpcMessage(message('file:recent', [], { ...sender, url: 'http://localhost:5174/' }), [dev]).ok,
    ).toBe(false);
  });

  it('refuses payloads that do not match the schema', () => {
    const bad: [string, unknown[]][] = [
      ['file:open', ['unexpected']],
      ['file:open-recent', ['/a.topo.yaml']],
      ['file:open-recent', [{ path: 42 }]],
      ['file:open-recent', [{ path: '' }]],
      ['file:open-recent', [{ path: '/a\0b.topo.yaml' }]],
      ['file:save', [{ text: 'x' }]],
      ['file:save', [{ text: 'x', suggestedName: 'a.topo.yaml', extra: true }]],
      ['file:save', [{ text: 'x'.repeat(MAX_TEXT_LENGTH + 1), suggestedName: 'a.topo.yaml' }]],
      ['file:save', [{ text: 'x', suggestedName: 'a.topo.yaml', expectedMtimeMs: -1 }]],
      ['file:drop', [{ paths: [] }]],
      ['recovery:autosave', [{ key: 'k', name: 'n' }]],
      ['recovery:discard', [{ key: '' }]],
      ['window:document-state', [{ title: 'x', dirty: 'yes' }]],
      ['shell:open-external', [{ url: 42 }]],
      ['file:recent', [undefined, 'second argument']],
    ];
    for (const [channel, args] of bad) {
      const result = checkIpcMessage(message(channel, args), origins);
      expect(codeOf(result), `${channel} ${JSON.stringify(args).slice(0, 60)}`).toBe(
        IPC_ERRORS.invalidPayload,
      );
    }
  });

  it('accepts good payloads and hands the parsed request on', () => {
    const good: [string, unknown[]][] = [
      ['file:open', []],
      ['file:recent', [undefined]],
      ['file:open-recent', [{ path: '/designs/a.topo.yaml' }]],
      [
        'file:save',
        [
          {
            text: 'x',
            suggestedName: 'a.topo.yaml',
            path: '/d/a.topo.yaml',
            expectedMtimeMs: 1,
            overwrite: false,
          },
        ],
      ],
      ['export:save', [{ suggestedName: 'a.csv', mimeType: 'text/csv', data: 'a,b\n' }]],
      ['export:print-pdf', [{ suggestedName: 'a.pdf' }]],
      ['file:drop', [{ paths: ['/d/a.topo.yaml'] }]],
      ['recovery:autosave', [{ key: 'k', name: 'n', text: '' }]],
      ['recovery:list', []],
      ['recovery:discard', [{ key: 'k' }]],
      ['window:document-state', [{ title: 'x', dirty: true, path: undefined }]],
      ['shell:open-external', [{ url: 'https://example.com' }]],
      ['bundle:choose-folder', [{ paths: ['bundle.json', 'k8s/a.yaml'] }]],
      ['bundle:write', [{ folderId: 'f', files: [{ path: 'bundle.json', content: '{}' }] }]],
    ];
    expect(new Set(good.map(([channel]) => channel))).toEqual(new Set(INVOKE_CHANNELS));
    for (const [channel, args] of good) {
      const result = checkIpcMessage(message(channel, args), origins);
      expect(result, channel).toEqual({ ok: true, channel, request: args[0] });
    }
  });
});

describe('createIpcDispatcher', () => {
  function handlers(overrides: Partial<InvokeHandlers<string>> = {}): InvokeHandlers<string> {
    const done = async () => ({ ok: true as const, value: undefined });
    return {
      'file:open': async () => ({ ok: true, value: null }),
      'file:open-recent': async ({ path }) => ({ ok: true, value: { path, name: 'a', text: '' } }),
      'file:recent': async () => ({ ok: true, value: [] }),
      'file:save': async () => ({ ok: true, value: null }),
      'export:save': async () => ({ ok: true, value: null }),
      'export:print-pdf': async () => ({ ok: true, value: null }),
      'bundle:choose-folder': async () => ({ ok: true, value: null }),
      'bundle:write': async () => ({
        ok: true,
        value: { label: 'x', written: 1, removed: [], editedByHand: [] },
      }),
      'file:drop': done,
      'recovery:autosave': done,
      'recovery:list': async () => ({ ok: true, value: [] }),
      'recovery:discard': done,
      'window:document-state': done,
      'shell:open-external': done,
      ...overrides,
    };
  }

  it('runs the handler with the parsed request and the context', async () => {
    const seen: unknown[] = [];
    const dispatch = createIpcDispatcher(
      handlers({
        'recovery:discard': async (request, context) => {
          seen.push(request, context);
          return { ok: true, value: undefined };
        },
      }),
      () => origins,
    );
    expect(await dispatch(message('recovery:discard', [{ key: 'k' }]), 'window-1')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(seen).toEqual([{ key: 'k' }, 'window-1']);
  });

  it('never calls the handler for a refused message, and reports it', async () => {
    const handler = vi.fn(async (): Promise<HostResult<void>> => ({ ok: true, value: undefined }));
    const report = vi.fn();
    const dispatch = createIpcDispatcher(handlers({ 'recovery:discard': handler }), () => origins, report);
    const result = await dispatch(message('recovery:discard', [{ key: 42 }]), 'w');
    expect(codeOf(result)).toBe(IPC_ERRORS.invalidPayload);
    expect(handler).not.toHaveBeenCalled();
    expect(report).toHaveBeenCalledWith(
      'recovery:discard',
      expect.objectContaining({ code: IPC_ERRORS.invalidPayload }),
    );
  });

  it('turns a throwing handler into an error answer without its details', async () => {
    const report = vi.fn();
    const dispatch = createIpcDispatcher(
      handlers({
        'file:recent': async () => {
          throw new Error('secret stack detail');
        },
      }),
      () => origins,
      report,
    );
    const result = await dispatch(message('file:recent', []), 'w');
    expect(codeOf(result)).toBe(IPC_ERRORS.internal);
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(report).toHaveBeenCalledWith('file:recent', expect.anything(), expect.any(Error));
  });
});
