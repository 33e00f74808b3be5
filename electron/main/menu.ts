// The native menus as data (STYLE.md section 10: menus look commands up by id). Items send command ids
// over `menu:command`; the renderer's command registry runs them. A few items act in main because they
// concern the shell itself (close the window, clear the recent list, About, Documentation, Reload and
// DevTools in development).
//
// Keys and text fields: Cut, Copy and Paste are native roles, so they raise the DOM `cut`/`copy`/`paste`
// events the renderer handles exactly as in the browser build (and text fields work as usual). Undo,
// Redo, Duplicate, Delete and Select All show their shortcut but, on Windows and Linux, do not register
// it (`registerAccelerator: false`): the key reaches the page, where a text field edits natively and the
// canvas runs the command, as in the browser. macOS always registers menu shortcuts, so there the
// renderer receives `edit.undo` (etc.) and must run the native editing command when a text field has
// focus; Delete has no shortcut on macOS so that Backspace keeps deleting characters.
import type { MenuItemConstructorOptions } from 'electron';

/** Ids of the commands the menus send; the renderer's registry defines what they do. */
export const MENU_COMMANDS = {
  newDocument: 'file.new',
  /** Followed by `:<template file>`, e.g. `file.newFromTemplate:ott-streaming-platform.topo.yaml`. */
  newFromTemplate: 'file.newFromTemplate',
  open: 'file.open',
  /** Followed by `:<absolute path>`; the renderer answers with `openRecent(path)`. */
  openRecent: 'file.openRecent',
  save: 'file.save',
  saveAs: 'file.saveAs',
  exportBundle: 'export.bundle',
  undo: 'edit.undo',
  redo: 'edit.redo',
  duplicate: 'edit.duplicate',
  delete: 'edit.delete',
  selectAll: 'edit.selectAll',
  commandPalette: 'view.commandPalette',
  zoomToFit: 'view.zoomToFit',
  zoomIn: 'view.zoomIn',
  zoomOut: 'view.zoomOut',
  toggleMinimap: 'view.toggleMinimap',
  toggleProblems: 'view.toggleProblems',
  toggleTheme: 'view.toggleTheme',
} as const;

/** A command id with its argument: `file.newFromTemplate:<file>`. */
export function commandWithArgument(command: string, argument: string): string {
  return `${command}:${argument}`;
}

export interface MenuTemplateOptions {
  readonly platform: NodeJS.Platform;
  /** Development build (not packaged): adds Reload and DevTools. */
  readonly isDev: boolean;
  readonly appName: string;
  readonly recentFiles: readonly string[];
  readonly templates: readonly { readonly file: string; readonly label: string }[];
  /** Sends a command id to the focused app window. */
  readonly send: (commandId: string) => void;
  readonly closeWindow: () => void;
  readonly clearRecent: () => void;
  readonly showAbout: () => void;
  readonly openDocumentation: () => void;
}

