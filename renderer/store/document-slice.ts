// The document slice: the TopologyDocument, the file it came from, the dirty flag and the undo history.
// Every change to the document goes through `dispatch` (a command from shared/model/commands.ts); a
// refused command leaves everything as it was and comes back with the reason, which is also shown as a
// toast. Loading a file replaces the document and starts a fresh history; it is not an undo step.
import type { StateCreator } from 'zustand';
import type { FileProblem } from '../../shared/format/document-file';
import type { Command, CommandError } from '../../shared/model/commands';
import { executeCommand } from '../../shared/model/commands';
import { findElement } from '../../shared/model/elements';
import type { NodeLayout, TopologyDocument } from '../../shared/model/schema';
import type { AppState, StoreDeps } from './app-store';
import { withoutDiagnostics } from './analysis';
import type { HistoryEntry } from './history';
import { squashInverses } from './history';

/** Where the open document lives, as far as the host told us. */
export interface FileInfo {
  /** File name shown in the title bar and status bar, e.g. `ott.topo.yaml`. */
  readonly name: string;
  readonly path?: string;
  readonly handleId?: string;
  readonly mtimeMs?: number;
  /** Stable key of this document session for autosave (its path, handle, or an id for a new document). */
  readonly key: string;
}

export type DispatchResult =
  | { readonly ok: true; readonly label: string; readonly code: string }
  | { readonly ok: false; readonly error: CommandError };

/** A drag or resize in progress: its commands ran on the document but are not yet in the history. */
export interface Gesture {
  readonly before: TopologyDocument;
  readonly inverses: readonly Command[];
  readonly code: string | undefined;
}

export interface DispatchOptions {
  /** Show a refusal as a toast (default true); the caller may show it its own way instead. */
  readonly toast?: boolean;
}

export interface DocumentSlice {
  doc: TopologyDocument;
  file: FileInfo;
  /** Whether the document differs from what was last loaded or saved. */
  dirty: boolean;
  undoStack: readonly HistoryEntry[];
  redoStack: readonly HistoryEntry[];
  gesture: Gesture | null;
  /** Id of the history entry on top of the undo stack when the document was saved (0: none, -1: never). */
  savepoint: number;
  /** Increases with every change of `doc`, including undo, redo and loads. */
  revision: number;

  dispatch(command: Command, options?: DispatchOptions): DispatchResult;
  undo(): DispatchResult;
  redo(): DispatchResult;
  /** Starts a gesture: the commands until `endGesture` become one undo step. */
  beginGesture(): void;
  /** Ends a gesture; its commands become one undo step labelled `label` (none if nothing changed). */
  endGesture(label?: string): void;
  /** Abandons a gesture and puts the document back as it was before it. */
  cancelGesture(): void;
  /** Replaces the document (open, new, template, recovery); clears the history and the blast-radius view. */
  loadDocument(
    doc: TopologyDocument,
    file: FileInfo,
    options?: { dirty?: boolean; warnings?: readonly FileProblem[] },
  ): void;
  /** Records that the document was saved as `file`. */
  markSaved(file: FileInfo): void;
  /** Updates where the document lives without touching the save point (a save of an older version). */
  setFile(file: FileInfo): void;
  /**
   * Sets layout entries without an undo step and without marking the document dirty: positions computed
   * for a file that had none are a view of it, not an edit.
   */
  applyLayoutSilently(entries: Readonly<Record<string, NodeLayout>>): DispatchResult;
}

const GESTURE_ACTIVE: CommandError = {
  code: 'history.gesture-active',
  message: 'finish the current drag before undoing or redoing',
};

