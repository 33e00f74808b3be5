// Autosave: two seconds after the last change, only while there are unsaved changes; recovery on start.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/format/document-file';
import { saveDocument } from '../../shared/format/document-file';
import { smallDocument } from '../test-support/documents';
import { createTestServices } from '../test-support/services';
import { AUTOSAVE_DELAY_MS, startAutosave } from './autosave';
import type { Timers } from './autosave';
import { OPEN_RECENT, connectHost, offerRecoveries, runMenuCommand, windowTitle } from './host-bridge';

function manualTimers(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    setTimeout: (run, ms) => {
      const id = next++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.run();
        }
      }
    },
    pending: () => timers.size,
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('autosave', () => {
  it('saves a draft two seconds after the last change, once', async () => {
    const services = createTestServices({ document: smallDocument() });
    const timers = manualTimers();
    const stop = startAutosave(services, { timers });
    const state = () => services.store.getState();
    state().dispatch({ type: 'metadata', changes: { name: 'one' } });
    timers.advance(AUTOSAVE_DELAY_MS - 500);
    state().dispatch({ type: 'metadata', changes: { name: 'two' } });
    timers.advance(AUTOSAVE_DELAY_MS - 500);
    expect(services.host.autosaves.size).toBe(0);
    timers.advance(500);
    await flush();
    const saved = services.host.autosaves.get(state().file.key)!;
    expect(saved.name).toBe('untitled.topo.yaml');
    const reloaded = loadDocument(saved.text);
    expect(reloaded.ok && reloaded.document.metadata.name).toBe('two');
    stop();
    expect(timers.pending()).toBe(0);
  });

  it('does not save a document without unsaved changes', async () => {
    const services = createTestServices({ document: smallDocument() });
    const timers = manualTimers();
    startAutosave(services, { timers });
    services.store.getState().dispatch({ type: 'metadata', changes: { name: 'x' } });
    services.store.getState().undo();
    timers.advance(AUTOSAVE_DELAY_MS * 2);
    await flush();
    expect(services.host.autosaves.size).toBe(0);
  });
});

describe('host bridge', () => {
  it('sends the title and unsaved state to the host, and runs menu commands by id', async () => {
    const services = createTestServices({ document: smallDocument() });
    const stop = connectHost(services);
    services.store.getState().dispatch({ type: 'metadata', changes: { name: 'x' } });
    expect(services.host.states.at(-1)).toEqual({
      title: windowTitle('untitled.topo.yaml', true),
      dirty: true,
    });
    services.host.menu('edit.undo');
    await flush();
    expect(services.store.getState().doc.metadata.name).toBe('Small');
    expect(services.host.states.at(-1)).toEqual({
      title: 'untitled.topo.yaml — Topology Designer',
      dirty: false,
    });
    services.host.menu('no.such.command');
    expect(services.store.getState().toasts.at(-1)!.message).toBe('Unknown command "no.such.command"');
    stop();
  });

  it('reopens a recent file named by the menu', async () => {
    const services = createTestServices();
    services.host.recent.set('/d/r.topo.yaml', {
      name: 'r.topo.yaml',
      path: '/d/r.topo.yaml',
      text: saveDocument(smallDocument()),
    });
    await runMenuCommand(services, `${OPEN_RECENT}/d/r.topo.yaml`);
    expect(services.store.getState().file).toMatchObject({ name: 'r.topo.yaml', path: '/d/r.topo.yaml' });
    await runMenuCommand(services, `${OPEN_RECENT}/d/gone.topo.yaml`);
    expect(services.store.getState().toasts.at(-1)).toMatchObject({
      kind: 'error',
      message: 'no /d/gone.topo.yaml',
    });
  });

  it('opens a file that arrives from outside', async () => {
    const services = createTestServices();
    const stop = connectHost(services);
    services.host.deliver({
      name: 'in.topo.yaml',
      path: '/in.topo.yaml',
      text: saveDocument(smallDocument()),
    });
    await flush();
    await flush();
    expect(services.store.getState().doc.metadata.name).toBe('Small');
    expect(services.store.getState().file).toMatchObject({ name: 'in.topo.yaml', path: '/in.topo.yaml' });
    stop();
  });

  it('offers recoveries; a restored draft opens with unsaved changes under its own key', async () => {
    const services = createTestServices();
    services.host.recoveries = [
      { key: 'untitled:old', name: 'lost.topo.yaml', text: saveDocument(smallDocument()), savedAtMs: 5 },
    ];
    await offerRecoveries(services);
    const state = services.store.getState();
    expect(state.doc.metadata.name).toBe('Small');
    expect(state.dirty).toBe(true);
    expect(state.file.key).toBe('untitled:old');
  });

  it('discards every draft when the user declines', async () => {
    const services = createTestServices();
    services.host.recoveries = [
      { key: 'a', name: 'a.topo.yaml', text: 'x', savedAtMs: 5 },
      { key: 'b', name: 'b.topo.yaml', text: 'y', savedAtMs: 6 },
    ];
    services.dialogs.chooseAnswer = () => null;
    await offerRecoveries(services);
    expect(services.host.discarded).toEqual(['a', 'b']);
    expect(services.store.getState().doc.spec.regions).toHaveLength(0);
  });
});
