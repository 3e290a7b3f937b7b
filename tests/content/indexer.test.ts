/**
 * The indexer, from content folders written to the contract into the content database, read
 * back through the store: what loads, what is reshaped how, what is reported where, and what a
 * second run does when files change.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { indexContent } from '@/lib/content/indexer/index-content';
import { formatProblem, type ContentProblem } from '@/lib/content/problems';
import { openContentDb } from '@/lib/content/sqlite/connection';
import { SqliteIndexStore } from '@/lib/content/sqlite/index-store';
import type { Article } from '@/lib/content/types';
import { generateCorpus, type CorpusSummary } from '@/scripts/lib/corpus';

import {
  indexFixture,
  indexFolder,
  PREVIEW,
  READER,
  type IndexedFixture,
} from '../support/content-db';
import { article, FAKE_JPEG, makeContentDir, mdx } from '../support/fixture';
import { renderBody } from '../support/render';

const EXAMPLE = 'b2d831a8-2014-5ece-b56a-f84557dfedc1.mdx';
const EXAMPLE_SLUG =
  'healthcareitnews-uk-experts-welcome-englands-2-3b-plan-for-digital-health-and-social-care';
/** The content contract's copy of the pipeline's example (docs/content.md). */
const DOCS_EXAMPLES = path.resolve(import.meta.dirname, '../../docs/examples');

/** Every article the database holds, drafts and scheduled ones included, newest first. */
async function articles(fixture: IndexedFixture): Promise<Article[]> {
  const page = await fixture.store.articles(1, 1000, PREVIEW);
  return Promise.all(
    (page?.items ?? []).map(async (item) => (await fixture.store.article(item.slug, PREVIEW))!),
  );
}

const errorsOf = (problems: ContentProblem[]) =>
  problems.filter((problem) => problem.severity === 'error');

describe('the pipeline example article', () => {
  const source = readFileSync(
    path.resolve(import.meta.dirname, '../../content/news', EXAMPLE),
    'utf8',
  );
  let fixture: IndexedFixture;

  beforeAll(async () => {
    fixture = await indexFixture({ [`news/${EXAMPLE}`]: source });
  });
  afterAll(() => fixture.cleanup());

  it('is bundled byte for byte as the pipeline wrote it', () => {
    expect(source).toBe(readFileSync(path.join(DOCS_EXAMPLES, 'news', EXAMPLE), 'utf8'));
    expect(source).toContain('Â£2 billion');
  });

  it("indexes from docs/examples, the content contract's copy, with no error", async () => {
    const examples = await indexFolder(DOCS_EXAMPLES);
    try {
      expect(errorsOf(await examples.store.problems()).map(formatProblem)).toEqual([]);
      expect((await articles(examples)).map((item) => item.file)).toEqual([`news/${EXAMPLE}`]);
    } finally {
      await examples.cleanup();
    }
  });

  it('loads unedited, with its fields reshaped for the views', async () => {
    const loaded = await fixture.store.article(EXAMPLE_SLUG, PREVIEW);
    expect(loaded).toMatchObject({
      title: "UK: Experts Welcome England's $2.3B Plan for Digital Health and Social Care",
      publishedAt: '2022-07-14T00:00:00.000Z',
      modifiedAt: '2022-07-14T10:23:44.493Z',
      authors: [{ name: 'Athira Ravi', slug: 'athira-ravi' }],
      status: 'published',
      description: 'The plan includes annual digital maturity assessments across the NHS.',
      source: {
        name: 'Healthcare IT News',
        url: 'https://www.healthcareitnews.com/news/emea/uk-experts-welcome-englands-23b-plan-digital-health-and-social-care',
      },
      topics: [
        { slug: 'medigy-social-care', name: 'Medigy: Social Care', label: 'Social Care' },
        {
          slug: 'healthcare-it-news-digital-health',
          name: 'Healthcare IT News: Digital Health',
          label: 'Digital Health',
        },
      ],
      aliases: ['/news/uk-experts-welcome-englands-2-3b-plan-for-digital-health-and-social-care'],
      offerings: [
        'm-doc-smart-clinic',
        'luscii-platform',
        'bpaus-platform',
        'kaia-health-platform',
        'dynamicares-digital-recovery-platform',
      ],
      image: null,
    });
    expect(loaded?.meta.openGraph.title).toBe(
      "UK: Experts welcome England's $2.3B plan for digital health and social care",
    );
    expect(loaded?.meta.openGraph.description).toMatch(
      /^England's plan for a "digital revolution"/,
    );
    expect(loaded?.meta.openGraph.image).toBeNull();
    expect(loaded?.meta.twitter).toMatchObject({
      card: null,
      title: "UK: Experts welcome England's $2.3B plan for digital health and social care",
    });
    expect(loaded?.meta.html).toEqual({
      description: null,
      keywords: null,
      robots: null,
      author: null,
    });
  });

  it('renders its body readably, with £ repaired and its paragraphs apart', async () => {
    const html = renderBody((await fixture.store.article(EXAMPLE_SLUG, PREVIEW))!.body);
    expect(html).toContain('£2 billion ($2.37 billion)');
    expect(html).not.toContain('Â');
    expect(html.match(/<p>/g)).toHaveLength(5);
  });

  it('creates pages for its five offerings from the references alone', async () => {
    const luscii = await fixture.store.offering('luscii-platform', PREVIEW);
    expect(luscii).toMatchObject({ title: 'Luscii Platform', hasProfile: false });
    expect(luscii?.topics.map((topic) => topic.label)).toEqual([
      'Remote Patient Monitoring',
      'Digital Health',
    ]);
    expect(
      await fixture.store.topic('healthcare-it-news-remote-patient-monitoring', PREVIEW),
    ).toMatchObject({ hasProfile: false });
  });

  it('reports its missing featured image, topics without files and offerings without profiles, each at its line', async () => {
    const problems = (await fixture.store.problems()).map(formatProblem);
    expect(problems).toContain(
      `news/${EXAMPLE}:41:9  warning  field "featuredImage.href": image "b2d831a8-2014-5ece-b56a-f84557dfedc1-featuredImage.jpeg" is not a file beside ${EXAMPLE}; a placeholder is shown`,
    );
    expect(problems).toContain(
      `news/${EXAMPLE}:16:5  warning  topic "Medigy: Social Care" has no file in topics/; its page /topic/medigy-social-care is built from the content that names it`,
    );
    expect(problems).toContain(
      `news/${EXAMPLE}:137:5  warning  offering "Luscii Platform" has no profile in offerings/; its page /offering/luscii-platform is built from this reference`,
    );
    expect(errorsOf(await fixture.store.problems())).toEqual([]);
    // The two topics it names, its five offerings, its image.
    expect(problems).toHaveLength(8);
  });
});

