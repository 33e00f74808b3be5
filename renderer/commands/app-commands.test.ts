// The app's commands, run by id the way the toolbar, menus and shortcuts run them.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/format/document-file';
import { findElement, getElement } from '../../shared/model/elements';
import type { ConfirmOptions } from '../app/dialogs';
import { smallDocument } from '../test-support/documents';
import { createTestServices } from '../test-support/services';
import type { TestServices } from '../test-support/services';

const OTT = 'file.newFromTemplate:ott-streaming-platform.topo.yaml';
const run = (services: TestServices, id: string) => services.registry.run(id, services);

describe('the registered commands', () => {
  it('include every command the menus, toolbar and palette use', () => {
    const ids = createTestServices()
      .registry.all()
      .map((c) => c.id);
    for (const id of [
      'file.new',
      OTT,
      'file.newFromTemplate:single-cluster-startup.topo.yaml',
      'file.newFromTemplate:ml-training-platform.topo.yaml',
      'file.open',
      'file.save',
      'file.saveAs',
      'edit.undo',
      'edit.redo',
      'edit.delete',
      'edit.duplicate',
      'edit.copy',
      'edit.paste',
      'edit.selectAll',
      'view.zoomToFit',
      'view.toggleMinimap',
      'view.toggleTheme',
      'view.autoLayout',
      'view.commandPalette',
    ]) {
      expect(ids).toContain(id);
    }
  });
});

describe('file commands', () => {
  it('a template opens as a new, clean document laid out without an undo step', async () => {
    const services = createTestServices();
    await run(services, OTT);
    const state = services.store.getState();
    expect(state.doc.metadata.name).toBe('OTT streaming platform');
    expect(state.file.name).toBe('ott-streaming-platform.topo.yaml');
    expect(state.file.path).toBeUndefined();
    expect(Object.keys(state.doc.layout.nodes).length).toBeGreaterThan(50);
    expect(state.undoStack).toHaveLength(0);
    expect(state.dirty).toBe(false);
  });

  it('asks before discarding unsaved changes, and keeps them when the user says no', async () => {
    const services = createTestServices({ document: smallDocument() });
    services.store.getState().dispatch({ type: 'metadata', changes: { name: 'Edited' } });
    services.dialogs.confirmAnswer = false;
    await run(services, 'file.new');
    expect(services.store.getState().doc.metadata.name).toBe('Edited');
    expect(services.dialogs.asked).toHaveLength(1);
    services.dialogs.confirmAnswer = true;
    await run(services, 'file.new');
    expect(services.store.getState().doc.metadata.name).toBe('Untitled topology');
  });

  it('opens a file from the host, and shows why when it cannot', async () => {
    const services = createTestServices();
    services.host.nextOpen = { name: 'broken.topo.yaml', path: '/d/broken.topo.yaml', text: 'kind: nope' };
    await run(services, 'file.open');
    expect(services.store.getState().toasts.at(-1)).toMatchObject({ kind: 'error' });
    expect(services.store.getState().toasts.at(-1)!.message).toContain(
      'broken.topo.yaml could not be opened',
    );
    services.host.nextOpen = null;
    await run(services, 'file.open');
    expect(services.store.getState().doc.spec.regions).toHaveLength(0);
  });

  it('saves through the host: asks where the first time, then writes back to the same file', async () => {
    const services = createTestServices({ document: smallDocument() });
    services.store.getState().dispatch({ type: 'metadata', changes: { name: 'Edited' } });
    const untitledKey = services.store.getState().file.key;
    await run(services, 'file.save');
    expect(services.host.saves[0]).toMatchObject({ saveAs: true, suggestedName: 'untitled.topo.yaml' });
    const saved = loadDocument(services.host.saves[0]!.text);
    expect(saved.ok && saved.document.metadata.name).toBe('Edited');
    let state = services.store.getState();
    expect(state.dirty).toBe(false);
    expect(state.file).toMatchObject({
      path: '/designs/untitled.topo.yaml',
      key: '/designs/untitled.topo.yaml',
    });
    expect(services.host.discarded).toContain(untitledKey);
    state.dispatch({ type: 'metadata', changes: { name: 'Again' } });
    await run(services, 'file.save');
    expect(services.host.saves[1]).toMatchObject({ saveAs: false, path: '/designs/untitled.topo.yaml' });
    await run(services, 'file.saveAs');
    expect(services.host.saves[2]!.saveAs).toBe(true);
    state = services.store.getState();
    expect(state.toasts.at(-1)).toMatchObject({ kind: 'success' });
  });

  it('asks before overwriting a file that changed on disk', async () => {
    const services = createTestServices({ document: smallDocument() });
    services.store
      .getState()
      .markSaved({ name: 'a.topo.yaml', path: '/d/a.topo.yaml', mtimeMs: 5, key: '/d/a.topo.yaml' });
    services.store.getState().dispatch({ type: 'metadata', changes: { name: 'Mine' } });
    services.host.nextSave = async (request) =>
      request.overwrite
        ? { ok: true, value: { name: 'a.topo.yaml', path: '/d/a.topo.yaml', mtimeMs: 9 } }
        : { ok: false, error: { code: 'file.changed-on-disk', message: 'changed' } };
    services.dialogs.confirmAnswer = false;
    await run(services, 'file.save');
    expect(services.store.getState().dirty).toBe(true);
    services.dialogs.confirmAnswer = true;
    await run(services, 'file.save');
    expect(services.host.saves.at(-1)).toMatchObject({ overwrite: true, expectedMtimeMs: 5 });
    expect(services.store.getState()).toMatchObject({ dirty: false, file: { mtimeMs: 9 } });
  });
});

