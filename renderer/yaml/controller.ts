// The YAML panel's editor and its two-way sync with the store (loaded lazily with Monaco):
// - text to design: 400 ms after the last keystroke the text is loaded like a file; a valid change is one
//   undoable `replace` command, an invalid one is marked in place (Monaco markers) and nothing is applied;
// - design to text: a change from elsewhere (canvas, inspector, undo) replaces only the part of the text that
//   differs, unless the text holds an unapplied edit: then the panel asks (reload from the design or keep
//   editing) instead of losing either;
// - selection: selecting an element reveals and highlights its lines; moving the cursor into an element's
//   block selects it.
import { arrangeMissing } from '../commands/file-ops';
import type { AppServices } from '../app/services';
import type { AppState } from '../store/app-store';
import { findElement } from '../../shared/model/elements';
import type { ElementBlock, SyncBase, TextProblem } from './sync';
import {
  blockOf,
  elementAtLine,
  elementBlocks,
  minimalEdit,
  onDocumentChange,
  planEdit,
  refusalProblems,
  textOf,
} from './sync';
import { createYamlEditor, monaco } from './monaco';

/** How the text stands with the design, as the panel shows it. */
export type YamlStatus =
  | { readonly kind: 'in-step' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'invalid'; readonly count: number }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'conflict' };

/** Debounce between the last keystroke and loading the text. */
export const APPLY_DELAY_MS = 400;
const MARKER_OWNER = 'topology-designer';