export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const command = (
    id: string,
    label: string,
    accelerator?: string,
    extra: Partial<MenuItemConstructorOptions> = {},
  ): MenuItemConstructorOptions => ({
    id,
    label,
    ...(accelerator ? { accelerator } : {}),
    ...extra,
    click: () => options.send(id),
  });
  const keyOnly = { registerAccelerator: false } as const;
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const recent: MenuItemConstructorOptions[] =
    options.recentFiles.length === 0
      ? [{ id: 'file.openRecent.none', label: 'No Recent Files', enabled: false }]
      : options.recentFiles.map((file) =>
          command(commandWithArgument(MENU_COMMANDS.openRecent, file), escapeLabel(file)),
        );
  recent.push(separator, {
    id: 'file.clearRecent',
    label: 'Clear Recently Opened',
    enabled: options.recentFiles.length > 0,
    click: options.clearRecent,
  });

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command(MENU_COMMANDS.newDocument, '&New', 'CmdOrCtrl+N'),
      {
        id: 'file.newFromTemplate',
        label: 'New from &Template',
        submenu: options.templates.map((template) =>
          command(
            commandWithArgument(MENU_COMMANDS.newFromTemplate, template.file),
            escapeLabel(template.label),
          ),
        ),
      },
      separator,
      command(MENU_COMMANDS.open, '&Open…', 'CmdOrCtrl+O'),
      { id: 'file.openRecentMenu', label: 'Open &Recent', submenu: recent },
      separator,
      command(MENU_COMMANDS.save, '&Save', 'CmdOrCtrl+S'),
      command(MENU_COMMANDS.saveAs, 'Save &As…', 'CmdOrCtrl+Shift+S'),
      separator,
      command(MENU_COMMANDS.exportBundle, '&Export Deployable Bundle…', 'CmdOrCtrl+Shift+E'),
      separator,
      { id: 'file.close', label: '&Close Window', accelerator: 'CmdOrCtrl+W', click: options.closeWindow },
      ...(mac
        ? []
        : [
            separator,
            {
              role: 'quit',
              label: options.platform === 'linux' ? '&Quit' : 'E&xit',
            } as MenuItemConstructorOptions,
          ]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      command(MENU_COMMANDS.undo, '&Undo', 'CmdOrCtrl+Z', keyOnly),
      command(
        MENU_COMMANDS.redo,
        '&Redo',
        options.platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z',
        keyOnly,
      ),
      separator,
      { role: 'cut', label: 'Cu&t' },
      { role: 'copy', label: '&Copy' },
      { role: 'paste', label: '&Paste' },
      command(MENU_COMMANDS.duplicate, 'D&uplicate', 'CmdOrCtrl+D', keyOnly),
      // No shortcut on macOS: a registered Backspace would stop text fields from deleting characters.
      command(MENU_COMMANDS.delete, '&Delete', mac ? undefined : 'Delete', keyOnly),
      command(MENU_COMMANDS.selectAll, 'Select &All', 'CmdOrCtrl+A', keyOnly),
      separator,
      command(MENU_COMMANDS.commandPalette, 'Command &Palette…', 'CmdOrCtrl+Shift+P'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command(MENU_COMMANDS.zoomToFit, 'Zoom to &Fit', 'CmdOrCtrl+0'),
      command(MENU_COMMANDS.zoomIn, 'Zoom &In', 'CmdOrCtrl+='),
      command(MENU_COMMANDS.zoomOut, 'Zoom &Out', 'CmdOrCtrl+-'),
      separator,
      command(MENU_COMMANDS.toggleMinimap, 'Toggle &Minimap'),
      command(MENU_COMMANDS.toggleProblems, 'Toggle &Problems', 'CmdOrCtrl+Shift+M'),
      command(MENU_COMMANDS.toggleTheme, 'Toggle &Theme'),
      separator,
      { role: 'togglefullscreen' },
      ...(options.isDev
        ? [
            separator,
            { id: 'dev.reload', role: 'forceReload', label: '&Reload' } as MenuItemConstructorOptions,
            {
              id: 'dev.devTools',
              role: 'toggleDevTools',
              label: 'Toggle &Developer Tools',
            } as MenuItemConstructorOptions,
          ]
        : []),
    ],
  };

  const about: MenuItemConstructorOptions = {
    id: 'help.about',
    label: `&About ${options.appName}`,
    click: options.showAbout,
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { id: 'help.documentation', label: '&Documentation', click: options.openDocumentation },
      ...(mac ? [] : [separator, about]),
    ],
  };

  const template: MenuItemConstructorOptions[] = [file, edit, view];
  if (mac) {
    template.unshift({
      label: options.appName,
      submenu: [
        about,
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
    template.push({ role: 'windowMenu' });
  }
  template.push(help);
  return template;
}

/** Menu labels treat `&` as a mnemonic marker on Windows and Linux; a file name's `&` is doubled. */
function escapeLabel(label: string): string {
  return label.replace(/&/g, '&&');
}
