/** News articles with every field the curation pipeline writes, as it writes them. */
import { Scalar } from 'yaml';

import { htmlBody, markdownBody, type BodyFlags } from './bodies';
import { DAY_MS, isoDate, isoMicros, isoSeconds, startOfUtcDay } from './dates';
import { IMAGE_HEIGHT, IMAGE_WIDTH } from './images';
import { mdxFile, toYaml, type FrontMatter } from './mdx';
import { BRANDS } from './names';
import type { OfferingPlan } from './offerings';
import type { Prose } from './prose';
import type { Rng } from './rng';
import { kebab, misDecode, truncateSlug } from './text';
import { ORPHAN_TOPIC, type Topic } from './topics';
import { TAGS } from './words';

export interface ArticlePlan {
  file: string;
  slug: string;
  status: 'published' | 'draft' | 'scheduled';
  text: string;
  image: string | null;
}

export interface ArticleContext {
  rng: Rng;
  prose: Prose;
  topics: Topic[];
  offerings: OfferingPlan[];
  phantomOfferings: OfferingPlan[];
  now: Date;
  slugs: Set<string>;
  ids: Set<string>;
  nextWorkPackage: number;
}

function uuidLike(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const variant = rng.pick(['8', '9', 'a', 'b']);
    const id = `${rng.hex(8)}-${rng.hex(4)}-5${rng.hex(3)}-${variant}${rng.hex(3)}-${rng.hex(12)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function pickTopics(rng: Rng, topics: Topic[]): Topic[] {
  const chosen = new Map<string, Topic>();
  const wanted = rng.pick([1, 1, 2, 2, 2, 3]);
  const orphan: Topic = { name: ORPHAN_TOPIC, label: 'Digital Health', slug: kebab(ORPHAN_TOPIC) };
  while (chosen.size < Math.min(wanted, topics.length + 1)) {
    const topic = rng.chance(0.06) ? orphan : (topics[rng.skewedIndex(topics.length)] as Topic);
    chosen.set(topic.slug, topic);
  }
  return [...chosen.values()];
}

function metaDescription(rng: Rng, description: string, title: string) {
  const flat = description.replace(/\s+/g, ' ');
  return {
    html: {
      author: null,
      description: rng.chance(0.2) ? flat : null,
      generator: null,
      viewport: null,
      articlemodified_time: null,
      articlepublished_time: null,
      'msvalidate.01': null,
      ogdescription: rng.chance(0.6) ? flat : null,
      ogimage: null,
      ogsite_name: null,
      ogtitle: rng.chance(0.6) ? title : null,
      ogtype: null,
      ogupdated_time: null,
      ogurl: null,
      'yandex-verification': null,
      robots: null,
      fbapp_id: null,
      oglocale: null,
      fbadmins: null,
      articlepublisher: null,
      'google-site-verification': null,
      keywords: rng.chance(0.1) ? 'digital health, health IT' : null,
    },
    og: {
      ogdescription: rng.chance(0.6) ? flat : null,
      ogtitle: rng.chance(0.6) ? title : null,
      ogurl: null,
      ogimage: null,
      ogsite_name: null,
      ogtype: rng.chance(0.2) ? 'article' : null,
      ogupdated_time: null,
      ogimageheight: null,
    },
    twitter: {
      twittercard: rng.chance(0.3) ? 'summary_large_image' : null,
      twitterdescription: rng.chance(0.6) ? flat : null,
      twittertitle: rng.chance(0.6) ? title : null,
      twitterimage: null,
      twitterurl: null,
    },
  };
}

export function buildArticle(ctx: ArticleContext, index: number): ArticlePlan {
  const { rng, prose, now } = ctx;
  const id = uuidLike(rng, ctx.ids);
  const file = `${id}.mdx`;

  const mojibake = rng.chance(0.06);
  let title = prose.headline();
  if (mojibake && rng.chance(0.2)) title = misDecode(title.replace(/'/g, '’'));
  const brand = rng.pick(BRANDS);
  const base = truncateSlug(`${brand}-${kebab(title)}`, 90);
  let slug = base;
  for (let n = 2; ctx.slugs.has(slug); n++) slug = `${base}-${n}`;
  ctx.slugs.add(slug);

  const roll = rng.next();
  const status: ArticlePlan['status'] =
    roll < 0.01 ? 'draft' : roll < 0.02 ? 'scheduled' : 'published';
  const today = startOfUtcDay(now);
  const day =
    status === 'scheduled'
      ? today + rng.int(2, 180) * DAY_MS
      : today - rng.int(1, 3 * 365) * DAY_MS;
  const published = new Date(day + rng.int(0, DAY_MS / 1000 - 1) * 1000);
  const dateText = rng.chance(0.1) ? isoSeconds(published) : isoDate(published);
  const lastMod = new Date(published.getTime() + rng.int(0, 72 * 3600) * 1000);

  const lead = prose.sentence();
  let description = rng.chance(0.5) ? `${lead} ${prose.sentence()}` : lead;
  const multiLine = rng.chance(0.25);
  if (multiLine) description = `${lead}\n${prose.sentence()} ${prose.sentence()}`;
  if (mojibake) description = misDecode(description);

  const topics = pickTopics(rng, ctx.topics);
  const categories = topics.map((t) => t.name);

  let image: string | null = null;
  let featuredImage: FrontMatter | null = null;
  if (rng.chance(0.3)) {
    const href = `${id}-featuredImage.jpeg`;
    const missing = rng.chance(0.02 / 0.3);
    if (!missing) image = href;
    ctx.nextWorkPackage += 1;
    featuredImage = {
      alt: title,
      format: 'JPEG',
      href,
      size: [IMAGE_HEIGHT, IMAGE_WIDTH],
      valid: true,
      workPackage: ctx.nextWorkPackage,
      wpAttachment: {
        fileName: 'Curated_Featured_Image.jpg',
        link: `/api/v3/attachments/${ctx.nextWorkPackage + 11000}/content`,
      },
    };
  }

  const related: OfferingPlan[] = [];
  const relatedCount = rng.pick([0, 0, 1, 1, 2, 2, 3, 4, 5]);
  const pool = ctx.offerings;
  for (let i = 0; i < relatedCount * 3 && related.length < relatedCount; i++) {
    const candidate =
      rng.chance(0.05) && ctx.phantomOfferings.length > 0
        ? rng.pick(ctx.phantomOfferings)
        : (pool[rng.skewedIndex(pool.length)] as OfferingPlan);
    if (!related.includes(candidate)) related.push(candidate);
  }
  // Every reference-only offering is named by at least one article.
  const forced = ctx.phantomOfferings[index];
  if (forced && !related.includes(forced)) related.push(forced);
  if (related.length > 5) related.shift();

  const linkPath = `https://www.${brand}.example/news/${rng.pick(['emea', 'us', 'apac', 'global'])}/${truncateSlug(kebab(title), 70)}`;
  const workPackage = 14000 + index;
  const meta = metaDescription(rng, description, title);

  const data: FrontMatter = {};
  if (rng.chance(0.01)) {
    const alias = `/news/old-${slug}`;
    data.aliases = rng.chance(0.5) ? alias : [alias, `/news/old-${id.slice(0, 8)}`];
  }
  Object.assign(data, {
    archetype: 'curated-content',
    author: Array.from({ length: rng.pick([1, 1, 1, 2, 3]) }, () => prose.person()),
    basePath: '/news/',
    breadcrumbLinks: ['/', '/news/', ''],
    breadcrumbs: ['Home', 'News', title],
    categories,
    categorySlug: categories.map((c) => c.toLowerCase()),
    categoryUrl: topics.map((t) => `topic/${t.slug}`),
    categoryLabel: topics.map((t) => t.label),
    contentCategories: 'netspective-medigy-news-curated-content',
    institution: null,
    offering: null,
    layOut: 'single',
    date: dateText,
    description,
    favIconImage: null,
    featuredImage,
    featuredPdf: null,
    htmlMetaData: meta.html,
    id: workPackage,
    identifier: 'News',
    lastMod: isoMicros(lastMod, rng),
    link: { brand: `${brand}.example`, href: linkPath, original: linkPath },
    href: linkPath,
    original: linkPath,
    mastHead: 'NEWS',
    mdName: `${id}.md`,
    openGraphMetaData: meta.og,
    openProjectCustomFields: {
      cleanUrl: linkPath,
      medigyTopics: categories.slice(),
      sourceUrl: linkPath,
    },
    openProjectWorkPackageType: 'Curated Content',
    searchCategory: 'News',
    slug,
    source: 'open-project-curations',
    status: status === 'draft' ? 'draft' : '',
    sub: 'brief',
    tags: ['News', ...new Set(Array.from({ length: rng.int(0, 2) }, () => rng.pick(TAGS)))].filter(
      (t, i, a) => a.indexOf(t) === i,
    ),
    title,
    via: ' ',
    insights_description: null,
    insights_name: null,
    viaLink: null,
  });
  if (related.length > 0 || rng.chance(0.9)) {
    data.relatedOfferings = related.map((o) => ({
      label: o.ref.label,
      permalink: `/offering/${o.ref.slug}`,
      categories: o.ref.categories.slice(),
      offeringId: o.ref.offeringId,
    }));
  }
  data.twitterMetaData = meta.twitter;
  // Fields the pipeline added later; the portal must ignore them.
  if (rng.chance(0.05)) data.curationScore = Math.round(rng.next() * 100) / 100;
  if (rng.chance(0.05)) data.pipelineVersion = `3.${rng.int(0, 9)}`;
  if (rng.chance(0.03))
    data.sentiment = {
      label: rng.pick(['positive', 'neutral', 'negative']),
      score: Math.round(rng.next() * 100) / 100,
    };
  if (rng.chance(0.03)) data['x-source-hash'] = rng.hex(40);
  if (rng.chance(0.02)) data.legacyIds = [rng.int(1000, 9999), rng.int(1000, 9999)];

  const flags: BodyFlags = { braces: rng.chance(0.12), lessThan: rng.chance(0.1), mojibake };
  const targetWords = rng.int(200, 1100);
  let body = rng.chance(0.5)
    ? htmlBody(rng, prose, targetWords, flags)
    : markdownBody(rng, prose, targetWords, flags);
  if (mojibake) body = misDecode(body.replace(/'/g, '’'));
  if (!body.endsWith('\n')) body += '\n';

  const styles: Record<string, Scalar.Type> = {
    date: Scalar.QUOTE_SINGLE,
    lastMod: Scalar.QUOTE_SINGLE,
  };
  if (multiLine) styles.description = Scalar.BLOCK_FOLDED;
  return { file, slug, status, text: mdxFile(toYaml(data, styles), body), image };
}
