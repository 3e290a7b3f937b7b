/**
 * Builds and serves the portal on a given content folder, for scripts that check or measure
 * a production build. Servers listen on 127.0.0.1 only and are stopped by the caller.
 *
 * `buildNext` and `startNext` do the same for any Next app folder (the benchmark builds an
 * empty app with the same `next` binary as its baseline).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');

export interface BuildResult {
  exitCode: number;
  output: string;
  seconds: number;
}

export interface SpawnOptions {
  /** Called with the child process as soon as it exists, e.g. to sample its memory. */
  onSpawn?: (child: ChildProcess) => void;
}

function portalEnv(contentDir: string, distDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CONTENT_DIR: contentDir,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

/** Runs `next build` in `cwd`; resolves when it exits, whatever the exit code. */
export async function buildNext(
  cwd: string,
  env: NodeJS.ProcessEnv,
  options: SpawnOptions = {},
): Promise<BuildResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [NEXT_BIN, 'build'], { cwd, env });
  options.onSpawn?.(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number>((resolve) =>
    child.on('close', (code) => resolve(code ?? 1)),
  );
  return { exitCode, output, seconds: (performance.now() - started) / 1000 };
}

export async function buildPortal(
  contentDir: string,
  distDir: string,
  options: SpawnOptions = {},
): Promise<BuildResult> {
  return buildNext(ROOT, portalEnv(contentDir, distDir), options);
}

export interface RunningPortal {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** Runs `next start` in `cwd` on 127.0.0.1 and waits until `/` answers 2xx (at most 60 s). */
export async function startNext(
  cwd: string,
  env: NodeJS.ProcessEnv,
  port: number,
  options: SpawnOptions = {},
): Promise<RunningPortal> {
  const child = spawn(
    process.execPath,
    [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  options.onSpawn?.(child);
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`next start exited with ${child.exitCode}:\n${log}`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) return { url, process: child, stop };
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  await stop();
  throw new Error(`next start did not answer on ${url} within 60 s:\n${log}`);
}

export async function startPortal(
  contentDir: string,
  distDir: string,
  port: number,
  options: SpawnOptions = {},
): Promise<RunningPortal> {
  return startNext(ROOT, portalEnv(contentDir, distDir), port, options);
}
