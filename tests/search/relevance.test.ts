import { describe, expect, it } from 'vitest';

import { oneEditAway, withinOneEdit } from '@/lib/search/plan';
import { EMPTY_QUERY } from '@/lib/search/query';
import type { Highlighted, SearchQuery, SearchResponse } from '@/lib/search/types';

import { engineUnderTest, type TestDocument } from '../support/search-engine';

const createSearchEngine = await engineUnderTest();

type SearchDocument = TestDocument;
/** Drafts and scheduled articles too (an editor's preview), judged at `now`. */
interface SearchOptions {
  includeUnpublished?: boolean;
  now?: Date;
}
const viewOf = (options: SearchOptions) => ({
  preview: options.includeUnpublished ?? false,
  now: (options.now ?? NOW).getTime(),
});

const DAY = 86_400_000;
const NOW = new Date('2026-01-15T12:00:00Z');

const telehealth = { slug: 'telehealth', name: 'Medigy: Telehealth', label: 'Telehealth' };
const diabetes = { slug: 'diabetes', name: 'Medigy: Diabetes', label: 'Diabetes' };

function doc(slug: string, fields: Partial<SearchDocument> = {}): SearchDocument {
  const type = fields.type ?? 'article';
  return {
    id: `${type}:${slug}`,
    type,
    slug,
    url: `/${type}/${slug}`,
    title: `Story ${slug}`,
    keywords: '',
    summary: '',
    body: 'Filler text about hospitals and staff.',
    topics: [],
    publishedAt: type === 'article' ? '2026-01-01T00:00:00.000Z' : null,
    detail: null,
    publicFrom: NOW.getTime() - 30 * DAY,
    ...fields,
  };
}

function run(
  documents: SearchDocument[],
  query: Partial<SearchQuery>,
  options: SearchOptions = {},
): Promise<SearchResponse> {
  return createSearchEngine(documents).search({ ...EMPTY_QUERY, ...query }, viewOf(options));
}

async function slugs(
  documents: SearchDocument[],
  query: Partial<SearchQuery>,
  options?: SearchOptions,
): Promise<string[]> {
  return (await run(documents, query, options)).hits.map((hit) => hit.slug);
}

/** `[marked]` words, to compare highlights as text. */
function marked(segments: Highlighted): string {
  return segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');
}

