/**
 * What crawlers and assistive technology get, measured: builds the portal with the sample
 * content, serves it on 127.0.0.1, runs Lighthouse (SEO and accessibility categories) and the
 * W3C Nu HTML checker on the home, article, topic and offering pages, and prints the figures.
 * Exits non-zero when a score is below 100 or the checker reports an error.
 *
 *   npx tsx scripts/audit-seo.ts
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import lighthouse from 'lighthouse';

import { parseFlags, readCommandLine } from './lib/args';
import { launchChromiumForLighthouse } from './lib/chromium';
import { buildPortal, startPortal } from './lib/portal';

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = 3212;
const DEBUGGING_PORT = 9333;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PAGES = [
  ['home', '/'],
  [
    'article',
    '/news/healthcareitnews-uk-experts-welcome-englands-2-3b-plan-for-digital-health-and-social-care',
  ],
  ['topic', '/topic/medigy-social-care'],
  ['offering', '/offering/luscii-platform'],
] as const;

readCommandLine('usage: npx tsx scripts/audit-seo.ts', (args) => parseFlags(args, {}));

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
  for (const [name, pathname] of PAGES) {
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
