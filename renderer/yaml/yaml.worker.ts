// The YAML language worker (validation, completion, hover against the schema), bundled by Vite as its own
// worker script; importing it from this file instead of from monaco-yaml is the workaround monaco-yaml's
// README gives for Vite.
import 'monaco-yaml/yaml.worker.js';
