// Lint as architecture (style-anchors.md §5.10): strict type-checked rules, no floating promises,
// no DOM globals in background code, no database access from content-side code.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'assets/public/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      curly: ['error', 'all'],
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    files: ['src/background/**', 'src/store/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'window', message: 'not available in the MV3 service worker' }],
    },
  },
  {
    files: ['src/detect/**', 'src/chat/**', 'src/capture/page-*.ts', 'entrypoints/*.content.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/src/store/db', '@/src/store/repo*'], message: 'content scripts send records to the background; only it opens the database' }] }],
    },
  },
  {
    files: ['scripts/**', 'tests/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The two JSZip stand-ins are CommonJS because JSZip's own modules require() them.
    files: ['src/bundle/vendor/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
