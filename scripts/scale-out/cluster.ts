/**
 * Several portal servers on one Redis behind nginx, on 127.0.0.1, for the scale-out tests and
 * benchmark: one build (`npm run build` into its own folder, on a temporary copy of content/),
 * a copy of it per server (as each machine of a site has its own), a Redis of its own that can
 * be stopped and started again, and the servers as `npm start` runs them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { stringify } from 'yaml';

import { accepts } from '../lib/nginx';
import { buildPortal, startPortal, type RunningPortal } from '../lib/portal';
import { signalTree } from '../lib/proc';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SECRET = 'scale-out-revalidate-secret';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningRedis {
  url: string;
  port: number;
  stop: () => Promise<void>;
  /** Starts it again on the same port, empty (it keeps nothing on disk). */
  start: () => Promise<void>;
  /** Stops it answering without closing its connections (SIGSTOP), and lets it go on. */
  freeze: () => void;
  thaw: () => void;
}

/** redis-server in the foreground on a free port, keeping nothing on disk. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    child.once('error', () => undefined);
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await accepts(port)) return;
      if (child.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(`redis-server did not start on port ${port} (apt-get install redis-server)`);
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    running.kill('SIGKILL');
    await new Promise((resolve) => running.once('exit', resolve));
  };
  const signal = (name: NodeJS.Signals) => () => void (child as ChildProcess | null)?.kill(name);
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    freeze: signal('SIGSTOP'),
    thaw: signal('SIGCONT'),
  };
}

export interface Build {
  /** The temporary folder holding the content copy and the servers' build copies. */
  work: string;
  contentDir: string;
  distDir: string;
  /** Removes the temporary folder. */
  remove: () => Promise<void>;
}

/** `npm run build` of a temporary copy of content/ into `distDir` (relative to the project). */
export async function buildOnce(distDir = '.next-scale-out'): Promise<Build> {
  const work = await mkdtemp(path.join(tmpdir(), 'portal-scale-out-'));
  const contentDir = path.join(work, 'content');
  await cp(path.join(ROOT, 'content'), contentDir, { recursive: true });
  const result = await buildPortal(contentDir, distDir);
  if (result.exitCode !== 0) throw new Error(`npm run build failed:\n${result.output}`);
  return {
    work,
    contentDir,
    distDir,
    // The build folder stays, as the e2e one does: next-env.d.ts points at its route types, and
    // Next's build cache in it makes the next run's build faster.
    remove: () => rm(work, { recursive: true, force: true }),
  };
}

export interface PortalServer extends RunningPortal {
  name: string;
  port: number;
  /** Its own copy of the build, relative to the project. */
  distDir: string;
  /** Stops it at once, with its worker processes, as a crash would. */
  kill: () => void;
}

/**
 * One server of the site: its own copy of the build (its own content database and file-system
 * cache), the shared content folder and Redis, one front worker (the machine has few cores).
 */
export async function startServer(
  build: Build,
  name: string,
  redisUrl: string,
  env: Record<string, string> = {},
): Promise<PortalServer> {
  const distDir = `${build.distDir}-${name}`;
  await rm(path.join(ROOT, distDir), { recursive: true, force: true });
  await cp(path.join(ROOT, build.distDir), path.join(ROOT, distDir), {
    recursive: true,
    // Next's build cache is for building again; the content database comes along.
    filter: (source) => !source.includes(`${path.sep}cache${path.sep}turbopack`),
  });
  const port = await freePort();
  const portal = await startPortal(
    build.contentDir,
    distDir,
    port,
    {},
    {
      REDIS_URL: redisUrl,
      REVALIDATE_SECRET: SECRET,
      PORTAL_SERVER_ID: name,
      FRONT_WORKERS: '1',
      ...env,
    },
  );
  const pid = portal.process.pid!;
  return {
    ...portal,
    name,
    port,
    distDir,
    kill: () => signalTree(pid, 'SIGKILL'),
  };
}

/** Writes a public article into the content folder; answers its path on the site. */
export async function writeArticle(
  contentDir: string,
  slug: string,
  title: string,
): Promise<string> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(
    path.join(contentDir, 'news', `${slug}.mdx`),
    `---\n${stringify({
      title,
      slug,
      date: new Date(Date.now() - 60_000).toISOString(),
      status: '',
      description: 'Written by the scale-out test.',
      categories: ['Medigy: Telehealth'],
      categoryUrl: ['topic/medigy-telehealth'],
    })}---\nA story published through one server and read on another.\n`,
  );
  return `/news/${slug}`;
}

/** `POST /api/revalidate` on one server; its JSON answer. */
export async function revalidate(url: string): Promise<{ revalidated: string[] | 'everything' }> {
  const response = await fetch(`${url}/api/revalidate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}` },
  });
  if (response.status !== 200) {
    throw new Error(`POST ${url}/api/revalidate answered ${response.status}`);
  }
  return (await response.json()) as { revalidated: string[] | 'everything' };
}

/** Polls `url` until its body holds `text`; the milliseconds it took, or null after `limitMs`. */
export async function timeUntilVisible(
  url: string,
  text: string,
  limitMs: number,
  since = performance.now(),
): Promise<number | null> {
  while (performance.now() - since < limitMs) {
    const response = await fetch(url).catch(() => null);
    if (response?.status === 200 && (await response.text()).includes(text)) {
      return performance.now() - since;
    }
    await sleep(10);
  }
  return null;
}
