/**
 * Runs in a worker thread (lib/content/compiler.ts): parses the files it is sent, front matter
 * and body, one at a time, so that a pathological file can be stopped by terminating the thread.
 */
import { parentPort } from 'node:worker_threads';

import { runParseJob } from './compile-job';
import { READY } from './compiler';
import type { ParseJob } from './parse-file';

parentPort?.on('message', async (job: ParseJob) => {
  parentPort?.postMessage(await runParseJob(job));
});

// Loading the compiler takes a while on a busy machine: the time limit starts after it.
parentPort?.postMessage(READY);
