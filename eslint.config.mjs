import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const PARSES_HTML =
  'Build elements and set textContent: text from a call must never be parsed as HTML.';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'bench-results/**',
      'test-results/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Plain Functions as the runtime loads them: CommonJS with the runtime's globals.
    files: ['**/*.protected.js', '**/*.private.js'],
    languageOptions: { globals: { exports: 'writable', Twilio: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      globals: { URL: 'readonly', setTimeout: 'readonly', fetch: 'readonly' },
    },
  },
  {
    // The recordings page runs in the browser: its globals, and none of Node's.
    files: ['page/**/*.ts'],
    languageOptions: {
      globals: {
        ...globals.browser,
        console: 'off',
        process: 'off',
        require: 'off',
        module: 'off',
      },
    },
    rules: {
      // Text from a call is only ever set as text: nothing in the page may parse it as HTML.
      'no-restricted-properties': [
        'error',
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML'].map((property) => ({
          property,
          message: PARSES_HTML,
        })),
        { object: 'document', property: 'write', message: PARSES_HTML },
        { object: 'document', property: 'writeln', message: PARSES_HTML },
      ],
      'no-restricted-globals': ['error', 'eval'],
    },
  },
);