describe('indexing folders written to the contract', () => {
  const fixtures: IndexedFixture[] = [];
  afterAll(() => Promise.all(fixtures.map((fixture) => fixture.cleanup())));
  async function index(files: Record<string, string | Buffer>) {
    const fixture = await indexFixture(files);
    fixtures.push(fixture);
    return fixture;
  }

  it('reports a broken article with file and line, skips it, and indexes the rest', async () => {
    const minimal = { title: 'Minimal', slug: 'minimal', date: '2024-01-01' };
    const fixture = await index({
      'news/a-good.mdx': mdx(article({ slug: 'good' })),
      'news/a-minimal.mdx': mdx(minimal),
      'news/b-no-title.mdx': mdx(article({ slug: 'no-title', title: undefined })),
      'news/c-bad-date.mdx': mdx(article({ slug: 'bad-date', date: '2024-02-31' })),
      'news/d-bad-slug.mdx': mdx(article({ slug: '../etc/passwd' })),
      'news/e-duplicate.mdx': mdx(article({ slug: 'good', title: 'Impostor' })),
      'news/f-status.mdx': mdx(article({ slug: 'typo-status', status: 'publshed' })),
      'news/g-empty.mdx': mdx(article({ slug: 'empty' }), ''),
    });
    expect((await articles(fixture)).map((item) => item.slug).sort()).toEqual(['good', 'minimal']);
    expect((await fixture.store.article('good', PREVIEW))?.title).toBe('Sample story');
    expect(errorsOf(await fixture.store.problems()).map(formatProblem)).toEqual([
      'news/b-no-title.mdx:2:1  error  field "title": is missing; the file is skipped',
      expect.stringMatching(
        /^news\/c-bad-date\.mdx:4:7 {2}error {2}field "date": "2024-02-31" is not an ISO 8601 date/,
      ),
      expect.stringMatching(
        /^news\/d-bad-slug\.mdx:3:7 {2}error {2}field "slug": must contain only letters/,
      ),
      'news/e-duplicate.mdx:3:7  error  slug "good" is already used by news/a-good.mdx; this article is skipped',
      expect.stringMatching(
        /^news\/f-status\.mdx:\d+:9 {2}error {2}field "status": expected '' \(published\) or 'draft', got "publshed"/,
      ),
      expect.stringMatching(/^news\/g-empty\.mdx:\d+:1 {2}error {2}the article has no body text/),
    ]);
  });

  it('indexes every file of a folder larger than one batch, in path order', async () => {
    // 850 articles: three batches of the indexer's 400, in path order. A broken one in the
    // second batch, and in the third one that claims a slug from the first.
    const name = (i: number) => `news/a${String(i).padStart(4, '0')}.mdx`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 850; i++) {
      files[name(i)] = mdx(article({ slug: `story-${i}`, title: `Story ${i}` }), `Body ${i}.`);
    }
    files[name(500)] = mdx(article({ slug: 'story-500', title: undefined }));
    files[name(840)] = mdx(article({ slug: 'story-1', title: 'Impostor' }), 'Body.');
    const fixture = await index(files);
    const slugs = (await articles(fixture)).map((item) => item.slug);
    expect(slugs).toHaveLength(848);
    expect(new Set(slugs)).toEqual(
      new Set(
        Array.from({ length: 850 }, (_, i) => `story-${i}`).filter(
          (slug) => slug !== 'story-500' && slug !== 'story-840',
        ),
      ),
    );
    expect((await fixture.store.article('story-849', PREVIEW))?.title).toBe('Story 849');
    expect((await fixture.store.article('story-1', PREVIEW))?.title).toBe('Story 1');
    expect(errorsOf(await fixture.store.problems()).map(formatProblem)).toEqual([
      'news/a0500.mdx:2:1  error  field "title": is missing; the file is skipped',
      'news/a0840.mdx:3:7  error  slug "story-1" is already used by news/a0001.mdx; this article is skipped',
    ]);
  }, 60_000);

  it('serves only images that exist beside the file, and reports the rest', async () => {
    const fixture = await index({
      'news/with-image.mdx': mdx(
        article({
          slug: 'with-image',
          featuredImage: { alt: 'Ward', href: 'ward.jpg', size: [630, 1200] },
        }),
      ),
      'news/ward.jpg': FAKE_JPEG,
      'news/nested.mdx': mdx(
        article({ slug: 'nested', featuredImage: { alt: 'Lab', href: 'photos/2024/lab.jpg' } }),
      ),
      'news/photos/2024/lab.jpg': FAKE_JPEG,
      'news/missing.mdx': mdx(
        article({ slug: 'missing', featuredImage: { alt: 'Gone', href: 'gone.jpg' } }),
      ),
      'news/escape.mdx': mdx(
        article({ slug: 'escape', featuredImage: { href: '../offerings/secret.jpg' } }),
      ),
      'news/svg.mdx': mdx(article({ slug: 'svg', featuredImage: { href: 'logo.svg' } })),
      'news/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      'offerings/secret.jpg': FAKE_JPEG,
    });
    expect((await fixture.store.article('with-image', PREVIEW))?.image).toEqual({
      src: '/media/news/ward.jpg',
      alt: 'Ward',
      width: 1200,
      height: 630,
    });
    for (const slug of ['missing', 'escape', 'svg'])
      expect((await fixture.store.article(slug, PREVIEW))?.image).toBeNull();
    expect((await fixture.store.article('nested', PREVIEW))?.image).toMatchObject({
      src: '/media/news/photos/2024/lab.jpg',
    });
    // The folder's listing finds the image where the file named it: nothing moved.
    expect(await fixture.reindex()).toMatchObject({ parsed: 0, changedFiles: [] });
    expect(await fixture.sql.all('SELECT key FROM assets ORDER BY key')).toEqual([
      { key: 'news/photos/2024/lab.jpg' },
      { key: 'news/ward.jpg' },
    ]);
    expect(await fixture.store.media('news/ward.jpg', PREVIEW)).toMatch(/news\/ward\.jpg$/);
    expect(await fixture.store.media('offerings/secret.jpg', PREVIEW)).toBeNull();
    expect(
      (await fixture.store.problems()).filter((problem) =>
        problem.message.includes('is not a file beside'),
      ),
    ).toHaveLength(3);
  });

  it('builds topics from topic files and from the categories articles name', async () => {
    const fixture = await index({
      'topics/telehealth.mdx': mdx(
        {
          title: 'Telehealth',
          name: 'Medigy: Telehealth',
          slug: 'medigy-telehealth',
          description: 'Care at a distance.',
        },
        'Intro.',
      ),
      'news/a.mdx': mdx(
        article({
          slug: 'a',
          categories: ['Medigy: Telehealth', 'Medigy: Population Health', 'Vendor News: Funding'],
          categoryUrl: ['topic/medigy-telehealth', 'topic/medigy-population-health'],
          categoryLabel: ['Telehealth', 'Population Health'],
        }),
      ),
    });
    expect((await fixture.store.article('a', PREVIEW))?.topics).toEqual([
      { slug: 'medigy-telehealth', name: 'Medigy: Telehealth', label: 'Telehealth' },
      {
        slug: 'medigy-population-health',
        name: 'Medigy: Population Health',
        label: 'Population Health',
      },
      { slug: 'vendor-news-funding', name: 'Vendor News: Funding', label: 'Funding' },
    ]);
    expect(await fixture.store.topic('medigy-telehealth', PREVIEW)).toMatchObject({
      hasProfile: true,
      description: 'Care at a distance.',
    });
    expect(await fixture.store.topic('medigy-population-health', PREVIEW)).toMatchObject({
      hasProfile: false,
      body: null,
    });
  });

  it('links references to offering profiles by permalink or offeringId, and builds pages for the rest', async () => {
    const fixture = await index({
      'offerings/luscii.mdx': mdx(
        {
          title: 'Luscii Platform',
          slug: 'luscii-platform',
          offeringId: 17551,
          vendor: 'Luscii',
          categories: ['Medigy: Telehealth'],
        },
        'Profile.',
      ),
      'offerings/bare.mdx': mdx({ title: 'Bare', slug: 'bare' }, ''),
      'news/a.mdx': mdx(
        article({
          slug: 'a',
          relatedOfferings: [
            { label: 'Luscii', permalink: '/offering/luscii-platform', offeringId: 17551 },
            { label: 'Renamed Luscii', permalink: '/offering/old-luscii-slug', offeringId: 17551 },
            {
              label: 'CareBridge Companion',
              permalink: '/offering/carebridge-companion',
              categories: ['Medigy: Aging'],
              offeringId: 1,
            },
            { permalink: '/offering/no-label' },
          ],
        }),
      ),
    });
    expect((await fixture.store.article('a', PREVIEW))?.offerings).toEqual([
      'luscii-platform',
      'carebridge-companion',
    ]);
    expect(await fixture.store.offering('bare', PREVIEW)).toMatchObject({
      hasProfile: true,
      body: null,
      image: null,
      topics: [],
    });
    expect(await fixture.store.offering('carebridge-companion', PREVIEW)).toMatchObject({
      title: 'CareBridge Companion',
      hasProfile: false,
      topics: [{ slug: 'medigy-aging', name: 'Medigy: Aging', label: 'Aging' }],
    });
    // In line order: the article's own topic has no file either (an offering naming it is no profile).
    expect((await fixture.store.problems()).map(formatProblem)).toEqual([
      expect.stringMatching(
        /^news\/a\.mdx:\d+:\d+ {2}warning {2}topic "Medigy: Telehealth" has no file in topics/,
      ),
      expect.stringMatching(
        /^news\/a\.mdx:\d+:\d+ {2}warning {2}offering "CareBridge Companion" has no profile/,
      ),
      expect.stringMatching(
        /^news\/a\.mdx:\d+:\d+ {2}warning {2}field "relatedOfferings\[3\]\.label": .*the reference is ignored$/,
      ),
    ]);
  });

  it('fails clearly when the folder does not exist', async () => {
    const { db } = openContentDb(':memory:', '/nonexistent/content');
    const index = new SqliteIndexStore(db);
    await expect(indexContent(index, '/nonexistent/content')).rejects.toThrow(
      /Content folder "\/nonexistent\/content" does not exist/,
    );
    db.close();
  });
});

