/**
 * The shapes the views use. Built from the raw front matter by the loader; plain data only,
 * so any of it can be handed to a client component.
 */

export interface ImageAsset {
  /** Site path served by the media route, e.g. `/media/news/launch.jpeg`. */
  src: string;
  alt: string;
  width: number;
  height: number;
}

export interface TopicRef {
  slug: string;
  /** The exact name articles list in `categories`, e.g. `Medigy: Social Care`. */
  name: string;
  /** The short label shown to readers, e.g. `Social Care`. */
  label: string;
}

export interface SourceLink {
  /** Publication name shown as "via …". */
  name: string;
  /** The publication's domain, e.g. `healthcareitnews.com`: its page is /source/<brand>. */
  brand: string;
  url: string;
}

export interface AuthorRef {
  /** As the article names them. */
  name: string;
  /**
   * URL: /author/<slug>. Null when the name has no letter or digit a slug can keep
   * (slugify in text.ts): the name is shown without a link.
   */
  slug: string | null;
}

export interface Author {
  slug: string;
  /** The profile's name, else the name the newest article uses. */
  name: string;
  role: string | null;
  photo: ImageAsset | null;
  links: string[];
  /** False when the author exists only because articles name them. */
  hasProfile: boolean;
  file: string | null;
  /** The profile's biography. */
  body: CompiledBody | null;
}

/** Front-matter overrides of a page's metadata; null where the pipeline wrote null or nothing. */
export interface MetaOverrides {
  html: {
    description: string | null;
    keywords: string | null;
    robots: string | null;
    author: string | null;
  };
  openGraph: {
    title: string | null;
    description: string | null;
    image: string | null;
    url: string | null;
    siteName: string | null;
    type: string | null;
  };
  twitter: {
    card: string | null;
    title: string | null;
    description: string | null;
    image: string | null;
  };
}

/** Compiled MDX (function-body JavaScript produced by the MDX compiler from sanitised markup). */
export interface CompiledBody {
  code: string;
  /** Plain text of the body, for reading time, excerpts and search. */
  text: string;
}

export type ArticleStatus = 'published' | 'draft';

/** An article as lists, cards and feeds show it: everything but its body. */
export interface ArticleSummary {
  slug: string;
  /** Path of the source file relative to the content folder. */
  file: string;
  title: string;
  description: string;
  publishedAt: string;
  modifiedAt: string;
  /** In the order the article lists them. */
  authors: AuthorRef[];
  image: ImageAsset | null;
  source: SourceLink | null;
  topics: TopicRef[];
  tags: string[];
  offerings: string[];
  aliases: string[];
  status: ArticleStatus;
  meta: MetaOverrides;
  readingMinutes: number;
}

export interface Article extends ArticleSummary {
  body: CompiledBody;
}

export interface Topic extends TopicRef {
  description: string | null;
  /** False when the topic exists only because articles name it. */
  hasProfile: boolean;
  file: string | null;
  body: CompiledBody | null;
}

export interface Offering {
  slug: string;
  title: string;
  offeringId: number | null;
  vendor: string | null;
  website: string | null;
  description: string | null;
  topics: TopicRef[];
  image: ImageAsset | null;
  /** False when no profile file exists and the page is built from article references. */
  hasProfile: boolean;
  file: string | null;
  body: CompiledBody | null;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}
