/**
 * Hostile files: what a build must get through. Each must be reported and skipped, or
 * published with nothing harmful left in it.
 */
import { Scalar } from 'yaml';

import { DAY_MS, isoDate, startOfUtcDay } from './dates';
import { mdxFile, toYaml, type FrontMatter } from './mdx';
import type { Prose } from './prose';
import type { Rng } from './rng';

export interface HostileCase {
  file: string;
  slug: string | null;
  expect: 'skipped' | 'published';
  why: string;
}

export interface HostileFile {
  info: HostileCase;
  text: string;
}

function hostileFrontMatter(
  rng: Rng,
  prose: Prose,
  slug: string,
  title: string,
  now: Date,
): FrontMatter {
  const date = isoDate(new Date(startOfUtcDay(now) - rng.int(5, 300) * DAY_MS));
  return {
    archetype: 'curated-content',
    author: [prose.person()],
    categories: ['Medigy: Cybersecurity'],
    categoryUrl: ['topic/medigy-cybersecurity'],
    categoryLabel: ['Cybersecurity'],
    date,
    description: `Hostile test file: ${title}.`,
    featuredImage: null,
    lastMod: `${date}T08:00:00.000000Z`,
    link: {
      brand: 'hostile.example',
      href: 'https://hostile.example/',
      original: 'https://hostile.example/',
    },
    relatedOfferings: [],
    slug,
    status: '',
    tags: ['News'],
    title,
  };
}

function proseParagraphs(prose: Prose, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(`${prose.sentence()} ${prose.sentence()} ${prose.sentence()}`);
  return out;
}

