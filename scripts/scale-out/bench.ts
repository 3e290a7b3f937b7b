/**
 * Scale-out figures: two portal servers on one Redis behind nginx (scripts/scale-out/cluster.ts),
 * on a temporary copy of the sample content. Prints
 *
 * - propagation: an article written into the shared folder and revalidated on one server, until
 *   the other server shows it, over `--trials` publications (alternating servers): median, p95
 *   and worst; the first publication of a server's life (which starts its compile threads) is
 *   shown apart;
 * - failover: wrk through nginx with `--connections` for `--seconds`, one server killed at
 *   `--kill-at` s: requests, failures in all and after nginx's first timeout (1 s after the
 *   kill, from nginx's access log), and the survivor's memory before and after.
 *
 * With `--engine postgres` the build and both servers share one PostgreSQL content database
 * (`DATABASE_URL`, else scripts/services.sh's `TEST_DATABASE_URL`; a schema of the run's own,
 * dropped afterwards); with `sqlite` (the default) each server has its own SQLite file.
 *
 *   npm run bench:scale-out -- [--engine sqlite|postgres] [--trials 20] [--connections 50] [--seconds 30] [--kill-at 10]
 *   bash scripts/services.sh npm run bench:scale-out -- --engine postgres
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import pg from 'pg';

import { parseFlags, readCommandLine, UsageError, wholeNumber } from '../lib/args';
import { treeRssMb } from '../lib/proc';
import { assertWrkInstalled, runWrk } from '../lib/wrk';
import {
  buildOnce,
  freePort,
  revalidate,
  startRedis,
  startServer,
  timeUntilVisible,
  writeArticle,
  type PortalServer,
  type SharedDatabase,
} from './cluster';
import { startBalancer } from './nginx';

const USAGE =
  'usage: npm run bench:scale-out -- [--engine sqlite|postgres] [--trials 20] [--connections 50] [--seconds 30] [--kill-at 10]';
const PAGES = ['/', '/news', '/news/page/2', '/topics', '/authors', '/offerings', '/feed.xml'];

const options = readCommandLine(USAGE, (args) => {
  const { values } = parseFlags(args, {
    engine: { type: 'string', default: 'sqlite' },
    trials: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    'kill-at': { type: 'string', default: '10' },
  });
  const seconds = wholeNumber('--seconds', values.seconds, 5, 600);
  if (values.engine !== 'sqlite' && values.engine !== 'postgres') {
    throw new UsageError(`--engine: expected sqlite or postgres, got "${values.engine}"`);
  }
  return {
    engine: values.engine,
    trials: wholeNumber('--trials', values.trials, 1, 1000),
    connections: wholeNumber('--connections', values.connections, 1, 1000),
    seconds,
    killAt: wholeNumber('--kill-at', values['kill-at'], 1, seconds - 1),
  };
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function publish(from: PortalServer, to: PortalServer, contentDir: string, n: string) {
  const title = `Bench story ${n} about shared care records`;
  const page = await writeArticle(contentDir, `scale-out-bench-${n}`, title);
  await revalidate(from.url);
  const ms = await timeUntilVisible(`${to.url}${page}`, title, 10_000);
  if (ms === null) throw new Error(`${page} did not show on ${to.name} within 10 s`);
  return ms;
}

/** The shared database of `--engine postgres`: DATABASE_URL's, else services.sh's. */
function sharedDatabase(): SharedDatabase | null {
  if (options.engine === 'sqlite') return null;
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      '--engine postgres: set DATABASE_URL, or run through scripts/services.sh (bash scripts/services.sh npm run bench:scale-out -- --engine postgres)',
    );
  }
  return { url, schema: `scale_out_bench_${process.pid}` };
}

