// Copy, cut and paste through the DOM clipboard events: the browser raises them for Ctrl/Cmd+C, X and V
// and Electron's native Edit menu roles raise them too, so one path serves both, and the pasted text
// arrives with the event (no clipboard permission prompt). Text fields and text selections keep the
// native behaviour.
import { copySelection, deleteElements, pasteText } from '../commands/app-commands';
import type { AppServices } from './services';
import { isTypingTarget } from './shortcuts';

/** Whether the user is working with text (a field has focus or text is selected on the page). */
function textInFocus(doc: Document): boolean {
  if (isTypingTarget(doc.activeElement)) return true;
  const selection = doc.getSelection?.();
  return selection !== null && selection !== undefined && !selection.isCollapsed;
}

export function installClipboardEvents(services: AppServices, doc: Document = document): () => void {
  const state = () => services.store.getState();
  const busy = () => state().dialog !== null || state().panels.commandPalette || state().gesture !== null;

  const onCopy = (event: ClipboardEvent, cut: boolean) => {
    if (textInFocus(doc) || busy() || state().selection.length === 0 || !event.clipboardData) return;
    const text = copySelection(services);
    if (text === undefined) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', text);
    if (cut) void deleteElements(services, state().selection);
  };
  const copy = (event: ClipboardEvent) => onCopy(event, false);
  const cut = (event: ClipboardEvent) => onCopy(event, true);
  const paste = (event: ClipboardEvent) => {
    if (textInFocus(doc) || busy() || !event.clipboardData) return;
    event.preventDefault();
    void pasteText(services, event.clipboardData.getData('text/plain'));
  };
  doc.addEventListener('copy', copy);
  doc.addEventListener('cut', cut);
  doc.addEventListener('paste', paste);
  return () => {
    doc.removeEventListener('copy', copy);
    doc.removeEventListener('cut', cut);
    doc.removeEventListener('paste', paste);
  };
}