describe('a generated corpus with hostile files', () => {
  let summary: CorpusSummary;
  let fixture: IndexedFixture;
  let loaded: Article[];
  let problems: ContentProblem[];

  beforeAll(async () => {
    const folder = makeContentDir({});
    summary = await generateCorpus({ dir: folder.dir, articles: 40, hostile: true });
    fixture = await indexFolder(folder.dir, folder.cleanup);
    loaded = await articles(fixture);
    problems = await fixture.store.problems();
  }, 120_000);
  afterAll(() => fixture.cleanup());

  it('skips exactly the hostile files that must be skipped, each with an error naming the file', () => {
    expect(summary.hostile.length).toBeGreaterThanOrEqual(10);
    for (const hostile of summary.hostile) {
      const errors = problems.filter(
        (problem) => problem.file === hostile.file && problem.severity === 'error',
      );
      const found = loaded.find((item) => item.file === hostile.file);
      if (hostile.expect === 'skipped') {
        expect(found, `${hostile.file} should be skipped: ${hostile.why}`).toBeUndefined();
        expect(errors.length, `${hostile.file} should be reported`).toBeGreaterThan(0);
      } else if (!hostile.file.includes('emphasis')) {
        expect(found, `${hostile.file} should load: ${hostile.why}`).toBeDefined();
      }
    }
  });

  it('indexes every ordinary article', () => {
    const slugs = new Set(loaded.map((item) => item.slug));
    for (const slug of summary.publishedSlugs) {
      if (!slug.startsWith('hostile-emphasis')) expect(slugs.has(slug), slug).toBe(true);
    }
  });

  it('renders the injected markup of the script case harmlessly and keeps the words of the expression case', () => {
    const script = loaded.find((item) => item.file === 'news/hostile-script.mdx')!;
    expect(renderBody(script.body)).not.toMatch(/<script|onerror|javascript:|<iframe/i);
    const expressions = loaded.find((item) => item.file === 'news/hostile-mdx-expressions.mdx')!;
    expect(renderBody(expressions.body)).toContain('Price {sharply} higher');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('aliases', () => {
  let fixture: IndexedFixture;

  beforeAll(async () => {
    fixture = await indexFixture({
      'topics/ai.mdx': mdx({ title: 'AI', name: 'Medigy: AI', slug: 'medigy-ai' }, ''),
      'news/a.mdx': mdx(
        article({
          slug: 'a',
          aliases: [
            '/news/old-a',
            '/2021/07/old-a/',
            'https://evil.example/phish',
            '//evil.example',
            'relative/path',
            '/news/*',
            '/news/old?x=1',
            '/news/../admin',
            '/news/a',
            '/news/b',
            '/topic/medigy-ai',
            '/news/page/2',
            '/api/search',
          ],
        }),
      ),
      'news/b.mdx': mdx(article({ slug: 'b', aliases: '/news/old-a' })),
    });
  });
  afterAll(() => fixture.cleanup());

  it('redirects safe site-relative aliases, normalised, to the article that claimed them first', async () => {
    expect(await fixture.store.aliasTarget('/news/old-a', PREVIEW)).toBe('a');
    expect(await fixture.store.aliasTarget('/2021/07/old-a', PREVIEW)).toBe('a');
    expect(await fixture.store.aliasTarget('/2021/07/old-a/', PREVIEW)).toBe('a');
    expect(await fixture.store.aliasTarget('https://evil.example/phish', PREVIEW)).toBeNull();
    expect((await fixture.store.article('a', PREVIEW))?.aliases).toEqual([
      '/news/old-a',
      '/2021/07/old-a',
      '/news/b',
      '/topic/medigy-ai',
    ]);
  });

  it('reports every other alias with its file, line and reason', async () => {
    const messages = (await fixture.store.problems()).map(formatProblem);
    const expected: Array<[string, RegExp]> = [
      ['https://evil.example/phish', /points off the site/],
      ['//evil.example', /points off the site/],
      ['relative/path', /must be a site-relative path/],
      ['/news/*', /must be a plain path/],
      ['/news/old?x=1', /must be a plain path/],
      ['/news/../admin', /must be a plain path/],
      ['/news/a', /own URL and would redirect to itself/],
      ['/news/b', /URL of an existing page/],
      ['/topic/medigy-ai', /URL of an existing page/],
      ['/news/page/2', /URL of an existing page/],
      ['/api/search', /URL of an existing page/],
    ];
    for (const [alias, reason] of expected) {
      const line = messages.find((message) => message.includes(`"${alias}"`));
      expect(line, alias).toMatch(/^news\/a\.mdx:\d+:\d+ {2}warning {2}field "aliases": /);
      expect(line, alias).toMatch(reason);
    }
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^news\/b\.mdx:\d+:\d+ {2}warning .*"\/news\/old-a" is already an alias of \/news\/a/,
      ),
    );
  });
});

describe('a second run', () => {
  let fixture: IndexedFixture;
  const write = (file: string, text: string) => writeFileSync(path.join(fixture.dir, file), text);

  beforeAll(async () => {
    fixture = await indexFixture({
      'topics/care.mdx': mdx({ title: 'Care', name: 'Medigy: Care', slug: 'medigy-care' }, ''),
      'news/a.mdx': mdx(
        article({ slug: 'a', categories: ['Medigy: Care'], categoryUrl: [], categoryLabel: [] }),
      ),
      'news/b.mdx': mdx(article({ slug: 'b', title: 'Second' })),
      'news/c.mdx': mdx(article({ slug: 'b', title: 'Duplicate of b' })),
    });
  });
  afterAll(() => fixture.cleanup());

  it('parses nothing when nothing changed, even when a file was only touched', async () => {
    expect(fixture.first.parsed).toBe(4);
    write('news/a.mdx', readFileSync(path.join(fixture.dir, 'news/a.mdx'), 'utf8'));
    expect(await fixture.reindex()).toMatchObject({ parsed: 0, changedFiles: [], touches: [] });
  });

  it('parses only a changed file, and names the pages it showed on before and after', async () => {
    write(
      'news/b.mdx',
      mdx(
        article({
          slug: 'b',
          title: 'Second, corrected',
          categories: ['Medigy: Other'],
          categoryUrl: ['topic/medigy-other'],
        }),
      ),
    );
    const result = await fixture.reindex();
    expect(result).toMatchObject({ parsed: 1, changedFiles: ['news/b.mdx'] });
    expect(result.touches).toEqual([
      expect.objectContaining({ kind: 'article', slug: 'b', topics: ['medigy-telehealth'] }),
      expect.objectContaining({ kind: 'article', slug: 'b', topics: ['medigy-other'] }),
    ]);
    expect((await fixture.store.article('b', PREVIEW))?.title).toBe('Second, corrected');
  });

  it('gives a slug to the next file that names it when its owner goes', async () => {
    rmSync(path.join(fixture.dir, 'news/b.mdx'));
    const result = await fixture.reindex();
    expect(result.changedFiles).toEqual(['news/b.mdx']);
    expect((await fixture.store.article('b', PREVIEW))?.title).toBe('Duplicate of b');
    expect(
      (await fixture.store.problems()).filter((problem) =>
        problem.message.includes('already used'),
      ),
    ).toEqual([]);
  });

  it('relinks the articles that name a topic when its profile changes', async () => {
    expect((await fixture.store.article('a', PREVIEW))?.topics).toEqual([
      { slug: 'medigy-care', name: 'Medigy: Care', label: 'Care' },
    ]);
    write(
      'topics/care.mdx',
      mdx({ title: 'Care at home', name: 'Medigy: Care', slug: 'medigy-care' }, ''),
    );
    const result = await fixture.reindex();
    expect(result.parsed).toBe(1);
    expect((await fixture.store.article('a', PREVIEW))?.topics).toEqual([
      { slug: 'medigy-care', name: 'Medigy: Care', label: 'Care at home' },
    ]);
    expect(result.touches).toContainEqual(expect.objectContaining({ kind: 'article', slug: 'a' }));
  });

  it('links a file the same from its first parse as, relinked later, from the database', async () => {
    // YAML's .nan, which JSON (the database's form of a parse) holds as null.
    const ref = { label: 'Glucose Pump', offeringId: Number.NaN };
    write(
      'news/n.mdx',
      mdx(
        article({
          slug: 'n',
          categories: ['Medigy: Care'],
          categoryUrl: [],
          relatedOfferings: [ref],
        }),
      ),
    );
    expect(readFileSync(path.join(fixture.dir, 'news/n.mdx'), 'utf8')).toContain(
      'offeringId: .nan',
    );
    await fixture.reindex();
    const ownProblems = async () =>
      (await fixture.store.problems()).filter((problem) => problem.file === 'news/n.mdx');
    expect((await fixture.store.article('n', PREVIEW))?.offerings).toEqual(['glucose-pump']);
    const problems = await ownProblems();
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('"Glucose Pump" has no profile'),
    ]);

    write(
      'topics/care.mdx',
      mdx({ title: 'Care, renamed', name: 'Medigy: Care', slug: 'medigy-care' }, ''),
    );
    const result = await fixture.reindex();
    expect(result.changedFiles).toEqual(['topics/care.mdx']);
    expect(result.touches).toContainEqual(expect.objectContaining({ kind: 'article', slug: 'n' }));
    expect((await fixture.store.article('n', PREVIEW))?.offerings).toEqual(['glucose-pump']);
    expect(await ownProblems()).toEqual(problems);
  });

  it('indexes a file whose featured image appears later, though its text did not change', async () => {
    write('news/d.mdx', mdx(article({ slug: 'd', featuredImage: { href: 'late.jpg' } })));
    await fixture.reindex();
    expect((await fixture.store.article('d', PREVIEW))?.image).toBeNull();
    write('news/late.jpg', FAKE_JPEG.toString('binary'));
    expect(await fixture.reindex()).toMatchObject({ parsed: 1, changedFiles: ['news/d.mdx'] });
    expect((await fixture.store.article('d', PREVIEW))?.image).toMatchObject({
      src: '/media/news/late.jpg',
    });
  });

  it("moves a topic that only an article names to that article's new date", async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();
    const schedule = (offset: number) =>
      write(
        'news/e.mdx',
        mdx(
          article({
            slug: 'e',
            date: day(offset).slice(0, 10),
            categories: ['Medigy: Later'],
            categoryUrl: ['topic/medigy-later'],
            categoryLabel: ['Later'],
          }),
        ),
      );
    const readersFind = async () =>
      (
        await fixture.store.search(
          { q: 'later', type: 'topic', topic: null, page: 1, limit: 10 },
          READER,
        )
      ).hits.map((hit) => hit.slug);
    schedule(30);
    await fixture.reindex();
    expect(await readersFind()).toEqual([]);
    schedule(-30);
    await fixture.reindex();
    expect(await readersFind()).toEqual(['medigy-later']);
    schedule(30);
    await fixture.reindex();
    expect(await readersFind()).toEqual([]);
  });

  it('gives a topic that articles only named its profile when one is added later', async () => {
    const findTopic = async () =>
      (
        await fixture.store.search(
          { q: 'telehealth', type: 'topic', topic: null, page: 1, limit: 10 },
          PREVIEW,
        )
      ).hits.map((hit) => [hit.slug, hit.title]);
    expect(await findTopic()).toEqual([['medigy-telehealth', 'Telehealth']]);
    write(
      'topics/telehealth.mdx',
      mdx(
        {
          title: 'Telehealth and virtual care',
          name: 'Medigy: Telehealth',
          slug: 'medigy-telehealth',
        },
        '',
      ),
    );
    expect(await fixture.reindex()).toMatchObject({ changedFiles: ['topics/telehealth.mdx'] });
    expect(await findTopic()).toEqual([['medigy-telehealth', 'Telehealth and virtual care']]);
  });
});

