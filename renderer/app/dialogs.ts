// Questions the app asks the user (confirm a deletion, restore a draft). The dialog is session state so
// the view is a plain component; the answer comes back through a promise kept here, outside the store.
import type { AppStore } from '../store/app-store';

export interface ConfirmOptions {
  readonly title: string;
  readonly message: string;
  readonly details?: readonly string[];
  readonly confirmLabel?: string;
  readonly danger?: boolean;
}

export interface ChooseOptions {
  readonly title: string;
  readonly message: string;
  readonly choices: readonly { readonly id: string; readonly label: string; readonly detail?: string }[];
  readonly cancelLabel?: string;
}

export interface DialogService {
  confirm(options: ConfirmOptions): Promise<boolean>;
  /** The id of the chosen option, or null when the user cancels. */
  choose(options: ChooseOptions): Promise<string | null>;
  /** Answers the open dialog (called by the dialog view). */
  answer(id: number, value: string | boolean | null): void;
}

export function createDialogService(store: AppStore): DialogService {
  let nextId = 1;
  const pending = new Map<number, (value: string | boolean | null) => void>();

  const open = <T extends string | boolean | null>(
    build: (id: number) => NonNullable<ReturnType<AppStore['getState']>['dialog']>,
  ): Promise<T> =>
    new Promise<T>((resolve) => {
      // A new question replaces an unanswered one, which counts as cancelled.
      for (const [id, settle] of pending) {
        pending.delete(id);
        settle(null);
      }
      const id = nextId++;
      pending.set(id, (value) => resolve(value as T));
      store.getState().setDialog(build(id));
    });

  return {
    async confirm(options) {
      const answer = await open<boolean | null>((id) => ({
        id,
        kind: 'confirm',
        title: options.title,
        message: options.message,
        details: options.details,
        confirmLabel: options.confirmLabel ?? 'OK',
        danger: options.danger,
      }));
      return answer === true;
    },
    choose(options) {
      return open<string | null>((id) => ({
        id,
        kind: 'choice',
        title: options.title,
        message: options.message,
        choices: options.choices,
        cancelLabel: options.cancelLabel ?? 'Cancel',
      }));
    },
    answer(id, value) {
      const settle = pending.get(id);
      if (store.getState().dialog?.id === id) store.getState().setDialog(null);
      if (!settle) return;
      pending.delete(id);
      settle(value);
    },
  };
}
