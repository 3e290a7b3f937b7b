import path from 'node:path';

import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // The real package throws outside React Server Components; unit tests run lib/ directly.
      'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // Real servers, Redis and nginx: `npm run test:scale-out` (tests/scale-out/vitest.config.ts).
    exclude: [...configDefaults.exclude, 'tests/scale-out/**'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