describe('ranking', () => {
  it('puts a title match above a body match, however often the body repeats the word', async () => {
    const documents = [
      doc('body', { title: 'Hospital news', body: 'Glucose sensors. Glucose data. More glucose.' }),
      doc('title', { title: 'Glucose sensor approved', body: 'The device was approved.' }),
    ];
    expect(await slugs(documents, { q: 'glucose' })).toEqual(['title', 'body']);
  });

  it('ranks the word itself above longer words that start with it', async () => {
    const documents = [
      doc('longer', { title: 'Caregiver apps', body: 'Caregivers use apps.' }),
      doc('exact', { title: 'Care apps', body: 'Care teams use apps.' }),
    ];
    expect(await slugs(documents, { q: 'care' })).toEqual(['exact', 'longer']);
  });

  it('tolerates one typo: a wrong, missing, extra or swapped letter', async () => {
    const documents = [
      doc('diabetes', { title: 'Diabetes programme expands' }),
      doc('telehealth', { title: 'Telehealth parity bill' }),
      doc('other', { title: 'Cybersecurity budget' }),
    ];
    for (const q of ['diabetis', 'diabtes', 'diabettes', 'idabetes']) {
      expect(await slugs(documents, { q }), q).toEqual(['diabetes']);
    }
    expect(await slugs(documents, { q: 'teleheatlh' })).toEqual(['telehealth']);
    expect(await slugs(documents, { q: 'telehealth parity bil' })).toEqual(['telehealth']);
  });

  it('corrects a four-letter word whose first letters are swapped or changed', async () => {
    // Few letters share few trigrams: the candidates must still be found (PostgreSQL).
    const documents = [doc('care', { title: 'Care apps', body: 'Apps.' })];
    for (const q of ['acre', 'cure', 'carw']) {
      expect(await slugs(documents, { q: `${q} apps` }), q).toEqual(['care']);
    }
  });

  it('does not stretch to two typos, or to typos in short words', async () => {
    const documents = [
      doc('diabetes', { title: 'Diabetes programme' }),
      doc('app', { title: 'An app' }),
    ];
    expect(await slugs(documents, { q: 'diabtis' })).toEqual([]);
    expect(await slugs(documents, { q: 'apq' })).toEqual([]);
  });

  it('matches the last word as a prefix while the reader is typing it', async () => {
    const documents = [
      doc('monitoring', { title: 'Remote monitoring for heart failure' }),
      doc('telemedicine', { title: 'Telemedicine in rural clinics' }),
    ];
    expect(await slugs(documents, { q: 'telem' })).toEqual(['telemedicine']);
    expect(await slugs(documents, { q: 'remote moni' })).toEqual(['monitoring']);
    // Only the last word: an earlier one must be whole.
    expect(await slugs(documents, { q: 'remo monitoring' })).toEqual([]);
  });

  it('puts the exact phrase above the same words scattered', async () => {
    const documents = [
      doc('scattered', {
        body: 'Patient groups praised the remote clinics, and monitoring will follow next year.',
      }),
      doc('phrase', {
        body: 'Groups praised the clinics, and remote patient monitoring will follow next year.',
      }),
    ];
    expect(await slugs(documents, { q: 'remote patient monitoring' })).toEqual([
      'phrase',
      'scattered',
    ]);
    expect(await slugs(documents, { q: 'monitoring patient remote' })).toEqual([
      'scattered',
      'phrase',
    ]);
  });

  it('counts a phrase whose last word is still being typed', async () => {
    const documents = [
      doc('scattered', { body: 'Monitoring of the patient, remote from the ward.' }),
      doc('phrase', { body: 'The ward started remote patient monitoring last year.' }),
    ];
    expect(await slugs(documents, { q: 'remote patient moni' })).toEqual(['phrase', 'scattered']);
  });

  it('boosts a phrase in the title above the same phrase in the body', async () => {
    const documents = [
      doc('body', {
        title: 'Virtual wards',
        body: 'A story about digital front doors for hospitals.',
      }),
      doc('title', {
        title: 'Digital front door for hospitals',
        body: 'Virtual wards and more, front to back.',
      }),
    ];
    expect(await slugs(documents, { q: 'digital front door' })).toEqual(['title', 'body']);
  });

  it('needs every word, except common ones such as "the"', async () => {
    const documents = [
      doc('both', { title: 'Telehealth for diabetes' }),
      doc('one', { title: 'Telehealth budgets' }),
    ];
    expect(await slugs(documents, { q: 'telehealth diabetes' })).toEqual(['both']);
    expect((await slugs(documents, { q: 'the telehealth' })).sort()).toEqual(['both', 'one']);
    expect(await slugs(documents, { q: 'for' })).toEqual(['both']);
  });

  it('folds case, accents and possessives', async () => {
    const documents = [doc('zurich', { title: "Zürich's hospitals go digital" })];
    expect(await slugs(documents, { q: 'ZURICH' })).toEqual(['zurich']);
    expect(await slugs(documents, { q: 'zürich hospitals' })).toEqual(['zurich']);
  });

  it('finds offerings by vendor and topics by name', async () => {
    const documents = [
      doc('luscii', {
        type: 'offering',
        title: 'Luscii Platform',
        keywords: 'Luscii Remote Monitoring',
      }),
      doc('medigy-telehealth', {
        type: 'topic',
        title: 'Telehealth',
        keywords: 'Medigy: Telehealth',
      }),
    ];
    expect(await slugs(documents, { q: 'luscii' })).toEqual(['luscii']);
    expect(await slugs(documents, { q: 'medigy' })).toEqual(['medigy-telehealth']);
  });
});

