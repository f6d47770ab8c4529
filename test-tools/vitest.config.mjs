import { defineConfig } from 'vitest/config';

// The repository's tests that need the heavy tools installed in this folder. Run from the root
// with `pnpm run test:browser`, which installs them first (`npm ci --prefix test-tools`).
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.mjs'],
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    allowOnly: false,
    fileParallelism: false,
  },
});
