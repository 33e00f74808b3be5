// The question asked when a window with unsaved changes closes, as data: the dialog's options and what
// its answer means. main shows it with `dialog.showMessageBox`.
import type { MessageBoxOptions } from 'electron';

export type CloseChoice = 'save' | 'discard' | 'cancel';

const CHOICES: readonly CloseChoice[] = ['save', 'discard', 'cancel'];

export function closePromptOptions(title: string, platform: NodeJS.Platform): MessageBoxOptions {
  const name = title.trim() === '' ? 'this design' : `“${title.trim()}”`;
  return {
    type: 'warning',
    buttons: ['Save', platform === 'darwin' ? 'Don’t Save' : 'Don’t save', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Do you want to save the changes you made to ${name}?`,
    detail: 'Your changes will be lost if you don’t save them.',
  };
}

/** What the button at `response` means; anything unexpected (Escape, a closed dialog) is Cancel. */
export function closeChoice(response: number): CloseChoice {
  return CHOICES[response] ?? 'cancel';
}
