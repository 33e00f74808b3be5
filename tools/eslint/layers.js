// ESLint rule: the layer boundaries of STYLE.md section 1, checked on every import.
// A file's layer is the first folder of its path under the project root. Each layer lists the layers
// it may import relatively and the npm packages it may import; anything else is an error that says
// which rule was broken. Test files get a small, named allowance (test runners, fixtures).
import path from 'node:path';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Default policy: which layers and packages each layer may import. */
export const LAYER_POLICY = {
  shared: {
    layers: ['shared'],
    // The Kubernetes schemas are compiled validators (data and Ajv): pure, like zod. fflate makes the bytes of
    // a .zip in memory: pure too (no I/O, the same in a browser and in Node).
    packages: ['zod', 'yaml', 'js-yaml', 'kubernetes-models', '@kubernetes-models/karpenter', 'fflate'],
    node: false,
    why: 'shared/ is pure TypeScript: no DOM, Node, Electron or UI code; inject what it needs',
  },
  renderer: {
    layers: ['renderer', 'shared', 'resources'],
    packages: '*',
    deniedPackages: ['electron'],
    node: false,
    why: 'the renderer talks to the outside only through the host API, never electron/ or Node',
  },
  node: {
    layers: ['node', 'shared', 'resources'],
    packages: '*',
    deniedPackages: ['electron', 'react', 'react-dom', '@xyflow/react', 'zustand'],
    node: true,
    why: 'node/ is the Node code the CLI and the Electron main process share: no Electron, no UI',
  },
  electron: {
    layers: ['electron', 'node', 'shared', 'resources'],
    packages: '*',
    deniedPackages: ['react', 'react-dom', '@xyflow/react', 'zustand'],
    node: true,
    why: 'the main process never imports renderer code',
  },
  cli: {
    layers: ['cli', 'node', 'shared', 'resources'],
    packages: '*',
    deniedPackages: ['electron', 'react', 'react-dom'],
    node: true,
    why: 'the command-line tool runs on Node with the shared engines only',
  },
};

/** Files that are tests: they may also import test tools, Node and fixtures. */
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$|[/\\]test-support[/\\]/;
/** Build configuration (Vite's) runs in Node at build time, never in the layer's runtime: it may import Node. */
const BUILD_CONFIG = /(^|[/\\])vite\.config\.[cm]?[jt]s$/;
const TEST_PACKAGES = ['vitest', 'fast-check', '@playwright/test', 'playwright-core', 'eslint'];

function packageName(spec) {
  if (spec.startsWith('@')) return spec.split('/').slice(0, 2).join('/');
  return spec.split('/')[0];
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer import rules of the project (STYLE.md section 1)' },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      layer: '{{from}}/ may not import {{to}}: {{why}}.',
      pkg: '{{from}}/ may not import the package "{{pkg}}": {{why}}.',
      node: '{{from}}/ may not import the Node module "{{pkg}}": {{why}}.',
      preload: 'the preload may import only "electron" and the IPC contract (electron/ipc/), not "{{spec}}".',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const policy = context.options[0]?.policy ?? LAYER_POLICY;
    const file = path.relative(root, context.filename);
    if (file.startsWith('..')) return {};
    const layer = file.split(/[/\\]/)[0];
    const rules = policy[layer];
    if (!rules) return {};
    const isTest = TEST_FILE.test(file);
    const isBuildConfig = BUILD_CONFIG.test(file);
    const isPreload = /^electron[/\\]preload[/\\]/.test(file) && !isTest;

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || path.isAbsolute(spec)) {
        const target = path.relative(root, path.resolve(path.dirname(context.filename), spec));
        const targetLayer = target.startsWith('..') ? '(outside the project)' : target.split(/[/\\]/)[0];
        if (isPreload) {
          if (!/^electron[/\\](ipc|preload)([/\\]|$)/.test(target)) {
            context.report({ node, messageId: 'preload', data: { spec } });
          }
          return;
        }
        if (rules.layers.includes(targetLayer)) return;
        if (isTest && targetLayer === 'resources') return;
        context.report({
          node,
          messageId: 'layer',
          data: { from: layer, to: `${targetLayer}/`, why: rules.why },
        });
        return;
      }
      if (isPreload) {
        if (spec !== 'electron') context.report({ node, messageId: 'preload', data: { spec } });
        return;
      }
      if (NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0])) {
        if (rules.node || isTest || isBuildConfig) return;
        context.report({ node, messageId: 'node', data: { from: layer, pkg: spec, why: rules.why } });
        return;
      }
      const pkg = packageName(spec);
      if (isTest && TEST_PACKAGES.includes(pkg)) return;
      const allowed =
        rules.packages === '*' ? !(rules.deniedPackages ?? []).includes(pkg) : rules.packages.includes(pkg);
      if (!allowed) context.report({ node, messageId: 'pkg', data: { from: layer, pkg, why: rules.why } });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        const arg = node.argument?.literal ?? node.argument;
        if (arg && arg.type === 'Literal') check(arg, arg.value);
      },
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          const [arg] = node.arguments;
          if (arg && arg.type === 'Literal') check(arg, arg.value);
        }
      },
    };
  },
};
