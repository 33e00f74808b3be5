// The command registry: ids defined once, keybindings looked up in one spelling.
import { describe, expect, it } from 'vitest';
import { createCommandRegistry, formatKeybinding, keybindingOfEvent, normaliseKeybinding } from './registry';

const key = (
  k: string,
  code: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({ key: k, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('command registry', () => {
  it('throws when an id is registered twice', () => {
    const registry = createCommandRegistry<null>();
    registry.register({ id: 'edit.undo', title: 'Undo', run: () => {} });
    expect(() => registry.register({ id: 'edit.undo', title: 'Undo again', run: () => {} })).toThrow(
      'command "edit.undo" is already registered',
    );
  });

  it('throws when a keybinding is bound twice', () => {
    const registry = createCommandRegistry<null>();
    registry.register({ id: 'a', title: 'A', keybinding: 'Mod+K', run: () => {} });
    expect(() => registry.register({ id: 'b', title: 'B', keybinding: 'ctrl+k', run: () => {} })).toThrow(
      /already bound to "a"/,
    );
  });

  it('looks commands up by keybinding, whatever the spelling', () => {
    const registry = createCommandRegistry<null>();
    registry.register({
      id: 'edit.redo',
      title: 'Redo',
      keybinding: ['Mod+Shift+Z', 'Mod+Y'],
      run: () => {},
    });
    expect(registry.lookupKeybinding('mod+shift+z')?.id).toBe('edit.redo');
    expect(registry.lookupKeybinding('Shift+Mod+Z')?.id).toBe('edit.redo');
    expect(registry.lookupKeybinding('Ctrl+Y')?.id).toBe('edit.redo');
    expect(registry.lookupKeybinding('Mod+Z')).toBeUndefined();
  });

  it('runs a command only when it is enabled', async () => {
    const ran: string[] = [];
    const registry = createCommandRegistry<{ ready: boolean }>();
    registry.register({ id: 'x', title: 'X', when: (ctx) => ctx.ready, run: () => void ran.push('x') });
    expect(registry.isEnabled('x', { ready: false })).toBe(false);
    expect(await registry.run('x', { ready: false })).toBe(false);
    expect(await registry.run('x', { ready: true })).toBe(true);
    expect(await registry.run('missing', { ready: true })).toBe(false);
    expect(ran).toEqual(['x']);
  });
});

describe('keybindings', () => {
  it('normalises modifiers and keys', () => {
    expect(normaliseKeybinding('shift+mod+z')).toBe('Mod+Shift+Z');
    expect(normaliseKeybinding('Ctrl+Alt+n')).toBe('Mod+Alt+N');
    expect(normaliseKeybinding('Cmd+S', true)).toBe('Mod+S');
    expect(normaliseKeybinding('delete')).toBe('Delete');
    expect(() => normaliseKeybinding('Hyper+Z')).toThrow(/unknown modifier/);
  });

  it('reads keyboard events with Ctrl as Mod, and Cmd as Mod on macOS', () => {
    expect(keybindingOfEvent(key('z', 'KeyZ', { ctrlKey: true }))).toBe('Mod+Z');
    expect(keybindingOfEvent(key('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }))).toBe('Mod+Shift+Z');
    expect(keybindingOfEvent(key('z', 'KeyZ', { metaKey: true }), true)).toBe('Mod+Z');
    expect(keybindingOfEvent(key('!', 'Digit1', { shiftKey: true }))).toBe('Shift+1');
    expect(keybindingOfEvent(key('Delete', 'Delete'))).toBe('Delete');
    expect(keybindingOfEvent(key('Shift', 'ShiftLeft', { shiftKey: true }))).toBeUndefined();
  });

  it('shows keybindings the way each platform writes them', () => {
    expect(formatKeybinding('Mod+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(formatKeybinding('Mod+Shift+Z', true)).toBe('⌘⇧Z');
  });
});
