import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadContent, type ContentStore } from '@/lib/content/load';
import { formatProblem } from '@/lib/content/problems';
import { generateCorpus, type CorpusSummary } from '@/scripts/lib/corpus';

import { article, FAKE_JPEG, makeContentDir, mdx } from '../support/fixture';
import { renderBody } from '../support/render';

const EXAMPLE = 'b2d831a8-2014-5ece-b56a-f84557dfedc1.mdx';
/** The content contract's copy of the pipeline's example (docs/content.md). */
const DOCS_EXAMPLES = path.resolve(import.meta.dirname, '../../docs/examples');

describe('the pipeline example article', () => {
  const source = readFileSync(path.resolve(import.meta.dirname, '../../content/news', EXAMPLE), 'utf8');
  let store: ContentStore;
  let cleanup: () => void;

  beforeAll(async () => {
    const fixture = makeContentDir({ [`news/${EXAMPLE}`]: source });
    cleanup = fixture.cleanup;
    store = await loadContent(fixture.dir);
  });
  afterAll(() => cleanup());

  it('is bundled byte for byte as the pipeline wrote it', () => {
    expect(source).toBe(readFileSync(path.join(DOCS_EXAMPLES, 'news', EXAMPLE), 'utf8'));
    expect(source).toContain('Â£2 billion');
  });

  it('loads from docs/examples, the content contract\'s copy, with no error', async () => {
    const examples = await loadContent(DOCS_EXAMPLES);
    expect(examples.problems.filter((problem) => problem.severity === 'error').map(formatProblem)).toEqual([]);
    expect(examples.articles.map((loadedArticle) => loadedArticle.file)).toEqual([`news/${EXAMPLE}`]);
  });

  it('loads unedited, with its fields reshaped for the views', () => {
    const loaded = store.articlesBySlug.get(
      'healthcareitnews-uk-experts-welcome-englands-2-3b-plan-for-digital-health-and-social-care',
    );
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
        { slug: 'healthcare-it-news-digital-health', name: 'Healthcare IT News: Digital Health', label: 'Digital Health' },
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
    expect(loaded?.meta.openGraph.title).toBe("UK: Experts welcome England's $2.3B plan for digital health and social care");
    expect(loaded?.meta.openGraph.description).toMatch(/^England's plan for a "digital revolution"/);
    expect(loaded?.meta.openGraph.image).toBeNull();
    expect(loaded?.meta.twitter).toMatchObject({ card: null, title: "UK: Experts welcome England's $2.3B plan for digital health and social care" });
    expect(loaded?.meta.html).toEqual({ description: null, keywords: null, robots: null, author: null });
  });

  it('renders its body readably, with £ repaired and its paragraphs apart', () => {
    const html = renderBody(store.articles[0]!.body);
    expect(html).toContain('£2 billion ($2.37 billion)');
    expect(html).not.toContain('Â');
    expect(html.match(/<p>/g)).toHaveLength(5);
  });

  it('creates pages for its five offerings from the references alone', () => {
    const luscii = store.offerings.get('luscii-platform');
    expect(luscii).toMatchObject({ title: 'Luscii Platform', offeringId: 17551, hasProfile: false });
    expect(luscii?.topics.map((topic) => topic.label)).toEqual(['Remote Patient Monitoring', 'Digital Health']);
    expect(store.topics.get('healthcare-it-news-remote-patient-monitoring')).toMatchObject({ hasProfile: false });
  });

  it('reports its missing featured image, topics without files and offerings without profiles, each at its line', () => {
    const problems = store.problems.map(formatProblem);
    expect(problems).toContain(
      `news/${EXAMPLE}:41:9  warning  field "featuredImage.href": image "b2d831a8-2014-5ece-b56a-f84557dfedc1-featuredImage.jpeg" is not a file beside ${EXAMPLE}; a placeholder is shown`,
    );
    expect(problems).toContain(
      `news/${EXAMPLE}:16:5  warning  topic "Medigy: Social Care" has no file in topics/; its page /topic/medigy-social-care is built from the content that names it`,
    );
    expect(problems).toContain(
      `news/${EXAMPLE}:137:5  warning  offering "Luscii Platform" has no profile in offerings/; its page /offering/luscii-platform is built from this reference`,
    );
    expect(store.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    // The two topics it names, its five offerings, its image.
    expect(problems).toHaveLength(8);
  });
});

describe('loadContent on folders written to the contract', () => {
  const fixtures: Array<() => void> = [];
  afterAll(() => fixtures.forEach((cleanup) => cleanup()));
  async function load(files: Record<string, string | Buffer>) {
    const fixture = makeContentDir(files);
    fixtures.push(fixture.cleanup);
    return loadContent(fixture.dir);
  }

  it('reports a broken article with file and line, skips it, and loads the rest', async () => {
    const minimal = { title: 'Minimal', slug: 'minimal', date: '2024-01-01' };
    const store = await load({
      'news/a-good.mdx': mdx(article({ slug: 'good' })),
      'news/a-minimal.mdx': mdx(minimal),
      'news/b-no-title.mdx': mdx(article({ slug: 'no-title', title: undefined })),
      'news/c-bad-date.mdx': mdx(article({ slug: 'bad-date', date: '2024-02-31' })),
      'news/d-bad-slug.mdx': mdx(article({ slug: '../etc/passwd' })),
      'news/e-duplicate.mdx': mdx(article({ slug: 'good', title: 'Impostor' })),
      'news/f-status.mdx': mdx(article({ slug: 'typo-status', status: 'publshed' })),
      'news/g-empty.mdx': mdx(article({ slug: 'empty' }), ''),
    });
    expect([...store.articlesBySlug.keys()]).toEqual(['good', 'minimal']);
    expect(store.articlesBySlug.get('good')?.title).toBe('Sample story');
    const problems = store.problems.filter((problem) => problem.severity === 'error').map(formatProblem);
    expect(problems).toEqual([
      'news/b-no-title.mdx:2:1  error  field "title": is missing; the file is skipped',
      expect.stringMatching(/^news\/c-bad-date\.mdx:4:7 {2}error {2}field "date": "2024-02-31" is not an ISO 8601 date/),
      expect.stringMatching(/^news\/d-bad-slug\.mdx:3:7 {2}error {2}field "slug": must contain only letters/),
      'news/e-duplicate.mdx:3:7  error  slug "good" is already used by news/a-good.mdx; this article is skipped',
      expect.stringMatching(/^news\/f-status\.mdx:\d+:9 {2}error {2}field "status": expected '' \(published\) or 'draft', got "publshed"/),
      expect.stringMatching(/^news\/g-empty\.mdx:\d+:1 {2}error {2}the article has no body text/),
    ]);
  });

  it('serves only images that exist beside the file, and reports the rest', async () => {
    const store = await load({
      'news/with-image.mdx': mdx(article({ slug: 'with-image', featuredImage: { alt: 'Ward', href: 'ward.jpg', size: [630, 1200] } })),
      'news/ward.jpg': FAKE_JPEG,
      'news/missing.mdx': mdx(article({ slug: 'missing', featuredImage: { alt: 'Gone', href: 'gone.jpg' } })),
      'news/escape.mdx': mdx(article({ slug: 'escape', featuredImage: { href: '../offerings/secret.jpg' } })),
      'news/svg.mdx': mdx(article({ slug: 'svg', featuredImage: { href: 'logo.svg' } })),
      'news/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      'offerings/secret.jpg': FAKE_JPEG,
    });
    expect(store.articlesBySlug.get('with-image')?.image).toEqual({ src: '/media/news/ward.jpg', alt: 'Ward', width: 1200, height: 630 });
    for (const slug of ['missing', 'escape', 'svg']) expect(store.articlesBySlug.get(slug)?.image).toBeNull();
    expect([...store.assets.keys()]).toEqual(['news/ward.jpg']);
    expect(store.problems.filter((problem) => problem.message.includes('is not a file beside'))).toHaveLength(3);
  });

  it('builds topics from topic files and from the categories articles name', async () => {
    const store = await load({
      'topics/telehealth.mdx': mdx({ title: 'Telehealth', name: 'Medigy: Telehealth', slug: 'medigy-telehealth', description: 'Care at a distance.' }, 'Intro.'),
      'news/a.mdx': mdx(
        article({
          slug: 'a',
          categories: ['Medigy: Telehealth', 'Medigy: Population Health', 'Vendor News: Funding'],
          categoryUrl: ['topic/medigy-telehealth', 'topic/medigy-population-health'],
          categoryLabel: ['Telehealth', 'Population Health'],
        }),
      ),
    });
    expect(store.articles[0]?.topics).toEqual([
      { slug: 'medigy-telehealth', name: 'Medigy: Telehealth', label: 'Telehealth' },
      { slug: 'medigy-population-health', name: 'Medigy: Population Health', label: 'Population Health' },
      { slug: 'vendor-news-funding', name: 'Vendor News: Funding', label: 'Funding' },
    ]);
    expect(store.topics.get('medigy-telehealth')).toMatchObject({ hasProfile: true, description: 'Care at a distance.' });
    expect(store.topics.get('medigy-population-health')).toMatchObject({ hasProfile: false, body: null });
  });

  it('links references to offering profiles by permalink or offeringId, and builds pages for the rest', async () => {
    const store = await load({
      'offerings/luscii.mdx': mdx({ title: 'Luscii Platform', slug: 'luscii-platform', offeringId: 17551, vendor: 'Luscii', categories: ['Medigy: Telehealth'] }, 'Profile.'),
      'offerings/bare.mdx': mdx({ title: 'Bare', slug: 'bare' }, ''),
      'news/a.mdx': mdx(
        article({
          slug: 'a',
          relatedOfferings: [
            { label: 'Luscii', permalink: '/offering/luscii-platform', offeringId: 17551 },
            { label: 'Renamed Luscii', permalink: '/offering/old-luscii-slug', offeringId: 17551 },
            { label: 'CareBridge Companion', permalink: '/offering/carebridge-companion', categories: ['Medigy: Aging'], offeringId: 1 },
            { permalink: '/offering/no-label' },
          ],
        }),
      ),
    });
    expect(store.articles[0]?.offerings).toEqual(['luscii-platform', 'carebridge-companion']);
    expect(store.offerings.get('bare')).toMatchObject({ hasProfile: true, body: null, image: null, topics: [] });
    expect(store.offerings.get('carebridge-companion')).toMatchObject({
      title: 'CareBridge Companion',
      hasProfile: false,
      topics: [{ slug: 'medigy-aging', name: 'Medigy: Aging', label: 'Aging' }],
    });
    expect(store.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^news\/a\.mdx:\d+:\d+ {2}warning {2}offering "CareBridge Companion" has no profile/),
      expect.stringMatching(/^news\/a\.mdx:\d+:\d+ {2}warning {2}field "relatedOfferings\[3\]\.label": .*the reference is ignored$/),
    ]);
  });

  it('fails clearly when the folder does not exist', async () => {
    await expect(loadContent('/nonexistent/content')).rejects.toThrow(/Content folder "\/nonexistent\/content" does not exist/);
  });
});