export function createDocumentSlice(
  deps: StoreDeps,
  initial: { doc: TopologyDocument; file: FileInfo },
): StateCreator<AppState, [], [], DocumentSlice> {
  let nextEntryId = 1;
  const topOf = (stack: readonly HistoryEntry[]) => stack[stack.length - 1]?.id ?? 0;

  return (set, get) => {
    /** Runs a command on the current document; on refusal, reports it and changes nothing. */
    const run = (command: Command, options: DispatchOptions = {}) => {
      const result = executeCommand(get().doc, command, { catalog: deps.catalog });
      if (!result.ok && options.toast !== false) {
        get().showToast({ kind: 'error', message: result.error.message });
      }
      return result;
    };

    /** State after the document changed: selection pruned of ids that are gone. */
    const changed = (doc: TopologyDocument, undoStack: readonly HistoryEntry[], savepoint: number) => {
      const state = get();
      const selection = state.selection.filter((id) => idExists(doc, id));
      return {
        doc,
        revision: state.revision + 1,
        dirty: topOf(undoStack) !== savepoint,
        ...(selection.length !== state.selection.length ? { selection } : {}),
      };
    };

    return {
      doc: initial.doc,
      file: initial.file,
      dirty: false,
      undoStack: [],
      redoStack: [],
      gesture: null,
      savepoint: 0,
      revision: 0,

      dispatch(command, options) {
        const result = run(command, options);
        if (!result.ok) return result;
        const state = get();
        if (result.document === state.doc) return { ok: true, label: result.label, code: result.code };
        if (state.gesture) {
          const gesture = state.gesture;
          set({
            ...changed(result.document, state.undoStack, state.savepoint),
            dirty: true,
            gesture: {
              ...gesture,
              inverses: [...gesture.inverses, result.inverse],
              code: gesture.code ?? result.code,
            },
          });
        } else {
          const entry: HistoryEntry = {
            id: nextEntryId++,
            inverse: result.inverse,
            redo: command,
            label: result.label,
            code: result.code,
          };
          const undoStack = [...state.undoStack, entry];
          set({ ...changed(result.document, undoStack, state.savepoint), undoStack, redoStack: [] });
        }
        return { ok: true, label: result.label, code: result.code };
      },

      undo() {
        const state = get();
        if (state.gesture) return { ok: false, error: GESTURE_ACTIVE };
        const entry = state.undoStack[state.undoStack.length - 1];
        if (!entry) return { ok: false, error: { code: 'history.empty', message: 'nothing to undo' } };
        const result = run(entry.inverse);
        if (!result.ok) return result;
        const undoStack = state.undoStack.slice(0, -1);
        set({
          ...changed(result.document, undoStack, state.savepoint),
          undoStack,
          redoStack: [...state.redoStack, entry],
        });
        return { ok: true, label: entry.label, code: entry.code };
      },

      redo() {
        const state = get();
        if (state.gesture) return { ok: false, error: GESTURE_ACTIVE };
        const entry = state.redoStack[state.redoStack.length - 1];
        if (!entry) return { ok: false, error: { code: 'history.empty', message: 'nothing to redo' } };
        const result = run(entry.redo);
        if (!result.ok) return result;
        const undoStack = [...state.undoStack, { ...entry, inverse: result.inverse }];
        set({
          ...changed(result.document, undoStack, state.savepoint),
          undoStack,
          redoStack: state.redoStack.slice(0, -1),
        });
        return { ok: true, label: entry.label, code: entry.code };
      },

      beginGesture() {
        const state = get();
        if (state.gesture) return;
        set({ gesture: { before: state.doc, inverses: [], code: undefined } });
      },

      endGesture(label) {
        const state = get();
        const gesture = state.gesture;
        if (!gesture) return;
        if (gesture.inverses.length === 0) {
          set({ gesture: null });
          return;
        }
        const code = gesture.code ?? 'gesture';
        const text = label ?? labelOf(gesture.inverses[gesture.inverses.length - 1]!);
        const inverse = squashInverses(gesture.inverses, code, text);
        // The redo of a gesture is the restore that undoing it would produce: it replays exactly the
        // gesture's net changes, whatever commands made them.
        const probe = executeCommand(state.doc, inverse);
        const redo = probe.ok ? probe.inverse : inverse;
        const entry: HistoryEntry = { id: nextEntryId++, inverse, redo, label: text, code };
        const undoStack = [...state.undoStack, entry];
        set({
          gesture: null,
          undoStack,
          redoStack: [],
          dirty: topOf(undoStack) !== state.savepoint,
        });
      },

      cancelGesture() {
        const state = get();
        const gesture = state.gesture;
        if (!gesture) return;
        if (gesture.inverses.length === 0) {
          set({ gesture: null });
          return;
        }
        set({ ...changed(gesture.before, state.undoStack, state.savepoint), gesture: null });
      },

      loadDocument(doc, file, options = {}) {
        const state = get();
        set({
          doc,
          file,
          undoStack: [],
          redoStack: [],
          gesture: null,
          savepoint: options.dirty ? -1 : 0,
          dirty: options.dirty ?? false,
          revision: state.revision + 1,
          selection: [],
          dropTarget: null,
          dragging: [],
          measured: {},
          blastDomain: null,
          loadWarnings: options.warnings ? [...options.warnings] : [],
          // The problems of the document before are not about this one (its own may take a moment: the
          // design rules of a large document run in the analysis worker).
          analysis: withoutDiagnostics(state.analysis),
        });
      },

      markSaved(file) {
        const state = get();
        const savepoint = topOf(state.undoStack);
        set({ file, savepoint, dirty: state.gesture !== null });
      },

      setFile(file) {
        set({ file });
      },

      applyLayoutSilently(entries) {
        const state = get();
        if (Object.keys(entries).length === 0) return { ok: true, label: 'Arrange', code: 'layout.set' };
        const result = run({ type: 'layout', entries });
        if (!result.ok) return result;
        if (state.gesture) {
          // Keep a running gesture consistent: cancelling it must not drop these positions.
          set({
            doc: result.document,
            revision: state.revision + 1,
            gesture: { ...state.gesture, before: applyOrKeep(state.gesture.before, entries) },
          });
        } else set({ doc: result.document, revision: state.revision + 1 });
        return { ok: true, label: result.label, code: result.code };
      },
    };
  };
}

function labelOf(command: Command): string {
  return command.type === 'restore' || command.type === 'batch' ? command.label : 'Change';
}

function applyOrKeep(doc: TopologyDocument, entries: Readonly<Record<string, NodeLayout>>): TopologyDocument {
  const result = executeCommand(doc, { type: 'layout', entries });
  return result.ok ? result.document : doc;
}

function idExists(doc: TopologyDocument, id: string): boolean {
  return findElement(doc, id) !== undefined;
}
