/** Topics: profiles named like the pipeline's categories (`Medigy: <area>`). */
import { mdxFile, toYaml, type FrontMatter } from './mdx';
import type { Prose } from './prose';
import type { Rng } from './rng';
import { kebab } from './text';
import { AREA_QUALIFIERS, AREAS } from './words';

export interface Topic {
  name: string;
  label: string;
  slug: string;
}

/** A category articles and offerings use that has no topic file: the topic exists by name only. */
export const ORPHAN_TOPIC = 'Healthcare IT News: Digital Health';

export function buildTopics(rng: Rng, count: number): Topic[] {
  const areas = rng.shuffle(AREAS);
  const names: string[] = areas.slice(0, count);
  const seen = new Set(names);
  for (let round = 0; names.length < count; round++) {
    const candidate = `${rng.pick(AREA_QUALIFIERS)} ${rng.pick(AREAS)}${round > 5000 ? ` ${round}` : ''}`;
    if (!seen.has(candidate)) {
      seen.add(candidate);
      names.push(candidate);
    }
  }
  return names.map((area) => ({
    name: `Medigy: ${area}`,
    label: area,
    slug: kebab(`medigy-${area}`),
  }));
}

export function topicFile(rng: Rng, prose: Prose, topic: Topic): string {
  const description = `News, analysis and offerings about ${topic.label.toLowerCase()} in health technology, curated by the Medigy editors.`;
  const data: FrontMatter = {
    title: topic.label,
    name: topic.name,
    slug: topic.slug,
    description,
  };
  const lines = [`${prose.sentence()} ${prose.sentence()}`, ''];
  if (rng.chance(0.5)) {
    lines.push(`## Why ${topic.label} matters`, '', prose.sentence(), '');
  }
  return mdxFile(toYaml(data), lines.join('\n'));
}
