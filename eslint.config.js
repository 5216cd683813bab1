// Lint: TypeScript rules, React hooks rules, and the layer boundaries of docs/style.md
// (dependencies point one way: ui -> state -> worker client -> protocol -> sim -> model;
// the table per folder is eslint/layers.js, checked by scripts/lintLayers.test.ts).
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/layers.js';

const noUi = { group: ['**/ui/**', 'react', 'react-dom', '@xyflow/*'], message: 'model/ and sim/ know no React and no UI.' };
const noState = { group: ['**/state/**'], message: 'Lower layers may not import the stores.' };
const noWorker = { group: ['**/worker/**'], message: 'sim/ and model/ may not import the worker.' };
const noSim = { group: ['**/sim/**', '!**/ui/sim/**'], message: 'model/ may not import the simulator.' };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'node_modules/**', 'playwright-report/**', 'test-results/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Which src/ folder may import which: the table in eslint/layers.js (tests are exempt).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}', 'src/**/testing/**'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/boundaries': 'error' },
  },
  {
    // No React, DOM-UI libraries or stores below the UI.
    files: ['src/{model,sim,worker,analysis,lessons,sam,layout}/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi] }] },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi, noState, noWorker, noSim] }] },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi, noState, noWorker] }] },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/ui/**', 'react-dom', '@xyflow/*'], message: 'state/ may not import the UI.' }] }] },
  },
  {
    // the command line's CommonJS launcher (scripts/cli.cjs: no ES-module loader at start-up)
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