describe('filters, counts and pages', () => {
  const documents = [
    doc('a1', { title: 'Sensor news one', topics: [telehealth] }),
    doc('a2', { title: 'Sensor news two', topics: [telehealth, diabetes] }),
    doc('a3', { title: 'Sensor news three', topics: [diabetes] }),
    doc('o1', { type: 'offering', title: 'Sensor kit', topics: [diabetes] }),
    doc('t1', { type: 'topic', title: 'Sensors', topics: [] }),
    doc('x', { title: 'Unrelated' }),
  ];

  it('counts matches per type and per topic', async () => {
    const response = await run(documents, { q: 'sensor' });
    expect(response.total).toBe(5);
    expect(response.counts.type).toEqual({ article: 3, offering: 1, topic: 1 });
    expect(response.counts.topic).toEqual([
      { slug: 'diabetes', label: 'Diabetes', count: 3 },
      { slug: 'telehealth', label: 'Telehealth', count: 2 },
    ]);
  });

  it('filters by type, counting topics within the type and types across all', async () => {
    const response = await run(documents, { q: 'sensor', type: 'offering' });
    expect(response.hits.map((hit) => hit.slug)).toEqual(['o1']);
    expect(response.total).toBe(1);
    expect(response.counts.type).toEqual({ article: 3, offering: 1, topic: 1 });
    expect(response.counts.topic).toEqual([{ slug: 'diabetes', label: 'Diabetes', count: 1 }]);
  });

  it('filters by topic, counting types within the topic', async () => {
    const response = await run(documents, { q: 'sensor', topic: 'diabetes' });
    expect(response.hits.map((hit) => hit.slug).sort()).toEqual(['a2', 'a3', 'o1']);
    expect(response.counts.type).toEqual({ article: 2, offering: 1, topic: 0 });
  });

  it('answers an unknown topic with nothing rather than an error', async () => {
    const response = await run(documents, { q: 'sensor', topic: 'no-such-topic' });
    expect(response).toMatchObject({ total: 0, hits: [], pageCount: 0 });
  });

  it('pages through every match once, in rank order', async () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      doc(`story-${i}`, { title: `Wearable ${'wearable '.repeat(i % 5)}update ${i}` }),
    );
    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) => run(many, { q: 'wearable', page, limit: 10 })),
    );
    expect(pages.map((page) => page.hits.length)).toEqual([10, 10, 5, 0]);
    expect(pages.every((page) => page.total === 25 && page.pageCount === 3)).toBe(true);
    const seen = pages.flatMap((page) => page.hits.map((hit) => hit.slug));
    expect(new Set(seen).size).toBe(25);
    const all = await run(many, { q: 'wearable', limit: 50 });
    expect(seen).toEqual(all.hits.map((hit) => hit.slug));
  });

  it('keeps the rank order on pages past the best few hundred', async () => {
    // Same length, the word once more in each: the more, the higher (below the 255 cap).
    const count = 250;
    const many = Array.from({ length: count }, (_, i) =>
      doc(`d${i + 1}`, { body: `${'wearable '.repeat(i + 1)}${'filler '.repeat(count - i)}` }),
    );
    const engine = createSearchEngine(many);
    const pages = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        engine.search({ ...EMPTY_QUERY, q: 'wearable', limit: 50, page: i + 1 }, viewOf({})),
      ),
    );
    const expected = Array.from({ length: count }, (_, i) => `d${count - i}`);
    expect(pages.flatMap((page) => page.hits.map((hit) => hit.slug))).toEqual(expected);
  });
});