describe('a run over the files a caller names', () => {
  let fixture: IndexedFixture;
  const write = (file: string, text: string) => writeFileSync(path.join(fixture.dir, file), text);

  beforeAll(async () => {
    fixture = await indexFixture({
      'news/a.mdx': mdx(article({ slug: 'a', title: 'First' })),
      'news/b.mdx': mdx(article({ slug: 'b', title: 'Second' })),
      'news/c.mdx': mdx(article({ slug: 'c', title: 'Third' })),
    });
  });
  afterAll(() => fixture.cleanup());

  it('reads only those files, and leaves other changes to a later run', async () => {
    write('news/a.mdx', mdx(article({ slug: 'a', title: 'First, corrected' })));
    write('news/b.mdx', mdx(article({ slug: 'b', title: 'Second, corrected' })));
    const named = await fixture.reindex({ files: ['news/a.mdx'] });
    expect(named).toMatchObject({ parsed: 1, changedFiles: ['news/a.mdx'] });
    expect(named.touches).toContainEqual(expect.objectContaining({ kind: 'article', slug: 'a' }));
    expect((await fixture.store.article('a', PREVIEW))?.title).toBe('First, corrected');
    expect((await fixture.store.article('b', PREVIEW))?.title).toBe('Second');

    expect(await fixture.reindex()).toMatchObject({ parsed: 1, changedFiles: ['news/b.mdx'] });
    expect((await fixture.store.article('b', PREVIEW))?.title).toBe('Second, corrected');
  });

  it('removes a named file that is gone, and ignores one it never knew', async () => {
    rmSync(path.join(fixture.dir, 'news/c.mdx'));
    const result = await fixture.reindex({ files: ['news/c.mdx', 'news/never.mdx'] });
    expect(result.changedFiles).toEqual(['news/c.mdx']);
    expect(await fixture.store.article('c', PREVIEW)).toBeNull();
  });

  it('parses nothing for a named file whose bytes did not change', async () => {
    write('news/a.mdx', readFileSync(path.join(fixture.dir, 'news/a.mdx'), 'utf8'));
    expect(await fixture.reindex({ files: ['news/a.mdx'] })).toMatchObject({
      parsed: 0,
      changedFiles: [],
    });
  });
});

