/**
 * How `npm run build:server` bundles the production server (server.ts) and the Redis cache
 * handler Next loads (lib/cache/redis-cache-handler.ts) into dist/. Packages stay in
 * node_modules. Code reached only through `import()` is split into chunks of its own, loaded
 * when it is first needed: a process that never takes that path never pays for it.
 */
import type { BuildOptions } from 'esbuild';

export const SERVER_ENTRIES = ['server.ts', 'lib/cache/redis-cache-handler.ts'];

export const serverBundle = (outdir: string): BuildOptions => ({
  entryPoints: SERVER_ENTRIES,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  splitting: true,
  outdir,
  entryNames: '[name]',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
