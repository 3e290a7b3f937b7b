/**
 * An empty App Router app (the files in ./empty-app), built by the same `next`: the JS any page
 * ships, and what `next start` serves an empty prerendered page at on this machine.
 */
import { cp, readFile, readlink, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { buildNext, startNext } from '../lib/portal';
import { warmAndRun, type LoadFigures } from '../lib/wrk';

import { measuredBuild } from './builds';
import { CACHE_DIR, NEXT_VERSION, ROOT } from './paths';
import { assertPortFree, log } from './processes';
import { pageWeight } from './weight';

const SOURCE_DIR = path.join(import.meta.dirname, 'empty-app');
const APP_DIR = path.join(CACHE_DIR, 'bench-empty-app');
const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

export interface Baseline {
  nextVersion: string;
  jsGzipBytes: number;
  scripts: string[];
}

/** Copies the app out of the source tree (its build stays in .cache) and links node_modules. */
async function writeEmptyApp(): Promise<void> {
  await cp(SOURCE_DIR, APP_DIR, { recursive: true });
  const link = path.join(APP_DIR, 'node_modules');
  const target = path.join(ROOT, 'node_modules');
  const current = await readlink(link).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new Error(`${link} exists and is not a symlink; remove it and run again`);
  });
  if (current === target) return;
  if (current !== null) await unlink(link);
  await symlink(target, link, 'dir');
}

/** Builds the app unless this Next version already has. */
async function ensureEmptyApp(): Promise<void> {
  const builtWith = await readFile(path.join(APP_DIR, 'built-with.txt'), 'utf8').catch(() => '');
  const built = await readFile(path.join(APP_DIR, '.next', 'BUILD_ID'), 'utf8').catch(() => '');
  if (builtWith.trim() === NEXT_VERSION && built) return;
  log('baseline', `building an empty App Router app with Next ${NEXT_VERSION}`);
  await writeEmptyApp();
  await measuredBuild('empty app build', (options) => buildNext(APP_DIR, ENV, options));
  await writeFile(path.join(APP_DIR, 'built-with.txt'), `${NEXT_VERSION}\n`);
}

async function withEmptyApp<T>(port: number, measure: (url: string) => Promise<T>): Promise<T> {
  await ensureEmptyApp();
  await assertPortFree(port, 'empty app');
  const server = await startNext(APP_DIR, ENV, port);
  try {
    return await measure(server.url);
  } finally {
    await server.stop();
  }
}

/** JS gzip bytes of an empty App Router page, measured once per Next version. */
export async function emptyAppBaseline(port: number): Promise<Baseline> {
  const file = path.join(APP_DIR, 'baseline.json');
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as Partial<Baseline>;
    if (cached.nextVersion === NEXT_VERSION && typeof cached.jsGzipBytes === 'number') {
      return cached as Baseline;
    }
  } catch {
    // Absent or unreadable: measure it again.
  }
  const weight = await withEmptyApp(port, (url) => pageWeight(url, '/'));
  const baseline = {
    nextVersion: NEXT_VERSION,
    jsGzipBytes: weight.jsGzipBytes,
    scripts: weight.scripts,
  };
  await writeFile(file, `${JSON.stringify(baseline, null, 2)}\n`);
  return baseline;
}

/** The empty page under `next start`, prerendered: Next's own ceiling, for comparison. */
export async function emptyAppThroughput(port: number, seconds: number): Promise<LoadFigures> {
  log('ceiling', `empty app, prerendered, under next start: wrk for ${seconds} s`);
  return withEmptyApp(port, (url) => warmAndRun(`${url}/`, { seconds }));
}
