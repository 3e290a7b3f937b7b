/**
 * Several portal servers on one Redis behind nginx, on 127.0.0.1, for the scale-out tests and
 * benchmark: one build (`npm run build` into its own folder, on a temporary copy of content/),
 * a copy of it per server (as each machine of a site has its own), a Redis of its own that can
 * be stopped and started again, and the servers as `npm start` runs them. With a shared
 * database (`DATABASE_URL` and a schema of the run's own), the build and every server use it
 * instead of each its own SQLite file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { stringify } from 'yaml';

import { accepts } from '../lib/nginx';
import { buildPortal, indexPortal, startPortal, type RunningPortal } from '../lib/portal';
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
    // One that died of a signal has no exit code, and its exit event has been and gone.
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
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

/** A PostgreSQL content database the build and all servers share: `DATABASE_URL`'s and a schema. */
export interface SharedDatabase {
  url: string;
  schema: string;
}

/** The settings that select it, for the build, the indexer and every server. */
export function databaseEnv(database: SharedDatabase | null): Record<string, string> {
  return database ? { DATABASE_URL: database.url, CONTENT_DB_SCHEMA: database.schema } : {};
}

export interface Build {
  /** The temporary folder holding the content copy and the servers' build copies. */
  work: string;
  contentDir: string;
  distDir: string;
  /** The shared content database, or null when each server has its own SQLite file. */
  database: SharedDatabase | null;
  /** Removes the temporary folder. */
  remove: () => Promise<void>;
}

/**
 * `npm run build` of a temporary copy of content/ into `distDir` (relative to the project),
 * indexing the folder into `database` when one is given (else into the build's SQLite file).
 */
export async function buildOnce(
  distDir = '.next-scale-out',
  database: SharedDatabase | null = null,
): Promise<Build> {
  const work = await mkdtemp(path.join(tmpdir(), 'portal-scale-out-'));
  const contentDir = path.join(work, 'content');
  await cp(path.join(ROOT, 'content'), contentDir, { recursive: true });
  const result = await buildPortal(contentDir, distDir, { env: databaseEnv(database) });
  if (result.exitCode !== 0) throw new Error(`npm run build failed:\n${result.output}`);
  return {
    work,
    contentDir,
    distDir,
    database,
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

/** `npm run content:index` of the build's folder into its database, as an operator runs it. */
export async function indexAgain(build: Build): Promise<void> {
  const result = await indexPortal(build.contentDir, build.distDir, {
    env: databaseEnv(build.database),
  });
  if (result.exitCode !== 0) throw new Error(`npm run content:index failed:\n${result.output}`);
}

/**
 * One server of the site: its own copy of the build (its own file-system cache, and its own
 * SQLite content database unless the build's database is shared), the shared content folder and
 * Redis, one front worker (the machine has few cores).
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
      ...databaseEnv(build.database),
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

/**
 * The PostgreSQL of scripts/services.sh, as a shared content database with a schema of this
 * run's own; `control` stops and starts that server (TEST_PG_CTL), for the outage tests.
 */
export function testDatabase(schema: string): SharedDatabase & {
  control: ((command: 'start' | 'stop') => Promise<void>) | null;
} {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set: run through scripts/services.sh (npm run test:scale-out), or set it to a PostgreSQL of your own',
    );
  }
  const pgCtl = process.env.TEST_PG_CTL;
  const control = pgCtl
    ? async (command: 'start' | 'stop') => {
        const { execFile } = await import('node:child_process');
        const { promisify } = await import('node:util');
        await promisify(execFile)(pgCtl, [command]);
      }
    : null;
  return { url, schema, control };
}
