import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { compileThreads, compileTimeLimitMs } from '../config';

import { bodyLineOf } from './front-matter';
import type { ParseJob, ParseOutcome } from './parse-file';

/** What a compile thread says once it has loaded the compiler and can take jobs. */
export const READY = 'ready';

/**
 * A file whose body takes longer than this to compile is reported and skipped. Real articles
 * compile in tens of milliseconds; a crafted one (a 400 KB table, tens of thousands of
 * emphasis markers) can take minutes, and the build must not wait for it.
 */

/**
 * Change this whenever body.ts or markup.ts changes what a body compiles to (limits included;
 * this module does not import them, so the main thread never loads the compiler). With the
 * versions of the compiler packages it makes PARSE_REVISION: a content database made by another
 * revision is made again, so that every body is compiled the new way.
 */
const COMPILER_REVISION = 4;
const COMPILER_PACKAGES = [
  'next-mdx-remote',
  '@mdx-js/mdx',
  'rehype-raw',
  'rehype-sanitize',
  'remark-gfm',
];

let revision: string | null = null;
export function parseRevision(): string {
  revision ??= [
    COMPILER_REVISION,
    ...COMPILER_PACKAGES.map((name) => {
      try {
        const manifest = path.join(
          /*turbopackIgnore: true*/ process.cwd(),
          'node_modules',
          name,
          'package.json',
        );
        return `${name}@${(JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version}`;
      } catch {
        return `${name}@unknown`;
      }
    }),
  ].join(',');
  return revision;
}

/**
 * Parses one content file, front matter and body, in a worker thread under the time limit
 * (parse-file.ts). Never throws: failures come back as outcomes. Each file is parsed once while
 * its bytes stay the same: the content database keeps the result (lib/content/indexer).
 */
export function parseContentFile(job: ParseJob): Promise<ParseOutcome> {
  return compilePool().run(job);
}

/** How many compile threads are running (each holds a copy of the compiler). */
export function runningCompileThreads(): number {
  return compilePool().threads();
}

/**
 * Compile threads, one per core (`CONTENT_COMPILE_THREADS` overrides), each fed one file at a
 * time; a thread that overruns the time limit is terminated and replaced.
 */

interface Lane {
  /** Settles when the thread has loaded the compiler (see compile-worker.ts). */
  worker: { thread: Worker; ready: Promise<void> } | null;
  busy: boolean;
  /** Ends the thread when it has had nothing to do for IDLE_LIMIT_MS. */
  idle: NodeJS.Timeout | null;
}

/** A thread that has not loaded the compiler in this long is taken to be stuck. */
const STARTUP_LIMIT_MS = 120_000;
/**
 * A thread holds the compiler (about 40 MB): a server that re-indexed a few changed files
 * gives it back after this long, and starts a thread again, in about 0.2 s, for the next change.
 */
const IDLE_LIMIT_MS = 10_000;

class CompilePool {
  private readonly lanes: Lane[] = Array.from({ length: compileThreads() }, () => ({
    worker: null,
    busy: false,
    idle: null,
  }));
  private readonly queue: Array<{ job: ParseJob; resolve: (outcome: ParseOutcome) => void }> = [];

  run(job: ParseJob): Promise<ParseOutcome> {
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
        this.rest(lane);
        continue;
      }
      void this.start(lane, item);
    }
  }

  /** An idle thread: the process may exit without waiting for it, and it ends after a while. */
  private rest(lane: Lane): void {
    if (!lane.worker || lane.idle) return;
    lane.worker.thread.unref();
    lane.idle = setTimeout(() => this.retire(lane), IDLE_LIMIT_MS).unref();
  }

  /** Threads that hold the compiler now. */
  threads(): number {
    return this.lanes.filter((lane) => lane.worker !== null).length;
  }

  private retire(lane: Lane): void {
    lane.idle = null;
    if (lane.busy || !lane.worker) return;
    void lane.worker.thread.terminate();
    lane.worker = null;
  }

  private async start(
    lane: Lane,
    item: { job: ParseJob; resolve: (outcome: ParseOutcome) => void },
  ): Promise<void> {
    lane.busy = true;
    clearTimeout(lane.idle ?? undefined);
    lane.idle = null;
    lane.worker ??= spawnWorker();
    const { thread, ready } = lane.worker;
    thread.ref();
    // Reported where the body starts: the body is what takes long to compile.
    const fail = (message: string, transient: boolean): ParseOutcome => ({
      parsed: null,
      problems: [
        {
          file: item.job.file,
          line: bodyLineOf(item.job.text),
          column: 1,
          severity: 'error',
          message: `${message}; the file is skipped`,
        },
      ],
      images: [],
      transient,
    });
    let timer: NodeJS.Timeout | undefined = undefined;
    const finish = (outcome: ParseOutcome) => {
      clearTimeout(timer);
      thread.off('message', onMessage);
      thread.off('error', onError);
      lane.busy = false;
      item.resolve(outcome);
      this.dispatch();
    };
    const onMessage = (outcome: ParseOutcome) => finish(outcome);
    const onError = (error: Error) => {
      lane.worker = null;
      finish(fail(`the file could not be parsed: ${error.message}`, true));
    };
    const stop = (message: string, transient: boolean) => {
      lane.worker = null;
      void thread.terminate();
      finish(fail(message, transient));
    };
    thread.on('error', onError);
    try {
      await ready;
    } catch (error) {
      return stop(
        `the file could not be parsed: ${error instanceof Error ? error.message : String(error)}`,
        true,
      );
    }
    // The limit counts the compiling alone, not the loading of the compiler before it: a body
    // that overruns it is slow to compile, and stays reported until the file changes.
    const limitMs = compileTimeLimitMs();
    timer = setTimeout(
      () =>
        stop(
          `the file took more than ${limitMs / 1000} s to compile and was stopped; simplify its markup`,
          false,
        ),
      limitMs,
    );
    thread.on('message', onMessage);
    thread.postMessage(item.job);
  }
}

/**
 * The MDX compiler writes development JSX calls unless NODE_ENV is production: bodies are
 * compiled for production, whichever process indexes them (the indexer, a dev server, tests).
 */
const COMPILE_ENV = { ...process.env, NODE_ENV: 'production' };

/** A thread, and when it will be ready for jobs. */
function spawnWorker(): { thread: Worker; ready: Promise<void> } {
  const thread = import.meta.url.endsWith('.ts')
    ? sourceWorker(import.meta.url.replace(/compiler\.ts$/, 'compile-worker.ts'))
    : // Bundled: Next bundles the entry into its own chunk.
      new Worker(new URL('./compile-worker.ts', import.meta.url), { env: COMPILE_ENV });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the compiler did not load within ${STARTUP_LIMIT_MS / 1000} s`)),
      STARTUP_LIMIT_MS,
    );
    thread.once('message', (message: unknown) => {
      clearTimeout(timer);
      if (message === READY) resolve();
      else reject(new Error('the compiler thread sent something before it was ready'));
    });
    thread.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  ready.catch(() => undefined);
  return { thread, ready };
}

/** Running from source (tsx, vitest): the thread registers tsx's loader, then loads the entry. */
function sourceWorker(entry: string): Worker {
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, env: COMPILE_ENV });
}

const POOL = Symbol.for('portal.compile-pool');
function compilePool(): CompilePool {
  const holder = globalThis as { [POOL]?: CompilePool };
  return (holder[POOL] ??= new CompilePool());
}