describe('a query that matches more than the engine ranks', () => {
  // Twelve articles a day apart, newest d12, and three offerings; windows of 5 and 2.
  const documents = [
    ...Array.from({ length: 12 }, (_, i) =>
      doc(`d${i + 1}`, {
        title: i % 3 === 0 ? `Sensor news ${i + 1}` : `Update ${i + 1}`,
        body: `A sensor story. ${'Filler. '.repeat(i)}`,
        publishedAt: new Date(NOW.getTime() - (40 - i) * DAY).toISOString(),
        topics: i % 2 === 0 ? [telehealth] : [diabetes],
      }),
    ),
    ...['o1', 'o2', 'o3'].map((slug) => doc(slug, { type: 'offering', title: `Sensor ${slug}` })),
  ];
  const engine = createSearchEngine(documents, { articles: 5, others: 2 });
  const search = (query: Partial<SearchQuery>) =>
    engine.search({ ...EMPTY_QUERY, ...query }, viewOf({}));

  it('ranks the newest matching articles, and says its total and counts are estimates', async () => {
    const response = await search({ q: 'sensor', limit: 7 });
    expect(response.exact).toBe(false);
    // The window holds d8 to d12 (5 of 12 articles) and 2 of 3 offerings: scaled up, 12 and 3.
    expect(response.counts.type).toEqual({ article: 12, offering: 3, topic: 0 });
    expect(response.total).toBe(15);
    expect(response.hits.slice(0, 5).map((hit) => hit.slug)).toContain('d10');
    expect(response.hits.map((hit) => hit.slug)).not.toContain('d1');
  });

  it('goes on past the ranked window with older matching articles, newest first, each once', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((page) => search({ q: 'sensor', limit: 7, page })),
    );
    const seen = pages.flatMap((page) => page.hits.map((hit) => hit.slug));
    expect(seen.slice(7)).toEqual(['d7', 'd6', 'd5', 'd4', 'd3', 'd2', 'd1']);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('counts exactly what fits the window', async () => {
    const response = await search({ q: 'sensor', topic: 'telehealth', type: 'article' });
    // Six articles in the topic, the newest five ranked: still more than the window.
    expect(response.exact).toBe(false);
    const narrow = await search({ q: 'news' });
    expect(narrow).toMatchObject({ exact: true, total: 4 });
    expect(narrow.hits.map((hit) => hit.slug)).toEqual(
      expect.arrayContaining(['d1', 'd4', 'd7', 'd10']),
    );
  });
});

describe('visibility', () => {
  const documents = [
    doc('live', { title: 'Vaccine registry live' }),
    doc('draft', { title: 'Vaccine registry draft', publicFrom: null }),
    doc('scheduled', { title: 'Vaccine registry scheduled', publicFrom: NOW.getTime() + DAY }),
    doc('stub', {
      type: 'offering',
      title: 'Vaccine tracker',
      publicFrom: 0,
      namedBy: ['scheduled'],
    }),
    doc('orphan', {
      type: 'offering',
      title: 'Vaccine ledger',
      publicFrom: 0,
      namedBy: ['gone'],
    }),
  ];

  it('shows readers neither drafts nor scheduled articles, nor what exists only through them', async () => {
    expect(await slugs(documents, { q: 'vaccine' })).toEqual(['live']);
  });

  it('shows a scheduled article, and what it names, from its date on without a rebuild', async () => {
    const engine = createSearchEngine(documents);
    const later = new Date(NOW.getTime() + 2 * DAY);
    const hits = (await engine.search({ ...EMPTY_QUERY, q: 'vaccine' }, viewOf({ now: later })))
      .hits;
    expect(hits.map((hit) => hit.slug).sort()).toEqual(['live', 'scheduled', 'stub']);
  });

  it('shows everything to an editor previewing unpublished work', async () => {
    const found = await slugs(documents, { q: 'vaccine' }, { includeUnpublished: true });
    expect(found.sort()).toEqual(['draft', 'live', 'orphan', 'scheduled', 'stub']);
  });

  it('counts only what the reader may see', async () => {
    const response = await run(documents, { q: 'vaccine' });
    expect(response.total).toBe(1);
    expect(response.counts.type).toEqual({ article: 1, offering: 0, topic: 0 });
  });
});

