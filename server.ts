/**
 * The production server: `npm start -- [--port N] [--hostname H]` (after `npm run build`).
 *
 * Next runs in this process behind a loopback port that only this process uses; in front of it,
 * the front server (lib/server/front-server.ts) answers readers, from its response cache when it
 * can. `next dev` is still the development server; `next start` would serve the same pages but
 * without the cache, the compression or the script policy.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

import { FrontServer } from './lib/server/front-server';

const MB = 1024 * 1024;

function options() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p', default: process.env.PORT ?? '3000' },
      hostname: { type: 'string', short: 'H', default: '127.0.0.1' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port: expected a port number from 0 to 65535, got "${values.port}"`);
  }
  const cacheMb = Number(process.env.RESPONSE_CACHE_MB ?? 256);
  if (!Number.isFinite(cacheMb) || cacheMb < 1) {
    throw new Error(
      `RESPONSE_CACHE_MB: expected a size in megabytes of at least 1, got "${process.env.RESPONSE_CACHE_MB}"`,
    );
  }
  return { port, hostname: values.hostname, cacheBytes: Math.floor(cacheMb * MB) };
}

function listen(server: http.Server, port: number, hostname: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve(server.address() as AddressInfo));
  });
}

async function main(): Promise<void> {
  const { port, hostname, cacheBytes } = options();
  // Read by the revalidation route, which runs in this process: the publication timer's key.
  const internalToken = randomBytes(32).toString('base64url');
  process.env.PORTAL_INTERNAL_TOKEN = internalToken;

  const { default: next } = await import('next');
  const upstreamServer = http.createServer();
  const upstream = await listen(upstreamServer, 0, '127.0.0.1');
  const app = next({ dev: false, dir: process.cwd(), hostname: '127.0.0.1', port: upstream.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  upstreamServer.on('request', (req, res) => void handle(req, res));

  const front = new FrontServer({
    upstream: { host: '127.0.0.1', port: upstream.port },
    host: `${hostname}:${port}`,
    cacheBytes,
    internalToken,
    statsToken: process.env.REVALIDATE_SECRET || undefined,
  });
  const server = http.createServer(front.handle);
  const address = await listen(server, port, hostname);
  front.timer.start();
  console.log(
    `portal: serving on http://${hostname}:${address.port} (response cache ${Math.round(cacheBytes / MB)} MB)`,
  );

  const stop = () => {
    front.close();
    server.close();
    server.closeAllConnections();
    upstreamServer.close();
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
