/**
 * Runs in a worker thread (lib/content/compiler.ts): compiles the bodies it is sent, one at a
 * time, so that a pathological body can be stopped by terminating the thread.
 */
import { parentPort } from 'node:worker_threads';

import { runCompileJob, type CompileJob } from './compile-job';
import { READY } from './compiler';

parentPort?.on('message', async (job: CompileJob) => {
  parentPort?.postMessage(await runCompileJob(job));
});

// Loading the compiler takes a while on a busy machine: the time limit starts after it.
parentPort?.postMessage(READY);