describe('author profiles', () => {
  let fixture: IndexedFixture;
  const write = (file: string, text: string) => writeFileSync(path.join(fixture.dir, file), text);
  const bylines = async (slug: string) => (await fixture.store.article(slug, PREVIEW))?.authors;

  beforeAll(async () => {
    fixture = await indexFixture({
      'news/a.mdx': mdx(article({ slug: 'a', author: ['Athira  Ravi', 'Dana Reyes'] })),
      'news/b.mdx': mdx(article({ slug: 'b', author: ['athira ravi'] })),
      'authors/nameless.mdx': mdx({ name: '—' }, ''),
    });
  });
  afterAll(() => fixture.cleanup());

  it('links a byline without a profile to a page under its name', async () => {
    expect(await bylines('a')).toEqual([
      { name: 'Athira Ravi', slug: 'athira-ravi' },
      { name: 'Dana Reyes', slug: 'dana-reyes' },
    ]);
  });

  it('reports a profile whose name makes no slug, at its name, and skips it', async () => {
    expect((await fixture.store.problems()).map(formatProblem)).toContain(
      'authors/nameless.mdx:2:7  error  field "slug": the name "—" makes no slug; give the profile a slug; the file is skipped',
    );
  });

  it('moves the bylines of that name to a new profile, under the slug it gives', async () => {
    write(
      'authors/athira.mdx',
      mdx({ name: 'Athira Ravi', slug: 'athira', role: 'Correspondent' }, 'Writes about the NHS.'),
    );
    const result = await fixture.reindex();
    expect(result.parsed).toBe(1);
    expect(await bylines('b')).toEqual([{ name: 'athira ravi', slug: 'athira' }]);
    expect(result.touches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'author', slug: 'athira' }),
        expect.objectContaining({
          kind: 'article',
          slug: 'a',
          authors: ['athira-ravi', 'dana-reyes'],
        }),
        expect.objectContaining({ kind: 'article', slug: 'a', authors: ['athira', 'dana-reyes'] }),
        expect.objectContaining({ kind: 'article', slug: 'b', authors: ['athira'] }),
      ]),
    );
  });

  it('touches only the profile when what changed shows only on its page', async () => {
    write(
      'authors/athira.mdx',
      mdx({ name: 'Athira Ravi', slug: 'athira', role: 'Editor' }, 'Writes about the NHS.'),
    );
    const result = await fixture.reindex();
    expect(result.touches.map((touch) => touch.kind)).toEqual(['author', 'author']);
    expect((await fixture.store.author('athira', PREVIEW))?.role).toBe('Editor');
  });

  it('gives the bylines their own pages back when the profile goes', async () => {
    rmSync(path.join(fixture.dir, 'authors/athira.mdx'));
    await fixture.reindex();
    expect(await bylines('b')).toEqual([{ name: 'athira ravi', slug: 'athira-ravi' }]);
    expect(await fixture.store.author('athira', PREVIEW)).toBeNull();
    expect(await fixture.store.author('athira-ravi', PREVIEW)).toMatchObject({
      name: 'Athira Ravi',
      hasProfile: false,
    });
  });
});

