/**
 * The production server: `npm start -- [--port N] [--hostname H]` (after `npm run build`).
 *
 * The primary process runs Next on a loopback port that only this server uses, and the
 * publication timer. It forks one front server per core (FRONT_WORKERS overrides), which share
 * the public port and answer readers, from their response caches when they can
 * (lib/server/front-server.ts). `next dev` is still the development server; `next start` would
 * serve the same pages but without the cache, the compression or the script policy.
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, hostname as machineName } from 'node:os';
import { parseArgs } from 'node:util';

import type { Change, ChangeFeed } from './lib/server/change-feed';
import { PrimaryHub, WorkerLink } from './lib/server/coordinator';
import { PublicationTimer } from './lib/server/publication-timer';
import { appInstructions, Upstream } from './lib/server/upstream';
import {
  redisUrlSetting,
  serverIdSetting,
  sharedContentDatabase,
  wholeNumberSetting,
} from './lib/config';

const MB = 1024 * 1024;
/**
 * The front servers' young generation, per semispace. They allocate little per request and keep
 * their cache in buffers outside V8's heap: 1 MB instead of the primary's 4 keeps each about
 * 8 MB smaller, for a scavenge (a fraction of a millisecond) every few hundred requests.
 */
const FRONT_SEMI_SPACE_MB = 1;
/** The revalidation endpoint's cheap form: publish what is due, read no files. */
const PUBLISH_DUE_PATH = '/api/revalidate?scope=schedule';
/** Its full form: index the folder's changes, made by another server's pipeline call. */
const REINDEX_PATH = '/api/revalidate';

function options() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p', default: process.env.PORT ?? '3000' },
      hostname: { type: 'string', short: 'H', default: '127.0.0.1' },
    },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    throw new Error(`--port: expected a port number from 0 to 65535, got "${values.port}"`);
  }
  return {
    port,
    hostname: values.hostname,
    workers: wholeNumberSetting('FRONT_WORKERS', availableParallelism(), 1),
    cacheBytes: wholeNumberSetting('RESPONSE_CACHE_MB', 256, 1) * MB,
  };
}

function listen(server: http.Server, port: number, hostname: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve(server.address() as AddressInfo));
  });
}

