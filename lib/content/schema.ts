import { z } from 'zod';

import type { ArticleStatus } from './types';

/**
 * The front matter as the curation pipeline and editors write it (see docs/content.md).
 * Lenient where the pipeline is loose (a string or a list, null for "no value"); strict
 * where a wrong value would publish a broken page (title, slug, dates). Unknown fields
 * are dropped, so new pipeline fields change nothing.
 */

const text = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((value) => String(value).trim());

const optionalText = text.nullish().transform((value) => (value ? value : null));

/** A string or a list of strings; null, empty strings and missing values become []. */
const textList = z
  .union([text, z.array(text.nullable())])
  .nullish()
  .transform((value) =>
    (Array.isArray(value) ? value : [value]).filter((item): item is string => Boolean(item)),
  );

export const slugSchema = text.pipe(
  z
    .string()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .regex(
      /^[A-Za-z0-9](?:[A-Za-z0-9._~-]*[A-Za-z0-9])?$/,
      'must contain only letters, digits, ".", "_", "~" and "-", and start and end with a letter or digit',
    ),
);

const dateSchema = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : parseDate(value);
  if (!date) {
    ctx.addIssue({
      code: 'custom',
      message: `"${String(value)}" is not an ISO 8601 date such as 2022-07-14`,
    });
    return z.NEVER;
  }
  return date;
});

export const imageSchema = z
  .object({
    alt: optionalText,
    href: text.pipe(z.string().min(1, 'must name the image file')),
    size: z.array(z.coerce.number().int().positive()).length(2).nullish(),
  })
  .nullish();

export const offeringRefSchema = z.object({
  label: text.pipe(z.string().min(1, 'must not be empty')),
  permalink: optionalText,
  categories: textList,
  offeringId: z.coerce.number().int().nullish(),
});

const metaOverrides = z.record(z.string(), z.unknown()).nullish();

export const rawArticleSchema = z.object({
  title: text.pipe(z.string().min(1, 'must not be empty')),
  slug: slugSchema,
  aliases: textList,
  date: dateSchema,
  lastMod: dateSchema.nullish(),
  author: textList,
  description: optionalText,
  categories: textList,
  categoryUrl: textList,
  categoryLabel: textList,
  featuredImage: z.unknown().optional(),
  link: z.object({ brand: optionalText, href: optionalText, original: optionalText }).nullish(),
  relatedOfferings: z.array(z.unknown()).nullish(),
  tags: textList,
  status: optionalText,
  openGraphMetaData: metaOverrides,
  twitterMetaData: metaOverrides,
  htmlMetaData: metaOverrides,
});

/** What an article's `status` means: empty or "published" publishes it; null for an unknown value. */
export function articleStatus(value: string | null): ArticleStatus | null {
  if (value === 'draft') return 'draft';
  return !value || value === 'published' ? 'published' : null;
}

export const rawTopicSchema = z.object({
  title: optionalText,
  name: text.pipe(z.string().min(1, 'must not be empty')),
  slug: slugSchema,
  description: optionalText,
});

export const rawOfferingSchema = z.object({
  title: text.pipe(z.string().min(1, 'must not be empty')),
  slug: slugSchema,
  offeringId: z.coerce.number().int().nullish(),
  vendor: optionalText,
  website: optionalText,
  categories: textList,
  description: optionalText,
  date: dateSchema.nullish(),
  featuredImage: z.unknown().optional(),
});

export const rawAuthorSchema = z.object({
  name: text.pipe(z.string().min(1, 'must not be empty')),
  /** By default the slugified name, the slug of a byline without a profile. */
  slug: slugSchema.nullish(),
  role: optionalText,
  /** A file beside the profile. */
  photo: optionalText,
  links: textList,
});

export type RawArticle = z.infer<typeof rawArticleSchema>;
export type RawTopic = z.infer<typeof rawTopicSchema>;
export type RawOffering = z.infer<typeof rawOfferingSchema>;
export type RawAuthor = z.infer<typeof rawAuthorSchema>;
export type RawImage = z.infer<typeof imageSchema>;
export type RawOfferingRef = z.infer<typeof offeringRefSchema>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Accepts `2022-07-14` (taken as UTC midnight) and full ISO 8601 date-times. */
export function parseDate(value: string): Date | null {
  const trimmed = value.trim();
  if (!DATE_ONLY.test(trimmed) && !DATE_TIME.test(trimmed)) return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  const iso = DATE_ONLY.test(trimmed) ? `${trimmed}T00:00:00Z` : hasZone ? trimmed : `${trimmed}Z`;
  const date = new Date(iso.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return null;
  // JavaScript rolls 2022-02-31 over to March; a calendar date that does not exist is an error.
  if (!hasZone && date.toISOString().slice(0, 10) !== trimmed.slice(0, 10)) return null;
  return date;
}