export function buildHostile(
  rng: Rng,
  prose: Prose,
  now: Date,
  duplicateSlug: string,
): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (
    file: string,
    slug: string | null,
    expect: HostileCase['expect'],
    why: string,
    text: string,
  ) => {
    files.push({ info: { file: `news/${file}`, slug, expect, why }, text });
  };
  const standard = (slug: string, title: string, overrides: FrontMatter = {}) =>
    toYaml(
      { ...hostileFrontMatter(rng, prose, slug, title, now), ...overrides },
      { date: Scalar.QUOTE_SINGLE },
    );

  // 1. Not YAML at all: an unclosed quote and a mis-indented key.
  add(
    'hostile-bad-yaml.mdx',
    null,
    'skipped',
    'front matter is not valid YAML (unclosed quote, bad indentation)',
    [
      '---',
      "title: 'An unclosed quote in the title",
      'slug: hostile-bad-yaml',
      "date: '2025-03-01'",
      '  author:',
      '   - Nobody',
      'status: ""',
      '---',
      '<p>This article must never be published.</p>',
      '',
    ].join('\n'),
  );

  // 2. Valid YAML without a title.
  {
    const data = hostileFrontMatter(rng, prose, 'hostile-no-title', 'unused', now);
    delete data.title;
    add(
      'hostile-no-title.mdx',
      'hostile-no-title',
      'skipped',
      'required field title is missing',
      mdxFile(toYaml(data), `${proseParagraphs(prose, 2).join('\n\n')}\n`),
    );
  }

  // 3. A date that is not a date.
  add(
    'hostile-bad-date.mdx',
    'hostile-bad-date',
    'skipped',
    "date is not an ISO 8601 date ('not a date')",
    mdxFile(
      standard('hostile-bad-date', 'Hostile: Bad Date', { date: 'not a date' }),
      `${proseParagraphs(prose, 2).join('\n\n')}\n`,
    ),
  );

  // 4. Same slug as a normal article whose file name sorts first.
  add(
    'hostile-duplicate-slug.mdx',
    duplicateSlug,
    'skipped',
    'slug duplicates an earlier file (first file in name order wins); the original article must keep working',
    mdxFile(
      standard(duplicateSlug, 'Hostile: Duplicate Slug'),
      `<p>This duplicate must not replace the original article.</p>\n`,
    ),
  );

  // 5. About 3 MB of prose.
  {
    const target = 3 * 1024 * 1024;
    const paragraphs: string[] = [];
    let size = 0;
    while (size < target) {
      const p = `${prose.sentence()} ${prose.sentence()} ${prose.sentence()} ${prose.sentence()}`;
      paragraphs.push(p);
      size += Buffer.byteLength(p) + 2;
    }
    add(
      'hostile-huge-body.mdx',
      'hostile-huge-body',
      'skipped',
      'body is about 3 MB, over the 1 MB body size limit',
      mdxFile(standard('hostile-huge-body', 'Hostile: Huge Body'), `${paragraphs.join('\n\n')}\n`),
    );
  }

  // 6. 5,000 nested <div> elements.
  add(
    'hostile-deep-nesting.mdx',
    'hostile-deep-nesting',
    'skipped',
    '5,000 nested <div> elements exceed the nesting limit',
    mdxFile(
      standard('hostile-deep-nesting', 'Hostile: Deep Nesting'),
      `<p>Intro paragraph.</p>\n\n${'<div>'.repeat(5000)}deep${'</div>'.repeat(5000)}\n`,
    ),
  );

  // 7. Billion laughs: 9 levels of anchors, each a list of 9 aliases of the previous one.
  {
    const bomb: string[] = ['lols:', "  l0: &l0 'lol'"];
    for (let level = 1; level <= 9; level++) {
      bomb.push(
        `  l${level}: &l${level} [${Array.from({ length: 9 }, () => `*l${level - 1}`).join(', ')}]`,
      );
    }
    add(
      'hostile-alias-bomb.mdx',
      'hostile-alias-bomb',
      'skipped',
      'front matter is a YAML alias bomb (9 levels x 9 aliases, 387 million nodes); the alias limit must reject it',
      mdxFile(
        standard('hostile-alias-bomb', 'Hostile: Alias Bomb') + bomb.join('\n') + '\n',
        '<p>Never published.</p>\n',
      ),
    );
  }

  // 8. Script injection in raw HTML.
  {
    const [p1, p2, p3] = proseParagraphs(prose, 3);
    const body = [
      `<p>${p1}</p>`,
      '<script>alert(1)</script>',
      `<p>${p2} <img src=x onerror="alert(1)"></p>`,
      '<p>Read more: <a href="javascript:alert(1)">click</a></p>',
      '<iframe src="https://evil.example/"></iframe>',
      `<p>${p3}</p>`,
      '',
    ].join('\n');
    add(
      'hostile-script.mdx',
      'hostile-script',
      'published',
      'script, event handler, javascript: URL and iframe must be removed; the prose must render',
      mdxFile(standard('hostile-script', 'Hostile: Script Injection'), body),
    );
  }

  // 9. MDX ESM and expressions.
  {
    const [p1, p2] = proseParagraphs(prose, 2);
    const body = [
      "import fs from 'fs'",
      '',
      'export const x = 1',
      '',
      p1,
      '',
      '{process.exit(1)}',
      '',
      "{globalThis.fetch('https://evil.example')}",
      '',
      'Price {sharply} higher',
      '',
      p2,
      '',
    ].join('\n');
    add(
      'hostile-mdx-expressions.mdx',
      'hostile-mdx-expressions',
      'published',
      'MDX import/export and {expressions} must not run; the word "sharply" stays on the page',
      mdxFile(standard('hostile-mdx-expressions', 'Hostile: MDX Expressions'), body),
    );
  }

  // 10. Prototype pollution keys in the front matter.
  add(
    'hostile-proto.mdx',
    'hostile-proto',
    'published',
    '__proto__ and constructor keys in front matter must not pollute prototypes',
    mdxFile(
      standard('hostile-proto', 'Hostile: Prototype Keys') +
        [
          '__proto__:',
          '  polluted: true',
          'constructor:',
          '  prototype:',
          '    polluted: true',
          '',
        ].join('\n'),
      `${proseParagraphs(prose, 2).join('\n\n')}\n`,
    ),
  );

  // 11. Pathological emphasis and brackets in one paragraph.
  {
    const parts: string[] = ['Emphasis storm:'];
    for (let i = 0; i < 30000; i++) {
      parts.push(i % 3 === 2 ? `*a _b` : `*a _b [c`);
    }
    const paragraph = parts.join(' ');
    add(
      'hostile-emphasis.mdx',
      'hostile-emphasis',
      'published',
      'pathological markdown must not hang (30,000 * and 30,000 _ markers, 20,000 [ in one paragraph); skipping is also acceptable if the build finishes',
      mdxFile(
        standard('hostile-emphasis', 'Hostile: Emphasis Storm'),
        `<p>Before the storm.</p>\n\n${paragraph}\n\nAfter the storm.\n`,
      ),
    );
  }

  // 12. A 400 KB table: linear to read, but minutes to compile. The time limit must stop it.
  {
    const row = `${'| a '.repeat(1000)}|\n`;
    add(
      'hostile-huge-table.mdx',
      'hostile-huge-table',
      'skipped',
      'a 1,000-column, 200-row table takes over 20 s to compile; the compile time limit must stop and skip it',
      mdxFile(
        standard('hostile-huge-table', 'Hostile: Huge Table'),
        `<p>Before the table.</p>\n\n${row}${'| - '.repeat(1000)}|\n${row.repeat(200)}`,
      ),
    );
  }
  return files;
}
