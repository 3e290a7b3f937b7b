/**
 * Proves that a content folder nobody has seen, with hostile files in it, builds and serves:
 * generates N articles (default 1,000) with the hostile set, builds the portal on them,
 * starts it on 127.0.0.1 and checks that every hostile file was reported and skipped or
 * rendered harmlessly, and that ordinary pages serve.
 *
 *   npx tsx scripts/verify-corpus.ts [--articles N]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { parseFlags, readCommandLine, wholeNumber } from './lib/args';
import { generateCorpus, MAX_ARTICLES, prepareOutputDir } from './lib/corpus';
import { buildPortal, startPortal } from './lib/portal';

const ROOT = path.resolve(import.meta.dirname, '..');
const { articles } = readCommandLine(
  'usage: npx tsx scripts/verify-corpus.ts [--articles N]',
  (args) => {
    const { values } = parseFlags(args, { articles: { type: 'string', default: '1000' } });
    return { articles: wholeNumber('--articles', values.articles, 20, MAX_ARTICLES) };
  },
);

const dir = path.join(ROOT, '.cache', `corpus-${articles}`);
const distDir = '.next-corpus';
const port = 3211;

let passed = 0;
let failed = 0;
function check(ok: boolean, what: string) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
}

mkdirSync(path.dirname(dir), { recursive: true });
await prepareOutputDir(dir);
const summary = await generateCorpus({ dir, articles, hostile: true });
console.log(
  `generated ${summary.articles} articles (+${summary.hostile.length} hostile) in ${dir}`,
);

const build = await buildPortal(dir, distDir);
console.log(`build: exit ${build.exitCode} in ${build.seconds.toFixed(1)} s`);
check(build.exitCode === 0, 'the build finishes despite the hostile files');
if (build.exitCode !== 0) console.log(build.output.slice(-4000));

for (const hostile of summary.hostile.filter((item) => item.expect === 'skipped')) {
  const reported = new RegExp(
    `^${hostile.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+  error  `,
    'm',
  );
  check(
    reported.test(build.output),
    `${hostile.file} is reported with file:line:column (${hostile.why})`,
  );
}

if (build.exitCode === 0) {
  const portal = await startPortal(dir, distDir, port);
  try {
    const get = async (pathname: string) => {
      const response = await fetch(`${portal.url}${pathname}`, { redirect: 'manual' });
      return { status: response.status, html: await response.text() };
    };
    for (const hostile of summary.hostile) {
      if (!hostile.slug) continue;
      const { status, html } = await get(`/news/${hostile.slug}`);
      if (hostile.expect === 'skipped') {
        const duplicateOfPublished = summary.publishedSlugs.includes(hostile.slug);
        check(
          duplicateOfPublished ? status === 200 : status === 404,
          `/news/${hostile.slug} answers ${status} (${hostile.file})`,
        );
      } else if (hostile.file.includes('emphasis')) {
        check(
          status === 200 || status === 404,
          `/news/${hostile.slug} answers ${status}, not 500 (${hostile.file})`,
        );
      } else {
        const harmless = !/<script[^>]*>\s*alert|onerror=|javascript:alert|<iframe/i.test(html);
        check(
          status === 200 && harmless,
          `/news/${hostile.slug} answers ${status} with no injected markup (${hostile.file})`,
        );
        if (hostile.file.includes('expressions'))
          check(
            html.includes('Price {sharply} higher'),
            'the word in "Price {sharply} higher" is kept',
          );
      }
    }
    const sample = summary.publishedSlugs
      .filter((slug) => !slug.startsWith('hostile-'))
      .filter((_, i) => i % 20 === 0);
    let served = 0;
    for (const slug of sample) if ((await get(`/news/${slug}`)).status === 200) served++;
    check(
      served === sample.length,
      `${served} of ${sample.length} sampled ordinary articles answer 200`,
    );
    for (const pathname of [
      '/',
      '/news',
      '/news/page/2',
      '/topics',
      '/offerings',
      '/offerings/page/2',
    ]) {
      const { status } = await get(pathname);
      check(status === 200, `${pathname} answers ${status}`);
    }
  } finally {
    await portal.stop();
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
