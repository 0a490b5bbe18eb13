import js from '@eslint/js';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
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

  // ---------------------------------------------------------------------------------------------------
  // Electron security (DESIGN.md §8). Proved by scripts/eslint-security.test.ts, which lints bad snippets.
  {
    // Insecure webPreferences anywhere in the code: the shell must never turn a protection off.
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          ['nodeIntegration', true],
          ['nodeIntegrationInWorker', true],
          ['nodeIntegrationInSubFrames', true],
          ['contextIsolation', false],
          ['sandbox', false],
          ['webSecurity', false],
          ['allowRunningInsecureContent', true],
          ['experimentalFeatures', true],
          ['webviewTag', true],
        ].map(([name, bad]) => ({
          selector: `Property[key.name='${name}'][value.value=${bad}]`,
          message: `${name}: ${bad} disables an Electron protection (DESIGN.md §8).`,
        })),
        {
          selector: "Property[key.name='enableBlinkFeatures']",
          message: 'enableBlinkFeatures turns on unvetted Chromium features (DESIGN.md §8).',
        },
        {
          selector: "Property[key.name='allowpopups']",
          message: 'Popups are denied (DESIGN.md §8).',
        },
      ],
    },
  },
  {
    // The system browser is reached only through the https allowlist in external-links.ts.
    files: ['main/**/*.ts'],
    ignores: ['main/desktop/external-links.ts', '**/*.test.ts', 'main/desktop/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'shell',
          property: 'openExternal',
          message: 'Open links with openExternalIfVetted (main/desktop/external-links.ts).',
        },
      ],
    },
  },
  {
    // Code from strings and unsafe DOM sinks: chat content is hostile, so the renderer has neither.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'no-unsanitized': noUnsanitized },
    rules: {
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Chat content is hostile: render text, never HTML.',
        },
        {
          selector: "JSXAttribute[name.name='srcDoc'], JSXAttribute[name.name='srcdoc']",
          message: 'No inline documents: chat content is hostile.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Chat content is hostile: render text, never HTML.',
        },
        {
          selector: "CallExpression[callee.object.name='document'][callee.property.name='write']",
          message: 'Chat content is hostile: render text, never HTML.',
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: { 'no-eval': 'error', 'no-implied-eval': 'error', 'no-new-func': 'error' },
  },
  {
    // Tests feed javascript: URLs on purpose, to prove they are refused.
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts'],
    rules: { 'no-script-url': 'off' },
  },
);