describe('edit commands', () => {
  it('undo and redo are enabled only when there is something to undo or redo', async () => {
    const services = createTestServices({ document: smallDocument() });
    expect(services.registry.isEnabled('edit.undo', services)).toBe(false);
    services.store.getState().dispatch({ type: 'metadata', changes: { name: 'x' } });
    expect(services.registry.isEnabled('edit.undo', services)).toBe(true);
    await run(services, 'edit.undo');
    expect(services.store.getState().doc.metadata.name).toBe('Small');
    expect(services.registry.isEnabled('edit.redo', services)).toBe(true);
    await run(services, 'edit.redo');
    expect(services.store.getState().doc.metadata.name).toBe('x');
  });

  it('delete shows what else goes before deleting a container, and does nothing if declined', async () => {
    const services = createTestServices({ document: smallDocument() });
    services.store.getState().setSelection(['app-general']);
    services.dialogs.confirmAnswer = false;
    await run(services, 'edit.delete');
    expect(findElement(services.store.getState().doc, 'app-general')).toBeDefined();
    const asked = services.dialogs.asked[0] as ConfirmOptions;
    expect(asked.title).toBe('Delete node pool "general"?');
    expect(asked.details).toEqual(['2 workloads: api, web', '2 dependencies: api-to-ml, web-to-api']);
    services.dialogs.confirmAnswer = true;
    await run(services, 'edit.delete');
    const doc = services.store.getState().doc;
    expect(findElement(doc, 'app-general')).toBeUndefined();
    expect(findElement(doc, 'web')).toBeUndefined();
    expect(services.store.getState().undoStack).toHaveLength(1);
    expect(services.store.getState().selection).toEqual([]);
  });

  it('delete of an element that takes nothing else with it does not ask', async () => {
    const services = createTestServices({ document: smallDocument() });
    services.store.getState().setSelection(['web-to-api']);
    await run(services, 'edit.delete');
    expect(services.dialogs.asked).toHaveLength(0);
    expect(findElement(services.store.getState().doc, 'web-to-api')).toBeUndefined();
  });

  it('copy puts text on the clipboard; paste adds a copy with new ids into the selected container', async () => {
    const services = createTestServices({ document: smallDocument() });
    services.store.getState().setSelection(['web']);
    await run(services, 'edit.copy');
    expect(services.clipboard.text).toContain('topology-designer.dev/clipboard');
    services.store.getState().setSelection(['app-gpu']);
    await run(services, 'edit.paste');
    const state = services.store.getState();
    expect(getElement(state.doc, 'workload', 'web-2')).toMatchObject({ nodePool: 'app-gpu', cluster: 'app' });
    expect(state.selection).toEqual(['web-2']);
    expect(state.undoStack).toHaveLength(1);
  });

  it('paste of text that is not elements says so', async () => {
    const services = createTestServices({ document: smallDocument() });
    services.clipboard.text = 'just text';
    await run(services, 'edit.paste');
    expect(services.store.getState().toasts.at(-1)!.message).toBe(
      'The clipboard holds no topology elements to paste',
    );
  });

  it('duplicate copies the selection beside itself in one undo step', async () => {
    const services = createTestServices({ document: smallDocument() });
    services.store.getState().setSelection(['app']);
    await run(services, 'edit.duplicate');
    const state = services.store.getState();
    expect(getElement(state.doc, 'cluster', 'app-2')).toMatchObject({ region: 'use1' });
    expect(getElement(state.doc, 'workload', 'ml-2')).toMatchObject({
      nodePool: 'app-gpu-2',
      cluster: 'app-2',
    });
    expect(state.undoStack).toHaveLength(1);
  });

  it('select all selects every node and edge', async () => {
    const services = createTestServices({ document: smallDocument() });
    await run(services, 'edit.selectAll');
    const selection = services.store.getState().selection;
    expect(selection).toContain('use1-a');
    expect(selection).toContain('web-to-api');
    expect(selection).toContain('video');
  });
});

describe('view commands', () => {
  it('arranging automatically is one undo step', async () => {
    const services = createTestServices({ document: smallDocument() });
    await run(services, 'view.autoLayout');
    const state = services.store.getState();
    expect(state.undoStack).toHaveLength(1);
    expect(state.undoStack[0]!.label).toBe('Arrange automatically');
    expect(state.doc.layout.nodes.app).toBeDefined();
    state.undo();
    expect(services.store.getState().doc.layout.nodes).toEqual({});
  });

  it('toggles the minimap and the theme in the session only', async () => {
    const services = createTestServices({ document: smallDocument(), theme: 'light' });
    await run(services, 'view.toggleMinimap');
    await run(services, 'view.toggleTheme');
    const state = services.store.getState();
    expect(state.panels.minimap).toBe(false);
    expect(state.theme).toBe('dark');
    expect(state.undoStack).toHaveLength(0);
    expect(state.dirty).toBe(false);
  });
});
