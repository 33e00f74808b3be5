import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuTemplateOptions } from './menu';
import { buildMenuTemplate, MENU_COMMANDS } from './menu';

const TEMPLATES = [
  { file: 'ott-streaming-platform.topo.yaml', label: 'OTT streaming platform' },
  { file: 'single-cluster-startup.topo.yaml', label: 'Single-cluster startup' },
  { file: 'ml-training-platform.topo.yaml', label: 'ML training platform' },
];

function options(overrides: Partial<MenuTemplateOptions> = {}): MenuTemplateOptions {
  return {
    platform: 'linux',
    isDev: false,
    appName: 'Topology Designer',
    recentFiles: [],
    templates: TEMPLATES,
    send: vi.fn(),
    closeWindow: vi.fn(),
    clearRecent: vi.fn(),
    showAbout: vi.fn(),
    openDocumentation: vi.fn(),
    ...overrides,
  };
}

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function byId(items: readonly MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = flatten(items).find((item) => item.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

const labels = (items: readonly MenuItemConstructorOptions[]) =>
  items.map((item) => item.label?.replace(/&/g, '') ?? item.role);

describe('menus', () => {
  it('has File, Edit, View and Help, and on macOS the app menu first and a Window menu', () => {
    expect(labels(buildMenuTemplate(options()))).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(buildMenuTemplate(options({ platform: 'darwin' })))).toEqual([
      'Topology Designer',
      'File',
      'Edit',
      'View',
      'windowMenu',
      'Help',
    ]);
  });

  it('sends a command id for every command item', () => {
    const send = vi.fn();
    const template = buildMenuTemplate(options({ send }));
    const ids = Object.values(MENU_COMMANDS).filter(
      (id) => id !== MENU_COMMANDS.newFromTemplate && id !== MENU_COMMANDS.openRecent,
    );
    for (const id of ids) click(byId(template, id));
    expect(send.mock.calls.map(([id]) => id as string)).toEqual(ids);
  });

  it('offers the three templates as file.newFromTemplate:<file>', () => {
    const send = vi.fn();
    const template = buildMenuTemplate(options({ send }));
    const submenu = byId(template, 'file.newFromTemplate').submenu as MenuItemConstructorOptions[];
    expect(submenu.map((item) => [item.id, item.label])).toEqual(
      TEMPLATES.map((t) => [`file.newFromTemplate:${t.file}`, t.label]),
    );
    click(submenu[1]!);
    expect(send).toHaveBeenCalledWith('file.newFromTemplate:single-cluster-startup.topo.yaml');
  });

  it('lists recent files (escaping &) and clears them', () => {
    const send = vi.fn();
    const clearRecent = vi.fn();
    const template = buildMenuTemplate(
      options({ send, clearRecent, recentFiles: ['/d/R&D.topo.yaml', '/d/b.topo.yaml'] }),
    );
    const recent = byId(template, 'file.openRecentMenu').submenu as MenuItemConstructorOptions[];
    expect(recent[0]).toMatchObject({ id: 'file.openRecent:/d/R&D.topo.yaml', label: '/d/R&&D.topo.yaml' });
    click(recent[0]!);
    expect(send).toHaveBeenCalledWith('file.openRecent:/d/R&D.topo.yaml');
    click(byId(template, 'file.clearRecent'));
    expect(clearRecent).toHaveBeenCalled();
    const empty = buildMenuTemplate(options());
    expect(byId(empty, 'file.openRecent.none').enabled).toBe(false);
    expect(byId(empty, 'file.clearRecent').enabled).toBe(false);
  });

  it('uses CmdOrCtrl accelerators, and leaves editing keys to text fields', () => {
    const template = buildMenuTemplate(options());
    expect(byId(template, 'file.new').accelerator).toBe('CmdOrCtrl+N');
    expect(byId(template, 'file.open').accelerator).toBe('CmdOrCtrl+O');
    expect(byId(template, 'file.save').accelerator).toBe('CmdOrCtrl+S');
    expect(byId(template, 'file.saveAs').accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(byId(template, 'file.close').accelerator).toBe('CmdOrCtrl+W');
    expect(byId(template, 'view.commandPalette').accelerator).toBe('CmdOrCtrl+Shift+P');
    expect(byId(template, 'view.zoomIn').accelerator).toBe('CmdOrCtrl+=');
    for (const id of ['edit.undo', 'edit.redo', 'edit.duplicate', 'edit.delete', 'edit.selectAll']) {
      expect(byId(template, id).registerAccelerator, id).toBe(false);
    }
    expect(byId(buildMenuTemplate(options({ platform: 'win32' })), 'edit.redo').accelerator).toBe('Ctrl+Y');
    expect(
      byId(buildMenuTemplate(options({ platform: 'darwin' })), 'edit.delete').accelerator,
    ).toBeUndefined();
    const edit = flatten(template).filter(
      (item) => item.role === 'cut' || item.role === 'copy' || item.role === 'paste',
    );
    expect(edit).toHaveLength(3);
  });

  it('adds Reload and DevTools only in development', () => {
    const ids = (isDev: boolean) => flatten(buildMenuTemplate(options({ isDev }))).map((item) => item.id);
    expect(ids(true)).toEqual(expect.arrayContaining(['dev.reload', 'dev.devTools']));
    expect(ids(false)).not.toContain('dev.reload');
    expect(flatten(buildMenuTemplate(options())).some((item) => item.role === 'toggleDevTools')).toBe(false);
  });

  it('acts in main for Close, About and Documentation', () => {
    const opts = options();
    const template = buildMenuTemplate(opts);
    click(byId(template, 'file.close'));
    click(byId(template, 'help.about'));
    click(byId(template, 'help.documentation'));
    expect(opts.closeWindow).toHaveBeenCalled();
    expect(opts.showAbout).toHaveBeenCalled();
    expect(opts.openDocumentation).toHaveBeenCalled();
    expect(opts.send).not.toHaveBeenCalled();
  });

  it('gives every item a unique id', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const ids = flatten(
        buildMenuTemplate(options({ platform, isDev: true, recentFiles: ['/a.topo.yaml'] })),
      )
        .map((item) => item.id)
        .filter((id) => id !== undefined);
      expect(new Set(ids).size, platform).toBe(ids.length);
    }
  });
});
