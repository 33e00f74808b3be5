import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers from './tools/eslint/layers.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tsbuild/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    plugins: { topo: { rules: { layers } } },
    rules: {
      'topo/layers': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'No `export *`: import what you use from its module.' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      // noUncheckedIndexedAccess is on, so an index that a loop bound or a Map lookup proves present is asserted with `!`.
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/test-support/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'shared/ reads no clock: pass the time in.' },
        { name: 'setTimeout', message: 'shared/ has no timers.' },
        { name: 'fetch', message: 'shared/ does no I/O.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'shared/ uses no randomness: inject it.' },
      ],
    },
  },
  {
    files: ['tools/**/*.js', 'eslint.config.js', 'scripts/**', 'cli/**', 'node/**', 'bench/**'],
    languageOptions: { globals: globals.node },
  },
);
