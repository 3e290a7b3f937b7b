/**
 * Generates every image that the sample content's front matter references: the featured
 * images of news articles and offerings (`featuredImage.href` and `featuredImage.size`) and
 * authors' photos (`photo`).
 *
 *   npx tsx scripts/make-sample-images.ts
 *
 * The list of images comes from the front matter itself, so content and images cannot drift
 * apart. Each picture is an abstract SVG composition (scripts/lib/sample-art.ts) rendered to
 * JPEG with sharp: colours and motif come from the first topic, details from the file name, so
 * running the script twice gives the same files.
 *
 * Reads $CONTENT_DIR (default ./content), like the rest of the project.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import sharp from 'sharp';
import { parse } from 'yaml';

import { parseFlags, readCommandLine } from './lib/args';
import { portrait, topicPicture } from './lib/sample-art';

const CONTENT_DIR = path.resolve(process.env.CONTENT_DIR ?? 'content');

const MAX_BYTES = 80 * 1024;
const QUALITIES = [72, 64, 56, 48];
const PHOTO_SIZE = 400;

interface ImageJob {
  source: string;
  folder: 'news' | 'offerings' | 'authors';
  href: string;
  svg: string;
}
function frontMatter(file: string, text: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  if (!match?.[1]) throw new Error(`${file}: no front matter block between --- lines`);
  const data: unknown = parse(match[1]);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${file}: front matter is not a YAML mapping`);
  }
  return data as Record<string, unknown>;
}

function featuredImageJob(
  file: string,
  folder: 'news' | 'offerings',
  data: Record<string, unknown>,
): ImageJob | null {
  const image = data.featuredImage;
  if (image === null || image === undefined) return null;
  if (typeof image !== 'object') {
    throw new Error(`${file}: featuredImage must be a mapping or null`);
  }
  const { href, size } = image as { href?: unknown; size?: unknown };
  const [height, width] = Array.isArray(size) ? size : [];
  if (!Number.isInteger(height) || !Number.isInteger(width)) {
    throw new Error(`${file}: featuredImage.size must be [height, width] in pixels`);
  }
  const categories = Array.isArray(data.categories) ? data.categories : [];
  const topic = typeof categories[0] === 'string' ? categories[0] : null;
  return {
    source: file,
    folder,
    href: plainFileName(file, 'featuredImage.href', href),
    svg: topicPicture(String(href), topic, width as number, height as number),
  };
}

function photoJob(file: string, data: Record<string, unknown>): ImageJob | null {
  if (data.photo === null || data.photo === undefined) return null;
  const href = plainFileName(file, 'photo', data.photo);
  return { source: file, folder: 'authors', href, svg: portrait(href, PHOTO_SIZE) };
}

function plainFileName(file: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || path.basename(value) !== value) {
    throw new Error(`${file}: ${field} must be a plain file name beside the .mdx file`);
  }
  return value;
}

async function collectJobs(): Promise<ImageJob[]> {
  const jobs: ImageJob[] = [];
  for (const folder of ['news', 'offerings', 'authors'] as const) {
    const dir = path.join(CONTENT_DIR, folder);
    const names = (await readdir(dir)).filter((name) => name.endsWith('.mdx')).sort();
    for (const name of names) {
      const file = path.join(dir, name);
      const data = frontMatter(file, await readFile(file, 'utf8'));
      const job =
        folder === 'authors' ? photoJob(file, data) : featuredImageJob(file, folder, data);
      if (job) jobs.push(job);
    }
  }
  return jobs;
}

async function render(job: ImageJob): Promise<Buffer> {
  for (const quality of QUALITIES) {
    const jpeg = await sharp(Buffer.from(job.svg))
      .flatten({ background: '#ffffff' })
      .jpeg({ quality, mozjpeg: true })
      .toBuffer();
    if (jpeg.length <= MAX_BYTES) return jpeg;
  }
  throw new Error(`${job.source}: ${job.href} stays above ${MAX_BYTES} bytes at every quality`);
}

async function main() {
  const jobs = await collectJobs();
  for (const job of jobs) {
    const key = `${job.folder}/${job.href}`;
    const target = path.join(CONTENT_DIR, job.folder, job.href);
    await writeFile(target, await render(job));
    const { size } = await stat(target);
    console.log(`wrote ${key} ${(size / 1024).toFixed(1)} KB`);
  }
  console.log(`${jobs.length} images written to ${CONTENT_DIR}`);
}

readCommandLine('usage: npx tsx scripts/make-sample-images.ts', (args) => parseFlags(args, {}));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
