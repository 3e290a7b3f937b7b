/** Where a bench run keeps what it builds and what it writes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST_DIR = '.next-bench';
export const CACHE_DIR = path.join(ROOT, '.cache');
export const RESULTS_DIR = path.join(ROOT, 'bench-results');
export const NEXT_VERSION: string = (
  JSON.parse(readFileSync(path.join(ROOT, 'node_modules/next/package.json'), 'utf8')) as {
    version: string;
  }
).version;
