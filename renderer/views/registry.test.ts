// The workspace view registry and its commands: tabs and shortcuts come from one list.
import { describe, expect, it } from 'vitest';
import { createTestServices } from '../test-support/services';
import { DESIGN_VIEW, registerView, viewById, workspaceViews } from './registry';

describe('workspace views', () => {
  it('starts with the design view and falls back to it for an unknown id', () => {
    expect(workspaceViews()[0]).toBe(DESIGN_VIEW);
    expect(viewById('no-such-view')).toBe(DESIGN_VIEW);
  });

  it('replaces a view registered again under its id instead of adding a second tab', () => {
    const before = workspaceViews().length;
    registerView({ id: 'test-view', title: 'Test', layout: 'overlay' });
    registerView({ id: 'test-view', title: 'Test again', layout: 'side' });
    expect(workspaceViews().length).toBe(before + 1);
    expect(viewById('test-view')).toMatchObject({ title: 'Test again', layout: 'side' });
  });

  it('switches views through commands with Mod+<n> in tab order, outside the history', async () => {
    const services = createTestServices();
    const views = workspaceViews();
    const last = views[views.length - 1]!;
    const shortcut = services.registry.lookupKeybinding(`Mod+${views.length}`);
    expect(shortcut?.id).toBe(`view.show:${last.id}`);
    await services.registry.run(`view.show:${last.id}`, services);
    expect(services.store.getState().view).toBe(last.id);
    await services.registry.run('view.show:design', services);
    expect(services.store.getState().view).toBe('design');
    expect(services.store.getState().undoStack).toEqual([]);
    expect(services.store.getState().dirty).toBe(false);
  });
});
