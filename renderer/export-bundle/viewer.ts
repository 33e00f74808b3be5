// Monaco for the Export dialog: a read-only viewer of one generated file, or a side-by-side diff against
// the file the previous export wrote. Reuses the YAML panel's Monaco set-up (workers, YAML) and adds the
// tokenizers of the other file types a bundle holds (TypeScript, Markdown, JSON as JavaScript).
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/typescript/register';
import { configureMonaco, monaco } from '../yaml/monaco';

/** The Monaco language of a bundle file, by its extension. */
export function languageOf(path: string): string {
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (path.endsWith('.ts')) return 'typescript';
  if (path.endsWith('.json')) return 'javascript';
  if (path.endsWith('.md')) return 'markdown';
  return 'plaintext';
}

export interface BundleViewer {
  /** Shows `next` (or, for a removed file, `previous`) alone, or the diff when both are given and differ. */
  show(path: string, next: string | undefined, previous: string | undefined): void;
  dispose(): void;
}

const OPTIONS = {
  readOnly: true,
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 12,
  scrollBeyondLastLine: false,
} as const;

/** A viewer in `container`; it swaps between a plain editor and a diff editor as files need. */
export function createBundleViewer(container: HTMLElement, dark: boolean): BundleViewer {
  configureMonaco();
  monaco.editor.setTheme(dark ? 'vs-dark' : 'vs');
  let editor: monaco.editor.IStandaloneCodeEditor | monaco.editor.IStandaloneDiffEditor | undefined;
  let models: monaco.editor.ITextModel[] = [];
  const clear = () => {
    editor?.dispose();
    for (const model of models) model.dispose();
    editor = undefined;
    models = [];
  };
  return {
    show(path, next, previous) {
      clear();
      const language = languageOf(path);
      if (next !== undefined && previous !== undefined && next !== previous) {
        const original = monaco.editor.createModel(previous, language);
        const modified = monaco.editor.createModel(next, language);
        models = [original, modified];
        const diff = monaco.editor.createDiffEditor(container, {
          ...OPTIONS,
          originalEditable: false,
          renderSideBySide: true,
        });
        diff.setModel({ original, modified });
        editor = diff;
        return;
      }
      const model = monaco.editor.createModel(next ?? previous ?? '', language);
      models = [model];
      editor = monaco.editor.create(container, { ...OPTIONS, model });
    },
    dispose: clear,
  };
}
