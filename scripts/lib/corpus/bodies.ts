/**
 * Article bodies in the two shapes the pipeline delivers: HTML copied from the source site,
 * with its comments and void tags, and Markdown. Either may carry stray braces and `<`.
 */
import { BRANDS } from './names';
import type { Prose } from './prose';
import type { Rng } from './rng';
import { countWords, escapeHtml, kebab } from './text';
import { GOALS, HEADINGS } from './words';

export interface BodyFlags {
  braces: boolean;
  lessThan: boolean;
  mojibake: boolean;
}

const BRACE_SNIPPETS = [
  'the {beta} cohort',
  'Dear {{first_name}},',
  'a stray } in the export',
  'results { pending',
  'the {region} rollout',
];
const LESS_THAN_SNIPPETS = [
  '<5% of patients',
  'p < 0.05',
  '<10 minutes',
  'fewer than <20 sites',
  'a score of <3',
];

function sprinkle(rng: Rng, sentence: string, flags: BodyFlags): string {
  let out = sentence;
  if (flags.braces && rng.chance(0.06))
    out = out.replace(/\.$/, `, including ${rng.pick(BRACE_SNIPPETS)}.`);
  if (flags.lessThan && rng.chance(0.06))
    out = out.replace(/\.$/, ` (${rng.pick(LESS_THAN_SNIPPETS)}).`);
  return out;
}

function sourceUrl(rng: Rng): string {
  return `https://www.${rng.pick(BRANDS)}.example/news/${rng.hex(6)}/${kebab(rng.pick(GOALS))}`;
}

export function htmlBody(rng: Rng, prose: Prose, targetWords: number, flags: BodyFlags): string {
  const blocks: string[] = [];
  let words = 0;
  const comments = rng.chance(0.4);
  while (words < targetWords) {
    const kind = rng.int(0, 9);
    if (kind === 0 && blocks.length > 0) {
      const heading = rng.pick(HEADINGS);
      blocks.push(`<h2>${heading}</h2>`);
      words += countWords(heading);
      continue;
    }
    if (kind === 1 && blocks.length > 0) {
      const items = Array.from({ length: rng.int(2, 5) }, () =>
        sprinkle(rng, prose.sentence(), flags),
      );
      words += items.reduce((n, s) => n + countWords(s), 0);
      blocks.push(`<ul>\n${items.map((s) => `<li>${s}</li>`).join('\n')}\n</ul>`);
      continue;
    }
    const lines: string[] = [];
    for (let i = rng.int(2, 6); i > 0 && words < targetWords; i--) {
      let s = sprinkle(rng, prose.sentence(), flags);
      words += countWords(s);
      if (rng.chance(0.12)) {
        s = s.replace(/(\w+ \w+)\.$/, `<a href="${sourceUrl(rng)}">$1</a>.`);
      } else if (rng.chance(0.08)) {
        s = `<strong>${s}</strong>`;
      } else if (rng.chance(0.05)) {
        s = `<em>${s}</em>`;
      }
      lines.push(s);
    }
    const joiner = rng.chance(0.25) ? '<br>\n' : '\n';
    let block = `<p>${lines.join(joiner)}</p>`;
    if (rng.chance(0.04)) {
      block += `\n<img src="https://cdn.${rng.pick(BRANDS)}.example/images/${rng.hex(8)}.jpg" alt="${escapeHtml(rng.pick(HEADINGS))}">`;
    }
    if (comments) block = `<!-- wp:paragraph -->\n${block}\n<!-- /wp:paragraph -->`;
    blocks.push(block);
  }
  if (rng.chance(0.3)) blocks.splice(Math.min(1, blocks.length), 0, '<!-- more -->');
  if (rng.chance(0.2))
    blocks.push(
      `<p>Source: <a href="${sourceUrl(rng)}" target="_blank" rel="noopener">original article</a>&nbsp;&amp; more</p>`,
    );
  return blocks.join(rng.chance(0.5) ? '\n' : '\n\n');
}

export function markdownBody(
  rng: Rng,
  prose: Prose,
  targetWords: number,
  flags: BodyFlags,
): string {
  const blocks: string[] = [];
  let words = 0;
  while (words < targetWords) {
    const kind = rng.int(0, 11);
    if (kind <= 1 && blocks.length > 0) {
      const heading = rng.pick(HEADINGS);
      blocks.push(`${rng.chance(0.85) ? '##' : '###'} ${heading}`);
      words += countWords(heading);
    } else if (kind === 2 && blocks.length > 0) {
      const ordered = rng.chance(0.3);
      const bullet = rng.pick(['-', '*']);
      const items = Array.from({ length: rng.int(2, 6) }, () =>
        sprinkle(rng, prose.sentence(), flags),
      );
      words += items.reduce((n, s) => n + countWords(s), 0);
      blocks.push(items.map((s, i) => (ordered ? `${i + 1}. ${s}` : `${bullet} ${s}`)).join('\n'));
    } else if (kind === 3 && blocks.length > 0) {
      const s = prose.sentence();
      words += countWords(s);
      blocks.push(`> ${s}`);
    } else if (kind === 4 && blocks.length > 2 && rng.chance(0.15)) {
      blocks.push('---');
    } else {
      const sentences: string[] = [];
      for (let i = rng.int(2, 6); i > 0 && words < targetWords; i--) {
        let s = sprinkle(rng, prose.sentence(), flags);
        words += countWords(s);
        const style = rng.next();
        if (style < 0.1) s = s.replace(/(\w+ \w+)\.$/, `[$1](${sourceUrl(rng)}).`);
        else if (style < 0.16) s = s.replace(/^(\S+ \S+)/, '**$1**');
        else if (style < 0.22) s = s.replace(/(\w+)\.$/, '*$1*.');
        else if (style < 0.25) s = s.replace(/(\w+)\.$/, '_$1_.');
        sentences.push(s);
      }
      blocks.push(sentences.join(rng.chance(0.3) ? '\n' : ' '));
    }
  }
  if (rng.chance(0.2)) blocks.push(`Read the [original article](${sourceUrl(rng)}).`);
  return blocks.join('\n\n');
}
