import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'app/dist/**',
      'app/node_modules/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // In tests a failed assumption should fail loudly at the assertion, not be guarded around.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['main/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'e2e/**/*.ts', '*.config.{ts,js}', 'bench/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The benchmark's probe, and the callbacks it passes to page.evaluate, run inside the console page.
    files: ['bench/page-probe.mjs', 'bench/run-bench.mjs'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The core, providers, contract and hosts run in plain Node: only the desktop shell may import electron.
    files: ['main/**/*.ts'],
    ignores: ['main/desktop/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/desktop may import electron.' }] },
      ],
    },
  },
  {
    // The contract crosses every boundary: no node, electron or DOM.
    files: ['main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', 'react*', 'ws'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'electron',
            '**/main/core/**',
            '**/main/providers/**',
            '**/main/hosts/**',
            '**/main/desktop/**',
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Chat content is hostile: render text, never HTML.' },
        { property: 'outerHTML', message: 'Chat content is hostile: render text, never HTML.' },
      ],
    },
  },
);
