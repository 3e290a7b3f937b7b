/** Cold and incremental builds, timed, with the peak memory of the whole build process tree. */
import { existsSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import Database from 'better-sqlite3';

import { buildPortal, indexPortal, type BuildResult, type SpawnOptions } from '../lib/portal';
import { signalTree, treeRssMb } from '../lib/proc';

import { pickArticleToEdit } from './corpus';
import { DIST_DIR, ROOT } from './paths';
import { undoOnInterrupt } from './processes';

const MEMORY_SAMPLE_MS = 250;
// Generous: a shared machine can be several times slower than the targets assume.
const BUILD_TIMEOUT_MS = 60 * 60 * 1000;
const EDIT_SENTENCE = 'This sentence was appended by the benchmark to time an incremental build.';

export interface BuildFigures {
  seconds: number;
  peakMb: number;
}

export interface IncrementalFigures extends BuildFigures {
  editedFile: string;
  /** `npm run content:index` alone, right after the edit: what the revalidation endpoint does. */
  reindexSeconds: number;
}

/**
 * Runs one build through `start`, sampling the summed resident memory of its process tree
 * and stopping it after BUILD_TIMEOUT_MS. Throws, after printing the output tail, when the
 * build fails.
 */
export async function measuredBuild(
  label: string,
  start: (options: SpawnOptions) => Promise<BuildResult>,
): Promise<BuildFigures> {
  let peakMb = 0;
  let timedOut = false;
  // A build runs several processes one after the other (the index, Next, the server bundle).
  const timers: NodeJS.Timeout[] = [];
  const build = await start({
    onSpawn: (child) => {
      const pid = child.pid;
      if (pid === undefined) return;
      const sample = () => (peakMb = Math.max(peakMb, treeRssMb(pid)));
      sample();
      const sampler = setInterval(sample, MEMORY_SAMPLE_MS);
      const deadline = setTimeout(() => {
        timedOut = true;
        signalTree(pid);
      }, BUILD_TIMEOUT_MS);
      timers.push(sampler, deadline);
      child.once('exit', () => {
        clearInterval(sampler);
        clearTimeout(deadline);
      });
    },
  }).finally(() => timers.forEach((timer) => clearTimeout(timer)));
  if (timedOut) {
    throw new Error(`${label} did not finish within ${BUILD_TIMEOUT_MS / 60_000} min; stopped it`);
  }
  if (build.exitCode !== 0) {
    console.error(build.output.slice(-4000));
    throw new Error(`${label} failed with exit code ${build.exitCode} (output tail above)`);
  }
  return { seconds: build.seconds, peakMb };
}

export async function coldBuild(contentDir: string): Promise<BuildFigures> {
  await rm(path.join(ROOT, DIST_DIR), { recursive: true, force: true });
  return measuredBuild('cold build', (options) => buildPortal(contentDir, DIST_DIR, options));
}

/**
 * Appends a sentence to one article, indexes the folder again (only that file changed), then
 * rebuilds on top of the cold build; restores the file and indexes it back.
 */
export async function incrementalBuild(contentDir: string): Promise<IncrementalFigures> {
  const file = await pickArticleToEdit(contentDir);
  const original = await readFile(file, 'utf8');
  const restore = () => writeFileSync(file, original);
  undoOnInterrupt.add(restore);
  try {
    await writeFile(file, `${original.trimEnd()}\n\n${EDIT_SENTENCE}\n`);
    const reindex = await indexPortal(contentDir, DIST_DIR);
    if (reindex.exitCode !== 0)
      throw new Error(`content:index failed:\n${reindex.output.slice(-4000)}`);
    const figures = await measuredBuild('incremental build', (options) =>
      buildPortal(contentDir, DIST_DIR, options),
    );
    return { ...figures, editedFile: path.relative(ROOT, file), reindexSeconds: reindex.seconds };
  } finally {
    restore();
    undoOnInterrupt.delete(restore);
    await indexPortal(contentDir, DIST_DIR);
  }
}

/**
 * Throws unless the bench's folder holds a build whose content database was made from
 * `contentDir` (--reuse-build): served otherwise, the server would first make its database again
 * from the folder, and the figures would time that.
 */
export function assertBuiltFrom(contentDir: string): void {
  const file = path.join(ROOT, DIST_DIR, 'cache', 'content.db');
  if (!existsSync(path.join(ROOT, DIST_DIR, 'BUILD_ID')) || !existsSync(file)) {
    throw new Error(`--reuse-build: there is no build in ${DIST_DIR}; run once without it`);
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const madeFrom = db
      .prepare("SELECT value FROM meta WHERE key = 'content_dir'")
      .pluck()
      .get() as string | undefined;
    if (madeFrom !== path.resolve(contentDir)) {
      throw new Error(
        `--reuse-build: the build in ${DIST_DIR} is of ${madeFrom ?? 'no folder'}, not ${contentDir}`,
      );
    }
  } finally {
    db.close();
  }
}

export async function countPrerenderedHtml(): Promise<number> {
  const entries = await readdir(path.join(ROOT, DIST_DIR, 'server/app'), { recursive: true });
  return entries.filter((entry) => entry.endsWith('.html')).length;
}