async function primary(): Promise<void> {
  const { port, hostname, workers, cacheBytes } = options();
  // Read by the revalidation route, which runs in this process: the publication timer's key.
  const internalToken = randomBytes(32).toString('base64url');
  process.env.PORTAL_INTERNAL_TOKEN = internalToken;

  const { default: next } = await import('next');
  const nextServer = http.createServer();
  const { port: upstreamPort } = await listen(nextServer, 0, '127.0.0.1');
  const app = next({ dev: false, dir: process.cwd(), hostname: '127.0.0.1', port: upstreamPort });
  await app.prepare();
  const handle = app.getRequestHandler();
  nextServer.on('request', (req, res) => void handle(req, res));

  const upstream = new Upstream({ host: '127.0.0.1', port: upstreamPort });
  const timer: PublicationTimer = new PublicationTimer(async () => {
    const response = await upstream.request('POST', PUBLISH_DUE_PATH, {
      host: `${hostname}:${port}`,
      authorization: `Bearer ${internalToken}`,
    });
    if (response.status !== 200) {
      throw new Error(
        `${PUBLISH_DUE_PATH} answered ${response.status}: ${response.body.toString().slice(0, 200)}`,
      );
    }
    const { purge, nextPublication } = appInstructions(response.headers);
    if (purge) {
      await hub.purge(purge);
      void feed?.publish({ paths: purge, reindex: false });
    }
    if (nextPublication !== undefined) timer.expect(nextPublication);
  });
  const hub = new PrimaryHub(
    (at) => timer.expect(at),
    (paths) => void feed?.publish({ paths, reindex: true }),
  );

  // Several servers sharing one Redis: each tells the others what it purged, and applies theirs.
  const redisUrl = redisUrlSetting();
  // Loaded only with Redis: its client is 7-15 MB of memory in a process that loads it.
  const feed: ChangeFeed | null = redisUrl
    ? new (await import('./lib/server/change-feed')).ChangeFeed({
        url: redisUrl,
        serverId: serverIdSetting(`${machineName()}:${port}:${process.pid}`),
        apply: async (change: Change) => {
          const started = performance.now();
          let paths = change.paths;
          // With a content database of its own, this server indexes the shared folder too, and
          // purges what that changed here (told to the others as well: they may have cached a
          // page this server rendered before it had indexed).
          const reindex = change.reindex && !sharedContentDatabase();
          if (reindex) {
            const response = await upstream.request('POST', REINDEX_PATH, {
              host: `${hostname}:${port}`,
              authorization: `Bearer ${internalToken}`,
            });
            if (response.status !== 200) {
              throw new Error(`${REINDEX_PATH} answered ${response.status}`);
            }
            const own = appInstructions(response.headers);
            if (own.purge) {
              paths = [...new Set([...paths, ...own.purge])];
              void feed?.publish({ paths: own.purge, reindex: false });
            }
            if (own.nextPublication !== undefined) timer.expect(own.nextPublication);
          }
          await hub.purge(paths);
          console.log(
            `change feed: applied a change from ${change.origin}: purged ${paths.length} path(s)` +
              `${reindex ? ', indexed the content folder again' : ''} in ${Math.round(performance.now() - started)} ms`,
          );
        },
      })
    : null;
  feed?.start();

  let stopping = false;
  const env = {
    PORTAL_UPSTREAM_PORT: String(upstreamPort),
    PORTAL_CACHE_BYTES: String(Math.floor(cacheBytes / workers)),
  };
  cluster.setupPrimary({
    execArgv: [
      ...process.execArgv.filter((arg) => !arg.startsWith('--max-semi-space-size')),
      `--max-semi-space-size=${FRONT_SEMI_SPACE_MB}`,
    ],
  });
  const fork = () => {
    const worker = cluster.fork(env);
    hub.add(worker);
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(
        `portal: front server ${worker.process.pid} exited (${signal ?? code}); starting another`,
      );
      fork();
    });
    return new Promise<void>((resolve) => worker.once('listening', () => resolve()));
  };
  await Promise.all(Array.from({ length: workers }, fork));
  timer.start();
  console.log(
    `portal: serving on http://${hostname}:${port} with ${workers} front server(s), ` +
      `response cache ${Math.round(cacheBytes / MB)} MB in all` +
      (redisUrl ? '; sharing the cache and changes through Redis' : ''),
  );

  const stop = () => {
    stopping = true;
    timer.stop();
    void feed?.stop();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    upstream.close();
    nextServer.close();
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function worker(): Promise<void> {
  const { port, hostname } = options();
  // The front servers' code (the script policy's HTML parser, the caching rules) is theirs
  // alone: Next's process never loads it (a chunk of its own, see scripts/lib/server-bundle.ts).
  const [{ FrontServer }, { ResponseCache }] = await Promise.all([
    import('./lib/server/front-server'),
    import('./lib/server/response-cache'),
  ]);
  const cache = new ResponseCache(Number(process.env.PORTAL_CACHE_BYTES));
  const front = new FrontServer({
    upstream: { host: '127.0.0.1', port: Number(process.env.PORTAL_UPSTREAM_PORT) },
    host: `${hostname}:${port}`,
    cache,
    coordinator: new WorkerLink(cache),
    adminToken: process.env.REVALIDATE_SECRET || undefined,
  });
  const server = http.createServer(front.handle);
  await listen(server, port, hostname);
  const stop = () => {
    front.close();
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  // Ctrl-C reaches every process of the terminal; the primary decides.
  process.on('SIGINT', () => undefined);
  // Without the primary there is no Next behind this server.
  process.once('disconnect', stop);
}

(cluster.isPrimary ? primary() : worker()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
