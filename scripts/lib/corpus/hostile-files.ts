/** A generated corpus's hostile files: the build cases, written with seeded fields and prose. */
import { DAY_MS, isoDate, startOfUtcDay } from './dates';
import { BUILD_CASES, type HostileCaseDefinition } from './hostile';
import type { FrontMatter } from './mdx';
import type { Prose } from './prose';
import type { Rng } from './rng';

/** A hostile file as the corpus manifest lists it, with what the portal must do with it. */
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

/** The published article a duplicate slug copies; its file must sort first to stay the original. */
export interface OriginalArticle {
  file: string;
  slug: string;
}

function articleFields(
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

function claimedSlug(definition: HostileCaseDefinition, own: string, original: OriginalArticle) {
  if (definition.claims === 'no-slug') return null;
  return definition.claims === 'existing-slug' ? original.slug : own;
}

export function buildHostile(
  rng: Rng,
  prose: Prose,
  now: Date,
  original: OriginalArticle,
): HostileFile[] {
  return BUILD_CASES.map((definition) => {
    const slug = `hostile-${definition.id}`;
    const name = `${slug}.mdx`;
    if (
      definition.claims === 'existing-slug' &&
      !(original.file < name && original.file.localeCompare(name) < 0)
    ) {
      throw new Error(`${definition.id} case: ${original.file} does not sort before ${name}`);
    }
    const text = definition.text({
      slug,
      existingSlug: original.slug,
      fields: (title) => articleFields(rng, prose, slug, title, now),
      sentence: () => prose.sentence(),
    });
    const { expect, why } = definition;
    return {
      info: { file: `news/${name}`, slug: claimedSlug(definition, slug, original), expect, why },
      text,
    };
  });
}