function prefersDark(state: AppState): boolean {
  if (state.theme === 'dark') return true;
  if (state.theme === 'light') return false;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export class YamlController {
  private readonly editor: monaco.editor.IStandaloneCodeEditor;
  private readonly model: monaco.editor.ITextModel;
  private readonly highlight: monaco.editor.IEditorDecorationsCollection;
  private readonly disposers: (() => void)[] = [];
  private base: SyncBase;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** True while the controller itself changes the text or the document, so its own events are ignored. */
  private busy = false;
  private blocks: { version: number; blocks: ElementBlock[] } | undefined;

  constructor(
    container: HTMLElement,
    private readonly services: AppServices,
    private readonly onStatus: (status: YamlStatus) => void,
  ) {
    const state = services.store.getState();
    this.base = { doc: state.doc, text: textOf(state.doc) };
    this.editor = createYamlEditor(container, this.base.text, prefersDark(state));
    this.model = this.editor.getModel()!;
    this.highlight = this.editor.createDecorationsCollection();
    const content = this.model.onDidChangeContent(() => {
      if (!this.busy) this.schedule();
    });
    const cursor = this.editor.onDidChangeCursorPosition((event) => {
      if (event.source !== 'modelChange') this.cursorMoved(event.position.lineNumber);
    });
    const unsubscribe = services.store.subscribe((next, previous) => {
      if (next.gesture) return;
      if (next.doc !== previous.doc || previous.gesture) this.documentChanged();
      if (next.selection !== previous.selection) this.revealSelection();
      if (next.theme !== previous.theme) monaco.editor.setTheme(prefersDark(next) ? 'vs-dark' : 'vs');
    });
    this.disposers.push(
      () => content.dispose(),
      () => cursor.dispose(),
      unsubscribe,
    );
    this.onStatus({ kind: 'in-step' });
    this.revealSelection();
  }

  /** Puts the text back to the design's, dropping the unapplied edit. */
  reload(): void {
    const doc = this.services.store.getState().doc;
    this.setText(textOf(doc));
    this.base = { doc, text: textOf(doc) };
    this.setProblems([]);
    this.onStatus({ kind: 'in-step' });
  }

  /** Keeps the unapplied edit and makes it an edit of the design as it is now; applies it if valid. */
  keepEditing(): void {
    const doc = this.services.store.getState().doc;
    this.base = { doc, text: textOf(doc) };
    this.apply();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const dispose of this.disposers) dispose();
    this.editor.dispose();
    this.model.dispose();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.onStatus({ kind: 'pending' });
    this.timer = setTimeout(() => this.apply(), APPLY_DELAY_MS);
  }

  private apply(): void {
    clearTimeout(this.timer);
    const { store, catalog } = this.services;
    if (store.getState().gesture) {
      this.schedule();
      return;
    }
    const text = this.model.getValue();
    const doc = store.getState().doc;
    const plan = planEdit(text, this.base, doc, catalog);
    switch (plan.kind) {
      case 'same':
        this.base = { doc, text };
        this.setProblems([]);
        this.onStatus({ kind: 'in-step' });
        return;
      case 'invalid':
        this.setProblems(plan.problems);
        this.onStatus({ kind: 'invalid', count: plan.problems.filter((p) => p.severity === 'error').length });
        return;
      case 'conflict':
        this.onStatus({ kind: 'conflict' });
        return;
      case 'apply': {
        this.busy = true;
        const result = store
          .getState()
          .dispatch({ type: 'replace', document: plan.document, label: 'Edit YAML' }, { toast: false });
        this.busy = false;
        if (!result.ok) {
          const problems = refusalProblems(result.error, plan.locate);
          this.setProblems(problems);
          this.onStatus({ kind: 'refused', message: result.error.message });
          return;
        }
        const applied = store.getState().doc;
        this.base = { doc: applied, text };
        this.setProblems([]);
        this.onStatus({ kind: 'in-step' });
        const elements = elementBlocks(text).map((block) => block.id);
        if (elements.some((id) => !applied.layout.nodes[id])) void arrangeMissing(this.services);
        return;
      }
    }
  }

  private documentChanged(): void {
    if (this.busy) return;
    const doc = this.services.store.getState().doc;
    switch (onDocumentChange(this.model.getValue(), this.base, doc)) {
      case 'none':
        return;
      case 'replace-text':
        clearTimeout(this.timer);
        this.setText(textOf(doc));
        this.base = { doc, text: textOf(doc) };
        this.setProblems([]);
        this.onStatus({ kind: 'in-step' });
        this.revealSelection();
        return;
      case 'conflict':
        clearTimeout(this.timer);
        this.onStatus({ kind: 'conflict' });
        return;
    }
  }

  /** Replaces only the differing part of the text, as one step of Monaco's own undo, keeping cursor and scroll. */
  private setText(text: string): void {
    const edit = minimalEdit(this.model.getValue(), text);
    if (edit.start === edit.end && edit.text === '') return;
    const start = this.model.getPositionAt(edit.start);
    const end = this.model.getPositionAt(edit.end);
    const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
    this.busy = true;
    try {
      this.model.pushStackElement();
      this.model.pushEditOperations(null, [{ range, text: edit.text }], () => null);
      this.model.pushStackElement();
    } finally {
      this.busy = false;
    }
  }

  private setProblems(problems: readonly TextProblem[]): void {
    const lines = this.model.getLineCount();
    monaco.editor.setModelMarkers(
      this.model,
      MARKER_OWNER,
      problems.map((problem) => {
        const line = Math.min(Math.max(problem.line, 1), lines);
        const column = Math.min(Math.max(problem.column, 1), this.model.getLineMaxColumn(line));
        return {
          severity:
            problem.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: problem.message,
          startLineNumber: line,
          startColumn: column,
          endLineNumber: line,
          endColumn: Math.max(this.model.getLineMaxColumn(line), column + 1),
        };
      }),
    );
  }

  private currentBlocks(): ElementBlock[] {
    const version = this.model.getVersionId();
    if (this.blocks?.version !== version) {
      this.blocks = { version, blocks: elementBlocks(this.model.getValue()) };
    }
    return this.blocks.blocks;
  }

  private markBlock(block: ElementBlock | undefined): void {
    this.highlight.set(
      block
        ? [
            {
              range: new monaco.Range(block.startLine, 1, block.endLine, 1),
              options: { isWholeLine: true, className: 'yaml-selected-block' },
            },
          ]
        : [],
    );
  }

  /** Reveals and highlights the selected element's lines (one element selected, typed elsewhere). */
  private revealSelection(): void {
    const selection = this.services.store.getState().selection;
    const block = selection.length === 1 ? blockOf(this.currentBlocks(), selection[0]!) : undefined;
    this.markBlock(block);
    if (block && !this.editor.hasTextFocus()) {
      this.editor.revealLinesInCenterIfOutsideViewport(block.startLine, block.endLine);
    }
  }

  /** Selects the element whose block the cursor moved into (when the user moved it). */
  private cursorMoved(line: number): void {
    if (!this.editor.hasTextFocus()) return;
    const id = elementAtLine(this.currentBlocks(), line);
    if (id === undefined) return;
    const { store } = this.services;
    const state = store.getState();
    if (!findElement(state.doc, id)) return;
    if (state.selection.length === 1 && state.selection[0] === id) return;
    state.setSelection([id]);
  }
}
