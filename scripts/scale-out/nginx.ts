/**
 * nginx balancing several portal servers, with the configuration of scripts/scale-out/nginx.conf:
 *
 *   npm run scale-out:nginx -- --listen 8080 --server 127.0.0.1:3001 --server 127.0.0.1:3002
 *
 * writes it into a temporary folder (logs and temporary files too, no root needed) and runs
 * nginx in the foreground until Ctrl-C. The tests and the benchmark start it through
 * `startBalancer`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { startNginx, type RunningNginx } from '../lib/nginx';

const TEMPLATE = path.join(import.meta.dirname, 'nginx.conf');

export interface BalancerOptions {
  /** Port on 127.0.0.1. */
  listen: number;
  /** `host:port` of each portal server. */
  servers: string[];
  /** Passive health: failures within `failTimeout` s that take a server out for that long. */
  maxFails?: number;
  failTimeout?: number;
  /** Log every request as `msec status upstream_status` into `{prefix}/access.log`. */
  accessLog?: boolean;
}

export async function balancerConfig(options: BalancerOptions): Promise<string> {
  const template = await readFile(TEMPLATE, 'utf8');
  const servers = options.servers
    .map(
      (server) =>
        `  server ${server} max_fails=${options.maxFails ?? 1} fail_timeout=${options.failTimeout ?? 5}s;`,
    )
    .join('\n');
  const accessLog = options.accessLog
    ? 'access_log {prefix}/access.log timing;'
    : 'access_log off;';
  const logFormat = options.accessLog
    ? "log_format timing '$msec $status $upstream_status';\n"
    : '';
  return (
    logFormat +
    template
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n')
      .replace('{{listen}}', `127.0.0.1:${options.listen}`)
      .replace('{{servers}}', servers)
      .replace('{{access_log}}', accessLog)
  );
}

export async function startBalancer(options: BalancerOptions): Promise<RunningNginx> {
  return startNginx(await balancerConfig(options), [options.listen]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      listen: { type: 'string', default: '8080' },
      server: { type: 'string', multiple: true, default: [] },
    },
  });
  const listen = Number(values.listen);
  if (!/^\d+$/.test(values.listen) || listen < 1 || listen > 65535) {
    throw new Error(`--listen: expected a port number, got "${values.listen}"`);
  }
  const servers = values.server;
  if (servers.length === 0) throw new Error('--server host:port: give at least one server');
  for (const server of servers) {
    if (!/^[\w.-]+:\d+$/.test(server)) {
      throw new Error(`--server: expected host:port, got "${server}"`);
    }
  }
  const nginx = await startBalancer({ listen, servers });
  console.log(
    `nginx: http://127.0.0.1:${listen} balancing ${servers.join(', ')} (files in ${nginx.prefix}); Ctrl-C stops it`,
  );
  const stop = () => void nginx.stop().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
