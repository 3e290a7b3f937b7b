/**
 * What crawlers and assistive technology get, measured: builds the portal with the sample
 * content, serves it on 127.0.0.1, runs Lighthouse (SEO and accessibility categories) on the
 * home, article, topic, offering, author and source pages and the W3C Nu HTML checker on every
 * kind of page, and prints the figures. Exits non-zero when a score is below 100 or the checker
 * reports an error. `npm test` runs it.
 *
 *   npm run audit [-- --port 3212]      (Chromium's debugging port is the next one)
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import lighthouse from 'lighthouse';

import { parseFlags, readCommandLine, wholeNumber } from './lib/args';
import { launchChromiumForLighthouse } from './lib/chromium';
import { buildPortal, startPortal } from './lib/portal';

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = readCommandLine('usage: npm run audit [-- --port 3212]', (args) => {
  const { values } = parseFlags(args, { port: { type: 'string', default: '3212' } });
  return wholeNumber('--port', values.port, 1024, 65_534);
});
const DEBUGGING_PORT = PORT + 1;
const ORIGIN = `http://127.0.0.1:${PORT}`;
/** Scored by Lighthouse and checked by the Nu checker. */
const PAGES = [
  ['home', '/'],
  [
    'article',
    '/news/healthcareitnews-uk-experts-welcome-englands-2-3b-plan-for-digital-health-and-social-care',
  ],
  ['topic', '/topic/medigy-social-care'],
  ['offering', '/offering/luscii-platform'],
  ['author', '/author/devon-okafor'],
  ['source', '/source/healthcareitnews.com'],
] as const;
/** Checked by the Nu checker too: every other kind of page. */
const MORE_HTML = [
  ['news', '/news'],
  ['topics', '/topics'],
  ['offerings', '/offerings'],
  ['authors', '/authors'],
  ['search', '/search?q=telehealth'],
  ['not-found', '/no/such/page'],
] as const;

// Canonical URLs must name the origin being audited, as they would in production.
process.env.SITE_URL = ORIGIN;
const contentDir = path.join(ROOT, 'content');
const build = await buildPortal(contentDir, '.next-audit');
if (build.exitCode !== 0) {
  console.error(build.output.slice(-4000));
  process.exit(1);
}
const portal = await startPortal(contentDir, '.next-audit', PORT);
const browser = await launchChromiumForLighthouse(DEBUGGING_PORT);

let failures = 0;
try {
  console.log('page      SEO  a11y  failed audits');
  for (const [name, pathname] of PAGES) {
    const result = await lighthouse(`${ORIGIN}${pathname}`, {
      port: DEBUGGING_PORT,
      onlyCategories: ['seo', 'accessibility'],
      logLevel: 'error',
      output: 'json',
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned nothing for ${pathname}`);
    const seo = Math.round((lhr.categories.seo?.score ?? 0) * 100);
    const a11y = Math.round((lhr.categories.accessibility?.score ?? 0) * 100);
    const failed = Object.values(lhr.audits)
      .filter(
        (audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary',
      )
      .map((audit) => audit.id);
    if (seo < 100 || a11y < 100) failures++;
    console.log(
      `${name.padEnd(9)} ${String(seo).padStart(3)}  ${String(a11y).padStart(4)}  ${failed.join(', ') || '-'}`,
    );
  }

  // The checker will not fetch loopback URLs itself: hand it the served HTML as files.
  const vnu = path.join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
  const htmlDir = await mkdtemp(path.join(tmpdir(), 'audit-html-'));
  const files: string[] = [];
  for (const [name, pathname] of [...PAGES, ...MORE_HTML]) {
    const file = path.join(htmlDir, `${name}.html`);
    await writeFile(file, await (await fetch(`${ORIGIN}${pathname}`)).text());
    files.push(file);
  }
  const { stdout, stderr } = await promisify(execFile)('java', [
    '-jar',
    vnu,
    '--errors-only',
    '--format',
    'text',
    ...files,
  ]).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  const report = `${stdout}${stderr}`.trim();
  const errors = report.split('\n').filter((line) => /^Error: /.test(line)).length;
  if (errors > 0) failures++;
  console.log(`\nNu HTML checker on ${files.length} pages: ${errors} errors`);
  if (report) console.log(report);
} finally {
  await browser.close();
  await portal.stop();
}
process.exit(failures === 0 ? 0 : 1);
