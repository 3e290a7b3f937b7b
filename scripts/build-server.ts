/** `npm run build:server`: dist/server.mjs and dist/redis-cache-handler.mjs (lib/server-bundle.ts). */
import { rm } from 'node:fs/promises';

import { build } from 'esbuild';

import { serverBundle } from './lib/server-bundle';

const OUT_DIR = 'dist';

// Chunks are named by their content: the last build's would otherwise pile up.
await rm(OUT_DIR, { recursive: true, force: true });
await build(serverBundle(OUT_DIR));
