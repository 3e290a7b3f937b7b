import path from 'node:path';

import { defineConfig } from 'vitest/config';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The scale-out suite: real Redis (scripts/services.sh's, and ones of its own it can stop), real
 * portal servers and nginx. `npm run test:scale-out`; kept out of the unit suite.
 */
export default defineConfig({
  root: ROOT,
  resolve: {
    alias: {
      '@': ROOT,
      'server-only': path.join(ROOT, 'tests/support/server-only.ts'),
    },
  },
  test: {
    include: ['tests/scale-out/**/*.test.ts'],
    environment: 'node',
    // One file at a time: the cluster's build and servers take the machine's cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
