/**
 * Runs before each test file of the postgres project: points the site's content database at
 * TEST_DATABASE_URL, in a schema of the file's own, dropped when the file is done. Without
 * TEST_DATABASE_URL the file fails: these tests are part of the suite, not optional.
 */
import { randomBytes } from 'node:crypto';

import { afterAll } from 'vitest';

const url = process.env.TEST_DATABASE_URL;
if (!url) {
  throw new Error(
    'TEST_DATABASE_URL is not set: the postgres tests need a PostgreSQL server. Run them with `bash scripts/services.sh npx vitest run` (it starts one), or set TEST_DATABASE_URL=postgres://…',
  );
}

const schema = `test_${randomBytes(6).toString('hex')}`;
process.env.DATABASE_URL = url;
process.env.CONTENT_DB_SCHEMA = schema;

afterAll(async () => {
  const { dropTestSchemas } = await import('./postgres');
  await dropTestSchemas(url, schema);
});