describe('neighbours in a topic', () => {
  let fixture: IndexedFixture;
  const care = {
    categories: ['Medigy: Care'],
    categoryUrl: ['topic/medigy-care'],
    categoryLabel: ['Care'],
  };
  const day = (n: number) => `2026-01-0${n}`;

  beforeAll(async () => {
    fixture = await indexFixture({
      'news/one.mdx': mdx(article({ slug: 'one', date: day(1), ...care })),
      'news/two.mdx': mdx(article({ slug: 'two', date: day(2), ...care })),
      'news/draft.mdx': mdx(article({ slug: 'draft', date: day(3), status: 'draft', ...care })),
      'news/four.mdx': mdx(article({ slug: 'four', date: day(4), ...care })),
      'news/five.mdx': mdx(article({ slug: 'five', date: day(5), ...care })),
    });
  });
  afterAll(() => fixture.cleanup());

  it('are the public articles just newer and older in each topic, found from a position alone', async () => {
    const at = (slug: string, date: string) => ({
      slug,
      topics: ['medigy-care'],
      publishedAt: `${date}T00:00:00.000Z`,
      modifiedAt: `${date}T00:00:00.000Z`,
    });
    const now = Date.parse('2026-06-01');
    expect((await fixture.store.neighbours([at('two', day(2))], now)).sort()).toEqual([
      'four',
      'one',
    ]);
    // A position no article holds any more (a removed one) has neighbours too; drafts are not among them.
    expect((await fixture.store.neighbours([at('gone', day(3))], now)).sort()).toEqual([
      'four',
      'two',
    ]);
    expect(await fixture.store.neighbours([at('five', day(5))], now)).toEqual(['four']);
  });

  it('link each article to the public stories either side of it in its first topic', async () => {
    const adjacent = await fixture.store.adjacentInTopic('four', {
      preview: false,
      now: Date.parse('2026-06-01'),
    });
    expect([adjacent?.topic.slug, adjacent?.newer?.slug, adjacent?.older?.slug]).toEqual([
      'medigy-care',
      'five',
      'two',
    ]);
  });
});
