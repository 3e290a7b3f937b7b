/** Offerings: product profiles, plus some that articles name without a profile file. */
import { Scalar } from 'yaml';

import { DAY_MS, isoDate, startOfUtcDay } from './dates';
import { IMAGE_HEIGHT, IMAGE_WIDTH } from './images';
import { mdxFile, toYaml, type FrontMatter } from './mdx';
import { PRODUCT_WORDS } from './names';
import type { Prose } from './prose';
import type { Rng } from './rng';
import { capitalize, kebab } from './text';
import { ORPHAN_TOPIC, type Topic } from './topics';
import { CONDITIONS, FACILITIES, GOALS, TECH } from './words';

export interface OfferingRef {
  label: string;
  slug: string;
  offeringId: number;
  categories: string[];
}

export interface OfferingPlan {
  ref: OfferingRef;
  vendor: string;
  hasFile: boolean;
  hasImage: boolean;
}

export function buildOfferings(
  rng: Rng,
  prose: Prose,
  count: number,
  phantoms: number,
  topics: Topic[],
): OfferingPlan[] {
  const slugs = new Set<string>();
  const categoryPool = [...topics.map((t) => t.name), ORPHAN_TOPIC];
  const plans: OfferingPlan[] = [];
  let offeringId = 17000;
  for (let i = 0; i < count + phantoms; i++) {
    const vendor = prose.org();
    let label = `${vendor.replace(/ (Inc\.|Health|Labs|Systems|Technologies|AI|Medical)$/, '')} ${rng.pick(PRODUCT_WORDS)}`;
    if (rng.chance(0.08))
      label = `${vendor.split(' ')[0] ?? vendor}’s Digital ${rng.pick(PRODUCT_WORDS)}`;
    let slug = kebab(label);
    for (let n = 2; slugs.has(slug); n++) slug = `${kebab(label)}-${n}`;
    slugs.add(slug);
    offeringId += rng.int(1, 40);
    const categories = new Set<string>();
    const wanted = rng.int(1, 3);
    while (categories.size < Math.min(wanted, categoryPool.length)) {
      categories.add(categoryPool[rng.skewedIndex(categoryPool.length)] as string);
    }
    const hasFile = i < count;
    plans.push({
      ref: { label, slug, offeringId, categories: [...categories] },
      vendor,
      hasFile,
      hasImage: hasFile && rng.chance(1 / 3),
    });
  }
  return plans;
}

export function offeringFile(rng: Rng, prose: Prose, plan: OfferingPlan, now: Date): string {
  const { ref } = plan;
  const date = new Date(startOfUtcDay(now) - rng.int(30, 6 * 365) * DAY_MS);
  const data: FrontMatter = {
    title: ref.label,
    slug: ref.slug,
    offeringId: ref.offeringId,
    vendor: plan.vendor,
    website: `https://www.${kebab(plan.vendor)}.example/`,
    categories: ref.categories.slice(),
    description: `${ref.label} helps ${rng.pick(FACILITIES)} ${rng.pick(GOALS)} with ${rng.pick(TECH)}.`,
    date: isoDate(date),
    featuredImage: plan.hasImage
      ? {
          alt: `${ref.label} screenshot`,
          href: `${ref.slug}-featuredImage.jpeg`,
          format: 'JPEG',
          size: [IMAGE_HEIGHT, IMAGE_WIDTH],
        }
      : null,
  };
  const features = Array.from(
    { length: rng.int(3, 6) },
    () => capitalize(rng.pick(TECH)) + ' for ' + rng.pick(CONDITIONS),
  );
  const body = [
    `## About ${ref.label}`,
    '',
    `${prose.sentence()} ${prose.sentence()}`,
    '',
    '### Key capabilities',
    '',
    ...features.map((f) => `- ${f}`),
    '',
    `Learn more on the [${plan.vendor} website](https://www.${kebab(plan.vendor)}.example/).`,
    '',
  ].join('\n');
  return mdxFile(toYaml(data, { date: Scalar.QUOTE_SINGLE }), body);
}
