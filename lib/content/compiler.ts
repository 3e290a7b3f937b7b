import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { CompileJob, CompileOutcome } from './compile-job';
import { resolveImageFile } from './files';

/**
 * A body that takes longer than this to compile is reported and skipped. Real articles
 * compile in tens of milliseconds; a crafted one (a 400 KB table, tens of thousands of
 * emphasis markers) can take minutes, and the build must not wait for it.
 */
export const COMPILE_TIME_LIMIT_MS = Number(process.env.CONTENT_COMPILE_TIME_LIMIT_MS) || 5_000;

/**
 * Change this whenever body.ts or markup.ts changes what a body compiles to (limits included;
 * this module does not import them, so the main thread never loads the compiler): it is part of
 * every cache key, with the versions of the compiler packages, so old entries stop matching.
 */
const COMPILER_REVISION = 2;
const COMPILER_PACKAGES = ['next-mdx-remote', '@mdx-js/mdx', 'rehype-raw', 'rehype-sanitize', 'remark-gfm'];

/**
 * Compiles one body in a worker thread under the time limit, or takes the result from the
 * compile cache when the same body was compiled before (in this process, an earlier build
 * or the build this server came from). Never throws: failures come back as outcomes.
 */
export async function compileContentBody(job: CompileJob): Promise<CompileOutcome> {
  const cache = compileCache();
  const key = cache && cacheKey(job);
  const cached = key ? cache.read(key) : null;
  // An entry holds while every image its body names still resolves to the same file.
  if (cached && cached.images.every((image) => (resolveImageFile(job.dir, job.kind, image.src)?.key ?? null) === image.key))
    return cached;
  const outcome = await compilePool().run(job);
  if (key) cache.write(key, outcome);
  return outcome;
}

function cacheKey(job: CompileJob): string {
  return createHash('sha256')
    .update(JSON.stringify([COMPILER_REVISION, compilerVersions(), job.kind, job.source]))
    .digest('hex');
}

let versions: string | null = null;
function compilerVersions(): string {
  versions ??= COMPILER_PACKAGES.map((name) => {
    try {
      const manifest = path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', name, 'package.json');
      return `${name}@${(JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version}`;
    } catch {
      return `${name}@unknown`;
    }
  }).join(',');
  return versions;
}

/**
 * Compiled bodies on disk, one JSON file per body keyed by a hash of its text and the
 * compiler, so a rebuild compiles only what changed. It lives in `<distDir>/cache/content`
 * beside Next's own build cache (CI systems keep that folder between builds);
 * `CONTENT_CACHE_DIR` moves it, and `CONTENT_CACHE_DIR=off` turns it off.
 */
interface CompileCache {
  read(key: string): CompileOutcome | null;
  write(key: string, outcome: CompileOutcome): void;
}

function compileCache(): CompileCache | null {
  const configured = process.env.CONTENT_CACHE_DIR?.trim();
  if (configured === 'off') return null;
  const root = path.resolve(
    /*turbopackIgnore: true*/ configured ||
      path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'cache', 'content'),
  );
  const file = (key: string) => path.join(root, key.slice(0, 2), `${key}.json`);
  return {
    read(key) {
      try {
        return JSON.parse(readFileSync(file(key), 'utf8')) as CompileOutcome;
      } catch {
        return null;
      }
    },
    write(key, outcome) {
      // Written aside and renamed, so a reader in another build worker never sees half a file.
      const target = file(key);
      const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(temporary, JSON.stringify(outcome));
        renameSync(temporary, target);
      } catch {
        // A read-only or full disk costs speed, never correctness.
      }
    },
  };
}

/**
 * Compile threads, one per core (`CONTENT_COMPILE_THREADS` overrides), each fed one body at a
 * time; a thread that overruns the time limit is terminated and replaced.
 */
const THREADS = Math.max(1, Number(process.env.CONTENT_COMPILE_THREADS) || Math.min(4, availableParallelism()));

interface Lane {
  worker: Worker | null;
  busy: boolean;
}

class CompilePool {
  private readonly lanes: Lane[] = Array.from({ length: THREADS }, () => ({ worker: null, busy: false }));
  private readonly queue: Array<{ job: CompileJob; resolve: (outcome: CompileOutcome) => void }> = [];

  run(job: CompileJob): Promise<CompileOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const lane of this.lanes) {
      if (lane.busy) continue;
      const item = this.queue.shift();
      if (!item) {
        // Idle: let the process exit without waiting for the thread.
        lane.worker?.unref();
        continue;
      }
      this.start(lane, item);
    }
  }

  private start(lane: Lane, item: { job: CompileJob; resolve: (outcome: CompileOutcome) => void }): void {
    lane.busy = true;
    lane.worker ??= spawnWorker();
    const worker = lane.worker;
    worker.ref();
    const finish = (outcome: CompileOutcome) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      lane.busy = false;
      item.resolve(outcome);
      this.dispatch();
    };
    const onMessage = (outcome: CompileOutcome) => finish(outcome);
    const onError = (error: Error) => {
      lane.worker = null;
      finish({ ok: false, message: `the body could not be compiled: ${error.message}`, line: 1, column: 1, images: [] });
    };
    const timer = setTimeout(() => {
      lane.worker = null;
      void worker.terminate();
      finish({
        ok: false,
        message: `the body took more than ${COMPILE_TIME_LIMIT_MS / 1000} s to compile and was stopped; simplify its markup`,
        line: 1,
        column: 1,
        images: [],
      });
    }, COMPILE_TIME_LIMIT_MS);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(item.job);
  }
}

function spawnWorker(): Worker {
  return import.meta.url.endsWith('.ts')
    ? sourceWorker(import.meta.url.replace(/compiler\.ts$/, 'compile-worker.ts'))
    : // Bundled: Next bundles the entry into its own chunk.
      new Worker(new URL('./compile-worker.ts', import.meta.url));
}

/** Running from source (tsx, vitest): the thread registers tsx's loader, then loads the entry. */
function sourceWorker(entry: string): Worker {
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}

const POOL = Symbol.for('portal.compile-pool');
function compilePool(): CompilePool {
  const holder = globalThis as { [POOL]?: CompilePool };
  return (holder[POOL] ??= new CompilePool());
}
