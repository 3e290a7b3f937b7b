/**
 * Load test on 127.0.0.1: builds the portal with the sample content, serves it, and sends
 * concurrent requests at the article, topic, offering and search pages for a fixed time, with
 * wrk (the bench's load generator, scripts/lib/wrk.ts). Prints requests per second, latency
 * p50/p99, failed requests, and the server's memory (resident set of its whole process tree)
 * before and after, after a warm-up under the same load. Bounded in time; stops the server.
 *
 *   npm run load-test -- [--connections 100] [--seconds 30]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { parseFlags, readCommandLine, wholeNumber } from './lib/args';
import { buildPortal, startPortal } from './lib/portal';
import { treeRssMb } from './lib/proc';
import { assertWrkInstalled, failedRequests, runWrk, type LoadOptions } from './lib/wrk';

const USAGE = 'usage: npm run load-test -- [--connections 100] [--seconds 30]';
const ROOT = path.resolve(import.meta.dirname, '..');
const PATHS = [
  '/news/healthcareitnews-uk-experts-welcome-englands-2-3b-plan-for-digital-health-and-social-care',
  '/topic/medigy-social-care',
  '/offering/luscii-platform',
  '/search?q=remote%20monitoring',
];
const DIST_DIR = '.next-load';
const PORT = 3214;

const { connections, seconds } = readCommandLine(USAGE, (args) => {
  const { values } = parseFlags(args, {
    connections: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
  });
  return {
    connections: wholeNumber('--connections', values.connections, 1, 1000),
    seconds: wholeNumber('--seconds', values.seconds, 1, 600),
  };
});

/** wrk asks for one path per request, round robin over PATHS. */
function roundRobinScript(paths: string[]): string {
  const list = paths.map((pathname) => JSON.stringify(pathname)).join(', ');
  return `local paths = { ${list} }
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
`;
}

await assertWrkInstalled();
const contentDir = path.join(ROOT, 'content');
const build = await buildPortal(contentDir, DIST_DIR);
if (build.exitCode !== 0) {
  console.error(build.output.slice(-4000));
  process.exit(1);
}
const work = await mkdtemp(path.join(tmpdir(), 'portal-load-'));
const portal = await startPortal(contentDir, DIST_DIR, PORT);
try {
  const script = path.join(work, 'paths.lua');
  await writeFile(script, roundRobinScript(PATHS));
  const load = (duration: number) =>
    runWrk(portal.url, { seconds: duration, connections, script } satisfies LoadOptions);
  // Warm up under the same load first: memory "before" is then the server's working size
  // (content loaded, heap grown to what this concurrency needs), and growth after it is
  // what a leak would show.
  await load(Math.min(10, seconds));
  const pid = portal.process.pid!;
  const before = treeRssMb(pid);
  const result = await load(seconds);
  const after = treeRssMb(pid);
  const growth = ((after - before) / before) * 100;
  const failed = failedRequests(result);
  const { connect, read, write, timeout } = result.socketErrors;
  console.log(
    `load: ${connections} connections for ${seconds} s on ${PATHS.length} pages (article, topic, offering, search)`,
  );
  console.log(`requests      ${result.requests} (${result.rps.toFixed(0)} per second)`);
  console.log(`latency       p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
  console.log(
    `failed        ${failed} (not 2xx/3xx ${result.non2xx3xx}; connect ${connect}, read ${read}, write ${write}, timeout ${timeout})`,
  );
  console.log(
    `server memory ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%)`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  await portal.stop();
  await rm(work, { recursive: true, force: true });
}
