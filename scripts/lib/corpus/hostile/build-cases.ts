/**
 * What a whole build must get through: files it must report and skip (broken, over a limit,
 * a duplicate), and a few representative attacks it must publish harmlessly.
 */
import { mdxFile, toYaml } from '../mdx';

import { frontMatter, paragraph, paragraphs, type HostileCaseDefinition } from './case';

const HUGE_BODY_BYTES = 3 * 1024 * 1024;

/** Billion laughs: 9 levels of anchors, each a list of 9 aliases of the level before. */
function aliasBomb(): string {
  const lines = ['lols:', "  l0: &l0 'lol'"];
  for (let level = 1; level <= 9; level++) {
    const aliases = Array.from({ length: 9 }, () => `*l${level - 1}`).join(', ');
    lines.push(`  l${level}: &l${level} [${aliases}]`);
  }
  return `${lines.join('\n')}\n`;
}

export const BUILD_CASES: readonly HostileCaseDefinition[] = [
  {
    id: 'bad-yaml',
    expect: 'skipped',
    claims: 'no-slug',
    why: 'front matter is not valid YAML (unclosed quote, bad indentation)',
    text: (writer) =>
      [
        '---',
        "title: 'An unclosed quote in the title",
        `slug: ${writer.slug}`,
        "date: '2025-03-01'",
        '  author:',
        '   - Nobody',
        'status: ""',
        '---',
        '<p>This article must never be published.</p>',
        '',
      ].join('\n'),
  },
  {
    id: 'no-title',
    expect: 'skipped',
    why: 'required field title is missing',
    text(writer) {
      const fields = writer.fields('unused');
      delete fields.title;
      return mdxFile(toYaml(fields), `${paragraphs(writer, 2).join('\n\n')}\n`);
    },
  },
  {
    id: 'bad-date',
    expect: 'skipped',
    why: "date is not an ISO 8601 date ('not a date')",
    text: (writer) =>
      mdxFile(
        frontMatter(writer, 'Hostile: Bad Date', { date: 'not a date' }),
        `${paragraphs(writer, 2).join('\n\n')}\n`,
      ),
  },
  {
    id: 'duplicate-slug',
    expect: 'skipped',
    claims: 'existing-slug',
    why: 'slug duplicates an earlier file (first file in name order wins); the original article must keep working',
    text: (writer) =>
      mdxFile(
        frontMatter(writer, 'Hostile: Duplicate Slug', { slug: writer.existingSlug }),
        `<p>This duplicate must not replace the original article.</p>\n`,
      ),
  },
  {
    id: 'huge-body',
    expect: 'skipped',
    why: 'body is about 3 MB, over the 1 MB body size limit',
    text(writer) {
      const body: string[] = [];
      for (let size = 0; size < HUGE_BODY_BYTES;) {
        const text = paragraph(writer, 4);
        body.push(text);
        size += Buffer.byteLength(text) + 2;
      }
      return mdxFile(frontMatter(writer, 'Hostile: Huge Body'), `${body.join('\n\n')}\n`);
    },
  },
  {
    id: 'deep-nesting',
    expect: 'skipped',
    why: '5,000 nested <div> elements exceed the nesting limit',
    text: (writer) =>
      mdxFile(
        frontMatter(writer, 'Hostile: Deep Nesting'),
        `<p>Intro paragraph.</p>\n\n${'<div>'.repeat(5000)}deep${'</div>'.repeat(5000)}\n`,
      ),
  },
  {
    id: 'alias-bomb',
    expect: 'skipped',
    why: 'front matter is a YAML alias bomb (9 levels x 9 aliases, 387 million nodes); the alias limit must reject it',
    text: (writer) =>
      mdxFile(
        frontMatter(writer, 'Hostile: Alias Bomb', {}, aliasBomb()),
        '<p>Never published.</p>\n',
      ),
  },
  {
    id: 'script',
    expect: 'published',
    why: 'script, event handler, javascript: URL and iframe must be removed; the prose must render',
    keeps: 'Read more:',
    absentFromBody: ['<script', 'onerror', 'javascript:', '<iframe'],
    text(writer) {
      const [p1, p2, p3] = paragraphs(writer, 3);
      const body = [
        `<p>${p1}</p>`,
        '<script>alert(1)</script>',
        `<p>${p2} <img src=x onerror="alert(1)"></p>`,
        '<p>Read more: <a href="javascript:alert(1)">click</a></p>',
        '<iframe src="https://evil.example/"></iframe>',
        `<p>${p3}</p>`,
        '',
      ];
      return mdxFile(frontMatter(writer, 'Hostile: Script Injection'), body.join('\n'));
    },
  },
  {
    id: 'mdx-expressions',
    expect: 'published',
    why: 'MDX import/export and {expressions} must not run; the word "sharply" stays on the page',
    keeps: 'Price {sharply} higher',
    text(writer) {
      const [p1, p2] = paragraphs(writer, 2);
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
      ];
      return mdxFile(frontMatter(writer, 'Hostile: MDX Expressions'), body.join('\n'));
    },
  },
  {
    id: 'proto',
    expect: 'published',
    why: '__proto__ and constructor keys in front matter must not pollute prototypes',
    text: (writer) =>
      mdxFile(
        frontMatter(
          writer,
          'Hostile: Prototype Keys',
          {},
          '__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n',
        ),
        `${paragraphs(writer, 2).join('\n\n')}\n`,
      ),
  },
  {
    id: 'emphasis',
    expect: 'published',
    mayBeSkipped: true,
    why: 'pathological markdown must not hang (30,000 * and 30,000 _ markers, 20,000 [ in one paragraph); skipping is also acceptable if the build finishes',
    text(writer) {
      const storm = ['Emphasis storm:'];
      for (let i = 0; i < 30000; i++) storm.push(i % 3 === 2 ? `*a _b` : `*a _b [c`);
      return mdxFile(
        frontMatter(writer, 'Hostile: Emphasis Storm'),
        `<p>Before the storm.</p>\n\n${storm.join(' ')}\n\nAfter the storm.\n`,
      );
    },
  },
  {
    id: 'huge-table',
    expect: 'skipped',
    // Linear to read but minutes to compile: only the compile time limit stops it.
    why: 'a 1,000-column, 200-row table takes over 20 s to compile; the compile time limit must stop and skip it',
    text(writer) {
      const row = `${'| a '.repeat(1000)}|\n`;
      return mdxFile(
        frontMatter(writer, 'Hostile: Huge Table'),
        `<p>Before the table.</p>\n\n${row}${'| - '.repeat(1000)}|\n${row.repeat(200)}`,
      );
    },
  },
];
