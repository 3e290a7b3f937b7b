import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { stringify } from 'yaml';

import type { Article } from '@/lib/content/types';

/** A throwaway content folder; `files` maps paths like `news/a.mdx` to their contents. */
export function makeContentDir(files: Record<string, string | Buffer>): {
  dir: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-content-'));
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), contents);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Points CONTENT_DIR at a throwaway folder of `files` while the enclosing describe's tests run. */
export function mdx(frontMatter: Record<string, unknown>, body = 'Body text.'): string {
  return `---\n${stringify(frontMatter)}---\n${body}\n`;
}

/** A valid article's front matter; override any field. */
export function article(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const slug = (overrides.slug as string | undefined) ?? 'sample-story';
  return {
    title: 'Sample story',
    slug,
    date: '2024-05-01',
    lastMod: '2024-05-02T10:00:00Z',
    author: ['Dana Reyes'],
    description: 'A sample story about remote monitoring.',
    categories: ['Medigy: Telehealth'],
    categoryUrl: ['topic/medigy-telehealth'],
    categoryLabel: ['Telehealth'],
    featuredImage: null,
    link: {
      brand: 'example.com',
      href: 'https://example.com/story',
      original: 'https://example.com/story',
    },
    relatedOfferings: [],
    tags: ['News'],
    status: '',
    ...overrides,
  };
}

/** Smallest valid JPEG-named file: the loader checks existence and type, not pixels. */
export const FAKE_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);

/** A reshaped Article, as the views get it; override any field. */
export function loadedArticle(overrides: Partial<Article> = {}): Article {
  return {
    slug: 'story',
    file: 'news/story.mdx',
    title: 'Story',
    description: 'Summary.',
    publishedAt: '2026-11-20T00:00:00.000Z',
    modifiedAt: '2026-11-20T10:00:00.000Z',
    authors: [{ name: 'Dana Reyes', slug: 'dana-reyes' }],
    image: null,
    source: null,
    topics: [],
    tags: [],
    offerings: [],
    aliases: [],
    status: 'published',
    meta: {
      html: { description: null, keywords: null, robots: null, author: null },
      openGraph: {
        title: null,
        description: null,
        image: null,
        url: null,
        siteName: null,
        type: null,
      },
      twitter: { card: null, title: null, description: null, image: null },
    },
    readingMinutes: 1,
    body: { code: '', text: '' },
    ...overrides,
  };
}
