/**
 * dist/server.mjs starts Next's process and every front server, which need different code.
 * Each process loads only its own: Redis's client (7-15 MB of memory in a process that loads it)
 * only in the primary of a server given REDIS_URL, and the front servers' code, with the HTML
 * parser of the script policy, only in the front servers.
 */
import path from 'node:path';

import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

import { serverBundle } from '@/scripts/lib/server-bundle';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT_DIR = 'dist-test';
const ENTRY = `${OUT_DIR}/server.mjs`;

let metafile: Metafile;

beforeAll(async () => {
  ({ metafile } = await build({
    ...serverBundle(OUT_DIR),
    absWorkingDir: ROOT,
    write: false,
    metafile: true,
    logLevel: 'silent',
  }));
});

/** The packages `output` loads with it: its static imports, chunk after chunk. */
function loadedWith(output: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else visit(imported.path);
    }
  };
  visit(output);
  return packages;
}

/** The chunk the entry loads with `import()` that holds `source`. */
function loadedLater(source: string): string {
  const chunks = (metafile.outputs[ENTRY]?.imports ?? [])
    .filter((imported) => imported.kind === 'dynamic-import')
    .map((imported) => imported.path)
    .filter((chunk) => source in (metafile.outputs[chunk]?.inputs ?? {}));
  expect(chunks, `a chunk loaded by import() holding ${source}`).toHaveLength(1);
  return chunks[0]!;
}

describe('the production server bundle', () => {
  it('starts a process without Redis’s client or the front servers’ code', () => {
    const atStart = loadedWith(ENTRY);
    expect(atStart).toContain('node:cluster');
    expect(atStart).not.toContain('redis');
    expect(atStart).not.toContain('parse5');
    expect(atStart).not.toContain('http-cache-semantics');
  });

  it('gives the front servers their code, and Redis’s client to the change feed alone', () => {
    const front = loadedWith(loadedLater('lib/server/front-server.ts'));
    expect(front).toContain('parse5');
    expect(front).not.toContain('redis');
    expect(loadedWith(loadedLater('lib/server/change-feed.ts'))).toContain('redis');
  });
});
