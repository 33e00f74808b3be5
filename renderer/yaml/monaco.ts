// Monaco set up for `.topo.yaml`: the editor core with the features the YAML panel uses, only the YAML
// language, its workers bundled by Vite (no network, no CDN: the CSP allows workers from 'self' and blob:)
// and monaco-yaml validating against the JSON Schema generated from the model (completions, hover
// documentation, errors inline). Loaded by a dynamic import when the YAML panel first opens, so start-up
// never pays for it.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/codeAction/browser/codeActionContributions';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/documentSymbols/browser/documentSymbols';
import 'monaco-editor/features/find/register';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/editor/contrib/lineSelection/browser/lineSelection';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/links/browser/links';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/smartSelect/browser/smartSelect';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/common/standaloneStrings';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import schema from '../../resources/schema/topology.schema.json';
import YamlWorker from './yaml.worker?worker';

export { monaco };

/** The URI of the one YAML model; the schema is bound to it. */
export const MODEL_URI = monaco.Uri.parse('file:///design.topo.yaml');

let configured = false;

/** What monaco-yaml's worker manager asks `createWebWorker` for (the options Monaco took before 0.53). */
interface LegacyWorkerOptions {
  readonly createData?: unknown;
  readonly host?: Record<string, (...args: unknown[]) => unknown>;
  readonly keepIdleModels?: boolean;
}

/**
 * Monaco as monaco-yaml expects it. Since 0.53 `editor.createWebWorker` takes a started worker instead of a
 * label and create data; this starts the YAML worker the way Monaco's own language workers are started
 * (a first message, then the create data) and hands it over.
 */
const withLegacyWorkers = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker(options: LegacyWorkerOptions) {
      const worker = new YamlWorker();
      worker.postMessage('ignore');
      worker.postMessage(options.createData);
      return monaco.editor.createWebWorker({
        worker,
        host: options.host,
        keepIdleModels: options.keepIdleModels,
      });
    },
  },
};

/** Registers the workers and the schema once per page. */
export function configureMonaco(): void {
  if (configured) return;
  configured = true;
  self.MonacoEnvironment = {
    getWorker: () => new EditorWorker(),
  };
  configureMonacoYaml(withLegacyWorkers as unknown as Parameters<typeof configureMonacoYaml>[0], {
    enableSchemaRequest: false,
    validate: true,
    hover: true,
    completion: true,
    schemas: [
      {
        uri: 'https://topology-designer.dev/schema/v1/topology.schema.json',
        fileMatch: [MODEL_URI.toString()],
        schema: schema as object,
      },
    ],
  });
}

/** Creates the editor in `container` on the one YAML model, holding `text`. */
export function createYamlEditor(
  container: HTMLElement,
  text: string,
  dark: boolean,
): monaco.editor.IStandaloneCodeEditor {
  configureMonaco();
  const model = monaco.editor.getModel(MODEL_URI) ?? monaco.editor.createModel(text, 'yaml', MODEL_URI);
  if (model.getValue() !== text) model.setValue(text);
  return monaco.editor.create(container, {
    model,
    theme: dark ? 'vs-dark' : 'vs',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    wordWrap: 'off',
    renderWhitespace: 'none',
    fixedOverflowWidgets: true,
    quickSuggestions: { other: true, comments: false, strings: true },
  });
}
