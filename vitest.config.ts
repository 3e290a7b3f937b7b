import path from 'node:path';

import { configDefaults, defineConfig } from 'vitest/config';

const resolve = {
  alias: {
    '@': path.resolve(import.meta.dirname),
    // The real package throws outside React Server Components; unit tests run lib/ directly.
    'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only.ts'),
  },
};
const common = { environment: 'node', testTimeout: 60_000 } as const;

/**
 * Two projects: every test on SQLite (the default engine), and the content database's contract
 * tests (and PostgreSQL's own) again on PostgreSQL at TEST_DATABASE_URL, each test file in a
 * schema of its own (tests/support/postgres-setup.ts). `bash scripts/services.sh vitest run`
 * starts a PostgreSQL server for them; without one the postgres project fails.
 */
export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          ...common,
          name: 'sqlite',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          // Real servers, Redis and nginx: `npm run test:scale-out` (tests/scale-out/vitest.config.ts).
          exclude: [...configDefaults.exclude, 'tests/postgres/**', 'tests/scale-out/**'],
        },
      },
      {
        resolve,
        test: {
          ...common,
          name: 'postgres',
          include: [
            'tests/content/queries.test.ts',
            'tests/content/indexer.test.ts',
            'tests/search/relevance.test.ts',
            'tests/search/common-words.test.ts',
            'tests/search/site-search.test.ts',
            'tests/postgres/**/*.test.ts',
          ],
          env: { CONTENT_ENGINE: 'postgres' },
          setupFiles: ['tests/support/postgres-setup.ts'],
        },
      },
    ],
  },
});
