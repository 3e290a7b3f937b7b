/**
 * Builds and serves the portal on a given content folder, for scripts that check or measure
 * a production build. Servers listen on 127.0.0.1 only and are stopped by the caller.
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

function portalEnv(contentDir: string, distDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CONTENT_DIR: contentDir,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

export async function buildPortal(contentDir: string, distDir: string): Promise<BuildResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
    cwd: ROOT,
    env: portalEnv(contentDir, distDir),
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number>((resolve) =>
    child.on('close', (code) => resolve(code ?? 1)),
  );
  return { exitCode, output, seconds: (performance.now() - started) / 1000 };
}

export interface RunningPortal {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export async function startPortal(
  contentDir: string,
  distDir: string,
  port: number,
): Promise<RunningPortal> {
  const child = spawn(
    process.execPath,
    [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: ROOT,
      env: portalEnv(contentDir, distDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
