/**
 * The project's one load generator: wrk (Debian package `wrk`), run against 127.0.0.1 for a
 * bounded time. A C load generator on its own threads, so that what it measures is the server,
 * not a Node client competing with it for the same two cores.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface LoadFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx3xx: number;
  /** wrk's socket errors; `timeout` counts requests that got no answer within 2 s. */
  socketErrors: { connect: number; read: number; write: number; timeout: number };
}

export interface LoadOptions {
  seconds: number;
  connections?: number;
  threads?: number;
  headers?: Record<string, string>;
  /** A Lua script for wrk, e.g. to spread requests over several paths. */
  script?: string;
}

export async function assertWrkInstalled(): Promise<void> {
  try {
    await promisify(execFile)('wrk', ['-v'], { timeout: 10_000 });
  } catch (error) {
    // `wrk -v` prints its version and exits 1; only a missing binary is a problem.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('wrk is not installed (Debian/Ubuntu: apt-get install wrk)');
    }
  }
}

export function wrkArgs(url: string, options: LoadOptions): string[] {
  return [
    `-t${options.threads ?? 2}`,
    `-c${options.connections ?? 50}`,
    `-d${options.seconds}s`,
    '--latency',
    ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => [
      '-H',
      `${name}: ${value}`,
    ]),
    ...(options.script ? ['-s', options.script] : []),
    url,
  ];
}

export async function runWrk(url: string, options: LoadOptions): Promise<LoadFigures> {
  const args = wrkArgs(url, options);
  try {
    const { stdout } = await promisify(execFile)('wrk', args, {
      timeout: (options.seconds + 30) * 1000,
    });
    return parseWrk(stdout);
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`wrk ${args.join(' ')} failed: ${stderr?.trim() || message}`);
  }
}

const WARM_UP_SECONDS = 2;
export const WARM_UP_NOTE = `each run after a ${WARM_UP_SECONDS} s warm-up`;

/** A short run first, so that the measured one starts with connections open and caches warm. */
export async function warmAndRun(url: string, options: LoadOptions): Promise<LoadFigures> {
  await runWrk(url, { ...options, seconds: WARM_UP_SECONDS });
  return runWrk(url, options);
}

export function failedRequests(load: LoadFigures): number {
  const { connect, read, write, timeout } = load.socketErrors;
  return load.non2xx3xx + connect + read + write + timeout;
}

const TO_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function latencyMs(output: string, percentile: string): number {
  const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(output);
  if (!match) throw new Error(`wrk output has no ${percentile}% latency line:\n${output}`);
  return Number(match[1]) * (TO_MS[match[2] ?? ''] ?? NaN);
}

export function parseWrk(output: string): LoadFigures {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output)?.[1];
  const requests = /^\s*(\d+) requests in /m.exec(output)?.[1];
  if (rps === undefined || requests === undefined) {
    throw new Error(`wrk output has no request count or Requests/sec line:\n${output}`);
  }
  // wrk prints these two lines only when the counts are not zero.
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const non2xx3xx = /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1];
  return {
    rps: Number(rps),
    p50Ms: latencyMs(output, '50'),
    p99Ms: latencyMs(output, '99'),
    requests: Number(requests),
    non2xx3xx: Number(non2xx3xx ?? 0),
    socketErrors: {
      connect: Number(socket?.[1] ?? 0),
      read: Number(socket?.[2] ?? 0),
      write: Number(socket?.[3] ?? 0),
      timeout: Number(socket?.[4] ?? 0),
    },
  };
}