describe('snippets and highlights', () => {
  const long = `${'Opening words about budgets. '.repeat(20)}The new insulin pump connects to a phone app, and the pump reports doses. ${'Closing words about staffing. '.repeat(20)}`;

  it('cuts a passage around the matches and marks each matching word', async () => {
    const [hit] = (await run([doc('pump', { body: long })], { q: 'insulin pump' })).hits;
    const text = marked(hit!.snippet);
    expect(text).toMatch(/^…/);
    expect(text).toMatch(/…$/);
    expect(text).toContain(
      'The new [insulin] [pump] connects to a phone app, and the [pump] reports doses.',
    );
    expect(text.length).toBeLessThan(220);
  });

  it('marks the title, prefixes and corrected typos included', async () => {
    const documents = [doc('t', { title: 'Telehealth parity for rural clinics' })];
    const [prefix] = (await run(documents, { q: 'rural tele' })).hits;
    expect(marked(prefix!.titleHighlight)).toBe('[Telehealth] parity for [rural] clinics');
    const [typo] = (await run(documents, { q: 'clinisc' })).hits;
    expect(marked(typo!.titleHighlight)).toBe('Telehealth parity for rural [clinics]');
  });

  it('prefers a matching summary, and falls back to its start when only the title matched', async () => {
    const documents = [
      doc('s', { title: 'Pump recall', summary: 'A short summary of the recall.', body: long }),
    ];
    const [bySummary] = (await run(documents, { q: 'recall' })).hits;
    expect(marked(bySummary!.snippet)).toBe('A short summary of the [recall].');
    const [byTitle] = (await run(documents, { q: 'pump recall' })).hits;
    expect(marked(byTitle!.snippet)).toContain('[recall]');
    const [plain] = (
      await run([doc('p', { title: 'Pump', summary: 'Nothing else.' })], { q: 'pump' })
    ).hits;
    expect(plain!.snippet).toEqual([{ text: 'Nothing else.', match: false }]);
  });

  it('returns markup in content as text segments, never as HTML to inject', async () => {
    const documents = [doc('x', { title: '<img src=x onerror=alert(1)> Alert <b>system</b>' })];
    const [hit] = (await run(documents, { q: 'alert' })).hits;
    expect(hit!.titleHighlight.map((s) => s.text).join('')).toBe(documents[0]!.title);
    expect(hit!.titleHighlight.filter((s) => s.match).map((s) => s.text)).toEqual([
      'alert',
      'Alert',
    ]);
  });

  it('does not mark common words unless they are the whole query', async () => {
    const [hit] = (
      await run([doc('c', { title: 'The state of the pump market' })], { q: 'the pump' })
    ).hits;
    expect(marked(hit!.titleHighlight)).toBe('The state of the [pump] market');
  });
});

describe('hostile queries', () => {
  const documents = [doc('a', { title: 'Regex (.*)+ and [brackets] in text' }), doc('b')];

  it('treats regex syntax as plain text', async () => {
    for (const q of ['(.*)+', '.*', '[', '\\', '$^', '(a+)+$', '*']) {
      await expect(run(documents, { q }), q).resolves.toMatchObject({ total: 0, hits: [] });
    }
    expect(await slugs(documents, { q: '[brackets]' })).toEqual(['a']);
  });

  it('answers empty, blank and punctuation-only queries with nothing', async () => {
    for (const q of ['', '   ', '!!!', '\u0000', '\uFFFD']) {
      expect(await run(documents, { q })).toMatchObject({ total: 0, pageCount: 0, hits: [] });
    }
  });

  it('handles long, repetitive and odd-script queries quickly', async () => {
    const engine = createSearchEngine(documents);
    for (const q of [
      'a'.repeat(100_000),
      'text '.repeat(20_000),
      'ab '.repeat(50_000),
      '😀'.repeat(1000),
      '\uD800 unpaired surrogate',
      'ﬁle ＴＥＸＴ',
    ]) {
      const started = performance.now();
      await engine.search({ ...EMPTY_QUERY, q }, viewOf({}));
      expect(performance.now() - started, q.slice(0, 20)).toBeLessThan(1000);
    }
  });

  it('survives an empty index', async () => {
    expect(await run([], { q: 'anything' })).toMatchObject({ total: 0, hits: [] });
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['health', 'health', true],
    ['health', 'helth', true],
    ['health', 'healthy', true],
    ['health', 'hezlth', true],
    ['health', 'haelth', true],
    ['health', 'hlaeth', false],
    ['health', 'heal', false],
    ['ab', 'ba', true],
    ['abc', 'cab', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe('oneEditAway', () => {
  it('spells every word one edit away, and nothing further', () => {
    const edits = oneEditAway('care');
    for (const near of ['are', 'cre', 'acre', 'crae', 'cars', 'scare', 'cares', 'caer'])
      expect(edits, near).toContain(near);
    expect(edits).not.toContain('care');
    expect(edits.every((edit) => withinOneEdit(edit, 'care'))).toBe(true);
  });
});