async function dropSchema(database: SharedDatabase): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${database.schema} CASCADE`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  await assertWrkInstalled();
  const database = sharedDatabase();
  console.log(
    `scale-out bench: content database ${database ? `PostgreSQL (schema ${database.schema}), shared` : 'SQLite, one per server'}; building once…`,
  );
  const build = await buildOnce('.next-scale-out', database);
  const redis = await startRedis();
  const servers: PortalServer[] = [];
  let nginx: Awaited<ReturnType<typeof startBalancer>> | null = null;
  try {
    const a = await startServer(build, 'a', redis.url);
    const b = await startServer(build, 'b', redis.url);
    servers.push(a, b);
    const port = await freePort();
    nginx = await startBalancer({
      listen: port,
      servers: servers.map((server) => `127.0.0.1:${server.port}`),
      accessLog: true,
    });
    const site = `http://127.0.0.1:${port}`;

    // Propagation.
    const firstAtoB = await publish(a, b, build.contentDir, 'first-a');
    const firstBtoA = await publish(b, a, build.contentDir, 'first-b');
    const times: number[] = [];
    for (let trial = 0; trial < options.trials; trial++) {
      const [from, to] = trial % 2 === 0 ? [a, b] : [b, a];
      times.push(await publish(from, to, build.contentDir, `trial-${trial}`));
    }
    times.sort((x, y) => x - y);
    console.log(
      `propagation   ${options.trials} publications (revalidated on one server, shown by the other): ` +
        `median ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, ` +
        `worst ${times.at(-1)!.toFixed(0)} ms`,
    );
    console.log(
      `              first publication of each server's life (starts its compile threads): ` +
        `${firstAtoB.toFixed(0)} ms a→b, ${firstBtoA.toFixed(0)} ms b→a`,
    );

    // Failover under load.
    for (const page of PAGES) await fetch(`${site}${page}`);
    const script = path.join(build.work, 'pages.lua');
    await writeFile(
      script,
      `local paths = { ${PAGES.map((page) => JSON.stringify(page)).join(', ')} }
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
`,
    );
    const log = path.join(nginx.prefix, 'access.log');
    await writeFile(log, '');
    const survivorBefore = treeRssMb(a.process.pid!);
    const load = runWrk(site, {
      seconds: options.seconds,
      connections: options.connections,
      script,
    });
    await sleep(options.killAt * 1000);
    const killedAt = Date.now() / 1000;
    b.kill();
    const result = await load;
    const survivorAfter = treeRssMb(a.process.pid!);

    const lines = (await readFile(log, 'utf8')).trim().split('\n').filter(Boolean);
    const failed = lines
      .map((line) => line.split(' '))
      .filter(([, status]) => !/^[23]/.test(status ?? ''));
    const late = failed.filter(([msec]) => Number(msec) > killedAt + 1);
    const retried = lines.filter((line) => line.split(' ')[2]?.includes(',')).length;
    const { connect, read, write, timeout } = result.socketErrors;
    console.log(
      `failover      ${options.connections} connections for ${options.seconds} s through nginx, ` +
        `server b killed at ${options.killAt} s`,
    );
    console.log(
      `              requests ${result.requests} (${result.rps.toFixed(0)}/s), p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
    );
    console.log(
      `              failed ${failed.length + connect + read + write + timeout} in all ` +
        `(nginx answered ${failed.length} non-2xx/3xx; wrk socket errors: connect ${connect}, read ${read}, write ${write}, timeout ${timeout}); ` +
        `${late.length} after the first timeout; ${retried} retried on the other server`,
    );
    console.log(
      `              survivor memory (whole process tree) ${survivorBefore.toFixed(0)} MB before, ${survivorAfter.toFixed(0)} MB after`,
    );
  } finally {
    await nginx?.stop();
    await Promise.all(servers.map((server) => server.stop()));
    await redis.stop();
    await build.remove();
    if (database) await dropSchema(database);
    const { rm } = await import('node:fs/promises');
    for (const server of servers) {
      await rm(path.resolve(import.meta.dirname, '../..', server.distDir), {
        recursive: true,
        force: true,
      });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
