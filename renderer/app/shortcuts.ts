// Keyboard shortcuts: a key press is looked up in the command registry. Keys typed into a text field
// belong to the field.
import { keybindingOfEvent } from '../commands/registry';
import type { AppServices } from './services';

/** Whether an event target is somewhere text is typed. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return element.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

const NATIVE_CLIPBOARD_KEYS = new Set(['Mod+C', 'Mod+X', 'Mod+V']);

export function installShortcuts(services: AppServices, target: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return;
    // A dialog or the command palette handles its own keys.
    const state = services.store.getState();
    if (state.dialog || state.panels.commandPalette) return;
    const binding = keybindingOfEvent(event, services.mac);
    // Copy, cut and paste keys stay with the browser: it raises the DOM clipboard events, which carry the
    // clipboard without a permission prompt (see clipboard-events.ts).
    if (!binding || NATIVE_CLIPBOARD_KEYS.has(binding)) return;
    const command = services.registry.lookupKeybinding(binding);
    if (!command) return;
    event.preventDefault();
    if (services.registry.isEnabled(command.id, services)) void services.registry.run(command.id, services);
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
