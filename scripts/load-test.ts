/**
 * Load test on 127.0.0.1: builds the portal with the sample content, serves it, and sends
 * concurrent requests at the article, topic, offering and search pages for a fixed time.
 * Prints requests per second, latency p50/p99, errors, and the server's memory (resident
 * set of its whole process tree) before and after, after a warm-up under the same load.
 * Bounded in time; stops the server.
 *
 *   npx tsx scripts/load-test.ts [--connections 100] [--seconds 30]
 */
import path from 'node:path';

import autocannon from 'autocannon';

import { buildPortal, startPortal } from './lib/portal';
import { treeRssMb } from './lib/proc';

const ROOT = path.resolve(import.meta.dirname, '..');
const PATHS = [
  '/news/healthcareitnews-uk-experts-welcome-englands-2-3b-plan-for-digital-health-and-social-care',
  '/topic/medigy-social-care',
  '/offering/luscii-platform',
  '/search?q=remote%20monitoring',
];

function flag(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`--${name} must be a whole number from 1 to ${max}`);
    process.exit(2);
  }
  return value;
}
const connections = flag('connections', 100, 1000);
const seconds = flag('seconds', 30, 600);

const contentDir = path.join(ROOT, 'content');
const DIST_DIR = '.next-load';
const build = await buildPortal(contentDir, DIST_DIR);
if (build.exitCode !== 0) {
  console.error(build.output.slice(-4000));
  process.exit(1);
}
const portal = await startPortal(contentDir, DIST_DIR, 3214);
try {
  // Warm up under the same load first: memory "before" is then the server's working size
  // (content loaded, heap grown to what this concurrency needs), and growth after it is
  // what a leak would show.
  const load = (duration: number) =>
    autocannon({
      url: portal.url,
      connections,
      duration,
      requests: PATHS.map((pathname) => ({ method: 'GET', path: pathname })),
    });
  await load(Math.min(10, seconds));
  const pid = portal.process.pid!;
  const before = treeRssMb(pid);
  const result = await load(seconds);
  const after = treeRssMb(pid);
  const growth = ((after - before) / before) * 100;
  console.log(
    `load: ${connections} connections for ${seconds} s on ${PATHS.length} pages (article, topic, offering, search)`,
  );
  console.log(
    `requests      ${result.requests.total} (${result.requests.average.toFixed(0)} per second)`,
  );
  console.log(
    `latency       p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
  console.log(
    `errors        ${result.errors} (timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
  );
  console.log(
    `server memory ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%)`,
  );
  process.exitCode = result.errors === 0 && result.non2xx === 0 ? 0 : 1;
} finally {
  await portal.stop();
}
