import { defineConfig } from 'vitest/config';

// One base for every package: each package's vitest.config.ts re-exports this.
// Unit tests are `*.test.ts`; tests that talk to a real server over loopback are
// `*.integration.test.ts`, so the Node 22 floor run can select the unit ones alone.
export default defineConfig(({ mode }) => ({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: process.env['BRIDGEKIT_UNIT_ONLY'] ? ['src/**/*.integration.test.ts'] : [],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    allowOnly: false,
    passWithNoTests: false,
    reporters: ['default'],
    // Benchmarks time the built packages as users load them: natively, not through vitest's
    // module transform, which turns every call across modules into a getter.
    ...(mode === 'benchmark' ? { server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } } } : {}),
  },
}));
