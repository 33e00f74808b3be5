// Commands defined once (STYLE.md section 10, after VS Code's Action2 and Excalidraw's actions): an id, a
// title, an optional keybinding, when it is enabled, and what it runs. The toolbar, the menus of the host
// (`onMenuCommand`), keyboard shortcuts and the command palette all look commands up here by id.

/** A keybinding such as `Mod+Z`, `Mod+Shift+Z`, `Delete` or `Shift+1`; `Mod` is Cmd on macOS, else Ctrl. */
export type Keybinding = string;

export interface AppCommand<Ctx> {
  /** Stable id, e.g. `edit.undo`; menus send it. */
  readonly id: string;
  /** What the user reads in the palette, menus and tooltips. */
  readonly title: string;
  /** Group shown in the command palette, e.g. `File`. */
  readonly category?: string;
  readonly keybinding?: Keybinding | readonly Keybinding[];
  /** Whether the command can run now; absent means always. */
  readonly when?: (ctx: Ctx) => boolean;
  readonly run: (ctx: Ctx) => void | Promise<void>;
  /** Hidden from the command palette (still reachable by id and shortcut). */
  readonly hidden?: boolean;
}

export interface CommandRegistry<Ctx> {
  register(command: AppCommand<Ctx>): void;
  get(id: string): AppCommand<Ctx> | undefined;
  all(): readonly AppCommand<Ctx>[];
  isEnabled(id: string, ctx: Ctx): boolean;
  /** Runs a command by id if it exists and is enabled; returns whether it ran. */
  run(id: string, ctx: Ctx): Promise<boolean>;
  /** The command bound to a normalised keybinding (see `normaliseKeybinding`). */
  lookupKeybinding(keybinding: Keybinding): AppCommand<Ctx> | undefined;
}

/** Modifier order in a normalised keybinding. */
const MODIFIERS = ['Mod', 'Ctrl', 'Alt', 'Shift'] as const;

/**
 * A keybinding in one spelling: modifiers in a fixed order, the key capitalised (`mod+shift+z` ->
 * `Mod+Shift+Z`). On macOS `Cmd` and `Meta` mean `Mod`; elsewhere `Ctrl` and `Control` do.
 */
export function normaliseKeybinding(keybinding: Keybinding, mac = false): Keybinding {
  const parts = keybinding.split('+').map((part) => part.trim());
  const key = parts.pop() ?? '';
  const mods = new Set<string>();
  for (const part of parts) {
    const lower = part.toLowerCase();
    if (lower === 'mod' || lower === 'cmdorctrl') mods.add('Mod');
    else if (lower === 'cmd' || lower === 'meta' || lower === 'command') mods.add(mac ? 'Mod' : 'Meta');
    else if (lower === 'ctrl' || lower === 'control') mods.add(mac ? 'Ctrl' : 'Mod');
    else if (lower === 'alt' || lower === 'option') mods.add('Alt');
    else if (lower === 'shift') mods.add('Shift');
    else throw new Error(`unknown modifier "${part}" in keybinding "${keybinding}"`);
  }
  const ordered = [...MODIFIERS.filter((m) => mods.has(m)), ...(mods.has('Meta') ? ['Meta'] : [])];
  const name = key.length === 1 ? key.toUpperCase() : key[0]!.toUpperCase() + key.slice(1);
  return [...ordered, name].join('+');
}

/** The keybinding a keyboard event stands for, in the normalised spelling. */
export function keybindingOfEvent(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  mac = false,
): Keybinding | undefined {
  if (['Control', 'Meta', 'Alt', 'Shift'].includes(event.key)) return undefined;
  // Letters and digits by their physical key, so Shift+1 is `Shift+1` and not `!`, whatever the layout.
  let key = event.key;
  if (/^Key[A-Z]$/.test(event.code)) key = event.code.slice(3);
  else if (/^Digit[0-9]$/.test(event.code)) key = event.code.slice(5);
  else if (key === ' ') key = 'Space';
  const parts: string[] = [];
  if (mac ? event.metaKey : event.ctrlKey) parts.push('Mod');
  if (mac && event.ctrlKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  if (!mac && event.metaKey) parts.push('Meta');
  parts.push(key);
  return normaliseKeybinding(parts.join('+'), mac);
}

/** How a keybinding is shown to the user on this platform, e.g. `⌘⇧Z` or `Ctrl+Shift+Z`. */
export function formatKeybinding(keybinding: Keybinding, mac = false): string {
  const parts = normaliseKeybinding(keybinding, mac).split('+');
  if (mac) {
    const symbols: Record<string, string> = { Mod: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧' };
    return parts.map((part) => symbols[part] ?? part).join('');
  }
  return parts.map((part) => (part === 'Mod' ? 'Ctrl' : part)).join('+');
}

/** Creates an empty registry; registering an id twice throws. */
export function createCommandRegistry<Ctx>(options: { mac?: boolean } = {}): CommandRegistry<Ctx> {
  const commands = new Map<string, AppCommand<Ctx>>();
  const bindings = new Map<Keybinding, string>();
  const mac = options.mac ?? false;

  const registry: CommandRegistry<Ctx> = {
    register(command) {
      if (commands.has(command.id)) throw new Error(`command "${command.id}" is already registered`);
      const keys = command.keybinding === undefined ? [] : [command.keybinding].flat();
      const normalised = keys.map((key) => normaliseKeybinding(key, mac));
      for (const key of normalised) {
        const owner = bindings.get(key);
        if (owner) throw new Error(`keybinding ${key} of "${command.id}" is already bound to "${owner}"`);
      }
      commands.set(command.id, command);
      for (const key of normalised) bindings.set(key, command.id);
    },
    get: (id) => commands.get(id),
    all: () => [...commands.values()],
    isEnabled(id, ctx) {
      const command = commands.get(id);
      return command !== undefined && (command.when?.(ctx) ?? true);
    },
    async run(id, ctx) {
      const command = commands.get(id);
      if (!command || !(command.when?.(ctx) ?? true)) return false;
      await command.run(ctx);
      return true;
    },
    lookupKeybinding(keybinding) {
      const id = bindings.get(normaliseKeybinding(keybinding, mac));
      return id === undefined ? undefined : commands.get(id);
    },
  };
  return registry;
}
