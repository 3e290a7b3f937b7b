/**
 * Generates every image that the sample content's front matter references.
 *
 *   npx tsx scripts/make-sample-images.ts
 *
 * The list of images comes from the front matter itself (`featuredImage.href` and
 * `featuredImage.size` of every news article and offering), so content and images cannot
 * drift apart. Each image is an abstract SVG composition rendered to JPEG with sharp; colours
 * and shapes are derived from the file name, so running the script twice gives the same files.
 *
 * Reads $CONTENT_DIR (default ./content), like the rest of the project.
 */
import { createHash } from 'node:crypto';
import { access, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { parse } from 'yaml';

import { parseFlags, readCommandLine } from './lib/args';

const CONTENT_DIR = path.resolve(process.env.CONTENT_DIR ?? 'content');

/**
 * Images that the sample content names on purpose without shipping the file, so that the
 * site's handling of a missing featured image is exercised. Keyed by folder/href.
 */
const INTENTIONALLY_MISSING = new Set([
  'news/663a4c1f-0500-5618-9643-c0fb053c0272-featuredImage.jpeg',
]);

const MAX_BYTES = 80 * 1024;
const QUALITIES = [72, 64, 56, 48];

// Health-tech palette: deep blues and teals for backgrounds, lighter tints for accents.
const DEEP = ['#0b3c5d', '#0f4c75', '#134e4a', '#1e3a8a', '#155e75', '#312e81', '#164e63'];
const BRIGHT = ['#14b8a6', '#0ea5e9', '#22c55e', '#38bdf8', '#2dd4bf', '#818cf8', '#06b6d4'];
const ACCENT = ['#f0fdfa', '#e0f2fe', '#ecfeff', '#f0f9ff', '#fef3c7', '#ffe4e6'];

interface ImageJob {
  source: string;
  folder: 'news' | 'offerings';
  href: string;
  width: number;
  height: number;
}

/** Small seeded PRNG (mulberry32) so each file name always yields the same picture. */
function seededRandom(seedText: string): () => number {
  let state = createHash('sha256').update(seedText).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick() needs a non-empty list');
  return item;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A heartbeat-like trace across the image, built from a flat line with a few QRS spikes. */
function pulsePath(
  random: () => number,
  width: number,
  baseline: number,
  amplitude: number,
): string {
  const points: string[] = [`M 0 ${round(baseline)}`];
  const beats = 2 + Math.floor(random() * 2);
  const spacing = width / (beats + 1);
  for (let beat = 1; beat <= beats; beat += 1) {
    const x = spacing * beat + (random() - 0.5) * spacing * 0.3;
    const w = amplitude * 0.35;
    points.push(
      `L ${round(x - w * 2)} ${round(baseline)}`,
      `L ${round(x - w * 1.4)} ${round(baseline - amplitude * 0.18)}`,
      `L ${round(x - w)} ${round(baseline)}`,
      `L ${round(x - w * 0.4)} ${round(baseline + amplitude * 0.25)}`,
      `L ${round(x)} ${round(baseline - amplitude)}`,
      `L ${round(x + w * 0.5)} ${round(baseline + amplitude * 0.45)}`,
      `L ${round(x + w)} ${round(baseline)}`,
      `L ${round(x + w * 2)} ${round(baseline - amplitude * 0.22)}`,
      `L ${round(x + w * 2.8)} ${round(baseline)}`,
    );
  }
  points.push(`L ${width} ${round(baseline)}`);
  return points.join(' ');
}

function composeSvg(name: string, width: number, height: number): string {
  const random = seededRandom(name);
  const deep = pick(random, DEEP);
  const bright = pick(random, BRIGHT);
  const accent = pick(random, ACCENT);
  const angle = Math.floor(random() * 360);
  const unit = Math.min(width, height);

  const circles = Array.from({ length: 4 }, () => {
    const cx = round(random() * width);
    const cy = round(random() * height);
    const r = round(unit * (0.2 + random() * 0.45));
    const opacity = round(0.06 + random() * 0.12);
    const fill = random() < 0.5 ? accent : bright;
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" fill-opacity="${opacity}"/>`;
  }).join('');

  const dotStep = unit * 0.06;
  const dotsX = round(width * (random() < 0.5 ? 0.06 : 0.7));
  const dotsY = round(height * 0.1);
  const dots: string[] = [];
  for (let row = 0; row < 4; row += 1) {
    for (let col = 0; col < 6; col += 1) {
      dots.push(
        `<circle cx="${round(dotsX + col * dotStep)}" cy="${round(dotsY + row * dotStep)}" r="${round(unit * 0.008)}"/>`,
      );
    }
  }

  // A medical cross inside a soft rounded tile.
  const tile = round(unit * 0.22);
  const tileX = round(width * (0.62 + random() * 0.2));
  const tileY = round(height * (0.52 + random() * 0.2));
  const bar = round(tile * 0.22);
  const arm = round(tile * 0.6);
  const cross =
    `<g transform="translate(${tileX} ${tileY})">` +
    `<rect width="${tile}" height="${tile}" rx="${round(tile * 0.24)}" fill="${accent}" fill-opacity="0.16"/>` +
    // Group opacity, so the two bars do not show a darker square where they overlap.
    `<g fill="${accent}" opacity="0.9">` +
    `<rect x="${round((tile - bar) / 2)}" y="${round((tile - arm) / 2)}" width="${bar}" height="${arm}" rx="${round(bar * 0.3)}"/>` +
    `<rect x="${round((tile - arm) / 2)}" y="${round((tile - bar) / 2)}" width="${arm}" height="${bar}" rx="${round(bar * 0.3)}"/>` +
    `</g></g>`;

  const baseline = height * (0.38 + random() * 0.14);
  const pulse = pulsePath(random, width, baseline, unit * (0.16 + random() * 0.08));

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    '<defs>',
    `<linearGradient id="bg" gradientTransform="rotate(${angle} 0.5 0.5)">`,
    `<stop offset="0" stop-color="${deep}"/><stop offset="1" stop-color="${bright}"/>`,
    '</linearGradient>',
    '<radialGradient id="glow" cx="0.8" cy="0.2" r="0.7">',
    `<stop offset="0" stop-color="${accent}" stop-opacity="0.35"/>`,
    `<stop offset="1" stop-color="${accent}" stop-opacity="0"/>`,
    '</radialGradient>',
    '</defs>',
    `<rect width="${width}" height="${height}" fill="url(#bg)"/>`,
    `<rect width="${width}" height="${height}" fill="url(#glow)"/>`,
    circles,
    `<g fill="${accent}" fill-opacity="0.35">${dots.join('')}</g>`,
    `<path d="${pulse}" fill="none" stroke="${accent}" stroke-opacity="0.9" stroke-width="${round(unit * 0.014)}" stroke-linejoin="round" stroke-linecap="round"/>`,
    cross,
    '</svg>',
  ].join('');
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

function imageJob(
  file: string,
  folder: ImageJob['folder'],
  data: Record<string, unknown>,
): ImageJob | null {
  const image = data.featuredImage;
  if (image === null || image === undefined) return null;
  if (typeof image !== 'object') {
    throw new Error(`${file}: featuredImage must be a mapping or null`);
  }
  const { href, size } = image as { href?: unknown; size?: unknown };
  if (typeof href !== 'string' || path.basename(href) !== href) {
    throw new Error(`${file}: featuredImage.href must be a plain file name beside the .mdx file`);
  }
  const [height, width] = Array.isArray(size) ? size : [];
  if (!Number.isInteger(height) || !Number.isInteger(width)) {
    throw new Error(`${file}: featuredImage.size must be [height, width] in pixels`);
  }
  return { source: file, folder, href, width: width as number, height: height as number };
}

async function collectJobs(): Promise<ImageJob[]> {
  const jobs: ImageJob[] = [];
  for (const folder of ['news', 'offerings'] as const) {
    const dir = path.join(CONTENT_DIR, folder);
    const names = (await readdir(dir)).filter((name) => name.endsWith('.mdx')).sort();
    for (const name of names) {
      const file = path.join(dir, name);
      const job = imageJob(file, folder, frontMatter(file, await readFile(file, 'utf8')));
      if (job) jobs.push(job);
    }
  }
  return jobs;
}

async function render(job: ImageJob): Promise<Buffer> {
  const svg = Buffer.from(composeSvg(job.href, job.width, job.height));
  for (const quality of QUALITIES) {
    const jpeg = await sharp(svg)
      .resize(job.width, job.height)
      .flatten({ background: '#ffffff' })
      .jpeg({ quality, mozjpeg: true })
      .toBuffer();
    if (jpeg.length <= MAX_BYTES) return jpeg;
  }
  throw new Error(`${job.source}: ${job.href} stays above ${MAX_BYTES} bytes at every quality`);
}

async function main() {
  const jobs = await collectJobs();
  let made = 0;
  for (const job of jobs) {
    const key = `${job.folder}/${job.href}`;
    const target = path.join(CONTENT_DIR, job.folder, job.href);
    if (INTENTIONALLY_MISSING.has(key)) {
      const present = await access(target).then(
        () => true,
        () => false,
      );
      console.log(`skip  ${key} (intentionally missing${present ? ', but a file is there' : ''})`);
      continue;
    }
    await writeFile(target, await render(job));
    const { size } = await stat(target);
    console.log(`wrote ${key} ${job.width}x${job.height} ${(size / 1024).toFixed(1)} KB`);
    made += 1;
  }
  console.log(`${made} images written to ${CONTENT_DIR}`);
}

readCommandLine('usage: npx tsx scripts/make-sample-images.ts', (args) => parseFlags(args, {}));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
