/**
 * Content changing under cached pages: a revalidation refreshes what changed, and a scheduled
 * article goes public on its date without a rebuild or a call. These tests change what readers
 * see, so they run after every other browser test (the "publishing" project in
 * playwright.config.ts).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test, type APIRequestContext } from '@playwright/test';
import { stringify } from 'yaml';

import { articles, CONTENT_DIR, isPublic, TEMPORARY_PREFIX } from './support/content';
import { EXAMPLE_ARTICLE } from './support/site';

const REVALIDATE = { authorization: 'Bearer e2e-revalidate-secret' };

test.describe.configure({ mode: 'serial' });

/** Without `files`, the server compares every file of the folder with its last state. */
async function revalidate(request: APIRequestContext, files?: string[]) {
  const response = await request.post('/api/revalidate', {
    headers: REVALIDATE,
    ...(files ? { data: { files } } : {}),
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    changedFiles: string[];
    published: string[];
    revalidated: string[] | 'everything';
    nextPublicationAt: string | null;
  };
}

test('a cached article shows its change after POST /api/revalidate', async ({ request }) => {
  const target = articles().find((item) => isPublic(item) && item.file !== EXAMPLE_ARTICLE.file)!;
  const file = path.join(CONTENT_DIR, target.file);
  const original = readFileSync(file, 'utf8');
  const page = `/news/${target.slug}`;
  const marker = `Correction added by the revalidation test ${Date.now()}.`;
  try {
    await request.get(page);
    expect((await request.get(page)).headers()['x-cache']).toBe('HIT');
    writeFileSync(file, `${original.trimEnd()}\n\n${marker}\n`);
    // Until the pipeline says so, readers keep getting the cached page.
    expect(await (await request.get(page)).text()).not.toContain(marker);

    const result = await revalidate(request);
    expect(result.changedFiles).toEqual([target.file]);
    expect(result.revalidated).toContain(page);
    const fresh = await request.get(page);
    expect(await fresh.text()).toContain(marker);
    expect((await request.get(page)).headers()['x-cache']).toBe('HIT');
  } finally {
    writeFileSync(file, original);
    await revalidate(request);
  }
  expect(await (await request.get(page)).text()).not.toContain(marker);
});

test('a revalidation naming the files the pipeline wrote reads only those', async ({ request }) => {
  const [first, second] = articles()
    .filter((item) => isPublic(item) && item.file !== EXAMPLE_ARTICLE.file)
    .slice(1, 3);
  const originals = [first!, second!].map((item) => ({
    item,
    file: path.join(CONTENT_DIR, item.file),
    text: readFileSync(path.join(CONTENT_DIR, item.file), 'utf8'),
  }));
  const marker = `Named in a revalidation ${Date.now()}.`;
  try {
    for (const { file, text } of originals) {
      writeFileSync(file, `${text.trimEnd()}\n\n${marker}\n`);
    }
    const named = await revalidate(request, [first!.file]);
    expect(named.changedFiles).toEqual([first!.file]);
    expect(await (await request.get(`/news/${first!.slug}`)).text()).toContain(marker);
    expect(await (await request.get(`/news/${second!.slug}`)).text()).not.toContain(marker);

    expect((await revalidate(request)).changedFiles).toEqual([second!.file]);
    expect(await (await request.get(`/news/${second!.slug}`)).text()).toContain(marker);
  } finally {
    for (const { file, text } of originals) writeFileSync(file, text);
    await revalidate(request);
  }
});

test('a revalidation naming files badly gets a 400 that names the parameter', async ({
  request,
}) => {
  for (const data of [
    'not json',
    { files: 'news/a.mdx' },
    { files: ['../outside.mdx'] },
    { files: ['/etc/passwd'] },
    { files: [42] },
  ]) {
    const response = await request.post('/api/revalidate', { headers: REVALIDATE, data });
    expect(response.status(), JSON.stringify(data)).toBe(400);
    expect(((await response.json()) as { error: { parameter: string } }).error.parameter).toBe(
      'files',
    );
  }
});

test('a scheduled article goes public on its date, without a rebuild or another call', async ({
  request,
}) => {
  const slug = 'e2e-scheduled-soon';
  const file = path.join(CONTENT_DIR, `news/${TEMPORARY_PREFIX}scheduled-soon.mdx`);
  // A few seconds ahead: the server's publication timer, not a test clock, has to make it public.
  const date = new Date(Date.now() + 6_000);
  const title = 'Scheduled test story about wearable glucose alerts';
  writeFileSync(
    file,
    `---\n${stringify({
      title,
      slug,
      date: date.toISOString(),
      status: '',
      description: 'Written by the publishing test.',
      categories: ['Medigy: Telehealth'],
      categoryUrl: ['topic/medigy-telehealth'],
    })}---\nA story that becomes public a few seconds after it is written.\n`,
  );
  try {
    const result = await revalidate(request);
    expect(result.nextPublicationAt).toBe(date.toISOString());
    expect((await request.get(`/news/${slug}`)).status()).toBe(404);
    expect(await (await request.get('/news')).text()).not.toContain(title);

    await expect
      .poll(async () => (await request.get(`/news/${slug}`)).status(), { timeout: 20_000 })
      .toBe(200);
    expect(Date.now()).toBeGreaterThanOrEqual(date.getTime());
    expect(await (await request.get('/news')).text()).toContain(title);
    expect(await (await request.get('/topic/medigy-telehealth')).text()).toContain(title);
  } finally {
    rmSync(file, { force: true });
    await revalidate(request);
  }
  expect((await request.get(`/news/${slug}`)).status()).toBe(404);
});
