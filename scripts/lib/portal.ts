/**
 * Builds and serves the portal on a given content folder, for scripts that check or measure
 * a production build: `npm run build` and `npm start` (server.ts, the response cache in front
 * of Next). Servers listen on 127.0.0.1 only and are stopped by the caller.
 *
 * `buildNext` and `startNext` do the same for any Next app folder with `next build` and
 * `next start` (the benchmark builds an empty app with the same `next` binary as its baseline).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  /** Set for the build's steps beside this process's own environment (e.g. DATABASE_URL). */
  env?: Record<string, string>;
}

function portalEnv(
  contentDir: string,
  distDir: string,
  env: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CONTENT_DIR: contentDir,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    ...env,
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

const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** `npm run build`: the content index, Next's build, then the server bundle (a second or two). */
export async function buildPortal(
  contentDir: string,
  distDir: string,
  options: SpawnOptions = {},
): Promise<BuildResult> {
  const env = portalEnv(contentDir, distDir, options.env);
  const steps: BuildResult[] = [];
  for (const step of [
    () => indexPortal(contentDir, distDir, options),
    () => buildNext(ROOT, env, options),
    () => run(process.execPath, [TSX_CLI, path.join(ROOT, 'scripts/build-server.ts')], env),
  ]) {
    const result = await step();
    steps.push(result);
    if (result.exitCode !== 0) break;
  }
  return {
    exitCode: steps.at(-1)!.exitCode,
    output: steps.map((step) => step.output).join(''),
    seconds: steps.reduce((sum, step) => sum + step.seconds, 0),
  };
}

/** `npm run content:index`: the folder into the build's content database. */
export function indexPortal(
  contentDir: string,
  distDir: string,
  options: SpawnOptions = {},
): Promise<BuildResult> {
  const env = portalEnv(contentDir, distDir, options.env);
  return run(
    process.execPath,
    [TSX_CLI, path.join(ROOT, 'scripts/content-index.ts')],
    env,
    options,
  );
}

const SCRIPTS = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/**
 * package.json's `start` (`NAME=value node --flags dist/server.mjs`), split into its environment
 * and node's arguments, so that scripts start the server exactly as `npm start` does.
 */
const SERVER_START = (() => {
  const words = SCRIPTS.start!.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [name, value] = words.shift()!.split('=') as [string, string];
    env[name] = value;
  }
  if (words.shift() !== 'node')
    throw new Error(`package.json's start script must run node: ${SCRIPTS.start}`);
  return { env, args: words.map((word) => (word.endsWith('.mjs') ? path.join(ROOT, word) : word)) };
})();

async function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: SpawnOptions = {},
): Promise<BuildResult> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env });
  options.onSpawn?.(child);
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
  /** Everything the server printed so far. */
  log: () => string;
}

/** Runs `next start` in `cwd` on 127.0.0.1 and waits until `/` answers 2xx (at most 60 s). */
export async function startNext(
  cwd: string,
  env: NodeJS.ProcessEnv,
  port: number,
  options: SpawnOptions = {},
): Promise<RunningPortal> {
  return startServer('next start', [NEXT_BIN, 'start'], cwd, env, port, options);
}

async function startServer(
  name: string,
  command: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  port: number,
  options: SpawnOptions,
): Promise<RunningPortal> {
  const child = spawn(
    process.execPath,
    [...command, '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
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
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log}`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) return { url, process: child, stop, log: () => log };
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  await stop();
  throw new Error(`${name} did not answer on ${url} within 60 s:\n${log}`);
}

/** `npm start`: the front server with Next behind it, as production runs. */
export async function startPortal(
  contentDir: string,
  distDir: string,
  port: number,
  options: SpawnOptions = {},
  env: Record<string, string> = {},
): Promise<RunningPortal> {
  return startServer(
    'npm start',
    SERVER_START.args,
    ROOT,
    { ...portalEnv(contentDir, distDir), ...SERVER_START.env, ...env },
    port,
    options,
  );
}