describe('a generated corpus with hostile files', () => {
  let summary: CorpusSummary;
  let store: ContentStore;
  let cleanup: () => void;

  beforeAll(async () => {
    const fixture = makeContentDir({});
    cleanup = fixture.cleanup;
    summary = await generateCorpus({ dir: fixture.dir, articles: 40, hostile: true });
    store = await loadContent(fixture.dir);
  }, 120_000);
  afterAll(() => cleanup());

  it('skips exactly the hostile files that must be skipped, each with an error naming the file', () => {
    expect(summary.hostile.length).toBeGreaterThanOrEqual(10);
    for (const hostile of summary.hostile) {
      const errors = store.problems.filter((problem) => problem.file === hostile.file && problem.severity === 'error');
      const loaded = store.articles.find((loadedArticle) => loadedArticle.file === hostile.file);
      if (hostile.expect === 'skipped') {
        expect(loaded, `${hostile.file} should be skipped: ${hostile.why}`).toBeUndefined();
        expect(errors.length, `${hostile.file} should be reported`).toBeGreaterThan(0);
      } else if (!hostile.file.includes('emphasis')) {
        expect(loaded, `${hostile.file} should load: ${hostile.why}`).toBeDefined();
      }
    }
  });

  it('loads every ordinary article', () => {
    const loaded = new Set(store.articles.map((loadedArticle) => loadedArticle.slug));
    for (const slug of summary.publishedSlugs) {
      if (!slug.startsWith('hostile-emphasis')) expect(loaded.has(slug), slug).toBe(true);
    }
  });

  it('renders the injected markup of the script case harmlessly and keeps the words of the expression case', () => {
    const script = store.articles.find((loadedArticle) => loadedArticle.file === 'news/hostile-script.mdx')!;
    expect(renderBody(script.body)).not.toMatch(/<script|onerror|javascript:|<iframe/i);
    const expressions = store.articles.find((loadedArticle) => loadedArticle.file === 'news/hostile-mdx-expressions.mdx')!;
    expect(renderBody(expressions.body)).toContain('Price {sharply} higher');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('aliases', () => {
  let store: ContentStore;
  let cleanup: () => void;

  beforeAll(async () => {
    const fixture = makeContentDir({
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
    cleanup = fixture.cleanup;
    store = await loadContent(fixture.dir);
  });
  afterAll(() => cleanup());

  it('keeps safe site-relative aliases, normalised', () => {
    expect(store.articlesBySlug.get('a')?.aliases).toEqual(['/news/old-a', '/2021/07/old-a']);
    expect([...store.aliases]).toEqual([
      ['/news/old-a', 'a'],
      ['/2021/07/old-a', 'a'],
    ]);
    expect(store.articlesBySlug.get('b')?.aliases).toEqual([]);
  });

  it('reports every other alias with its file, line and reason', () => {
    const messages = store.problems.map(formatProblem);
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
    expect(messages).toContainEqual(expect.stringMatching(/^news\/b\.mdx:\d+:\d+ {2}warning .*"\/news\/old-a" is already an alias of \/news\/a/));
  });
});
