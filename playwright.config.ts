import { defineConfig } from '@playwright/test';

// One persistent Chromium at a time on a 2-core machine (e2e-recipe.md §10).
export default defineConfig({
  testDir: './tests/e2e',
  workers: 1,
  timeout: 90_000,
  retries: 0,
  reporter: [['list']],
  // Parallel checkouts (LIUZHENG_OUT_DIR) keep their own artefacts: Playwright empties this folder on start.
  outputDir: process.env.LIUZHENG_OUT_DIR ? `${process.env.LIUZHENG_OUT_DIR}/test-results` : 'test-results',
});
