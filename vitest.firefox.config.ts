import { defineConfig } from 'vitest/config';

// The Firefox smoke test (npm run test:firefox): real Firefox over WebDriver BiDi, one file, no fake browser.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
