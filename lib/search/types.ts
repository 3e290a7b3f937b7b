/**
 * The shapes of search: what an engine indexes, what it is asked and what it answers. Plain
 * data only, so the browser's search box can use the same types as the server.
 */

export const SEARCH_TYPES = ['article', 'offering', 'topic'] as const;

export type SearchType = (typeof SEARCH_TYPES)[number];

/** A validated query (see query.ts); every field has a value. */
export interface SearchQuery {
  /** Trimmed; empty means "no search yet" and finds nothing. */
  q: string;
  type: SearchType | null;
  /** A topic slug. */
  topic: string | null;
  /** 1-based. */
  page: number;
  /** Hits per page. */
  limit: number;
}

/**
 * Text cut into runs, `match` marking the runs that matched the query. Rendered as elements,
 * never as an HTML string, so content can never inject markup.
 */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

export type Highlighted = HighlightSegment[];

export interface SearchHit {
  /** `article:<slug>`, `offering:<slug>` or `topic:<slug>`. */
  id: string;
  type: SearchType;
  slug: string;
  /** Site path of the page, e.g. `/news/<slug>`. */
  url: string;
  title: string;
  titleHighlight: Highlighted;
  /** A passage around the best match, or the start of the summary when only the title matched. */
  snippet: Highlighted;
  /** Articles: ISO publication date. */
  publishedAt: string | null;
  /** Who it comes from: an article's source, an offering's vendor. */
  detail: string | null;
}

export interface TopicCount {
  slug: string;
  label: string;
  count: number;
}

export interface SearchCounts {
  /** Matches of each type, within the topic filter. */
  type: Record<SearchType, number>;
  /** Matches in each topic, within the type filter; largest first, at most 20 plus the selected one. */
  topic: TopicCount[];
}

export interface SearchResponse {
  query: SearchQuery;
  /** Matches within the filters. */
  total: number;
  /**
   * False when so many matched that `total` and the counts are estimates (the engine ranked
   * only the newest matches; see lib/content/sql/search-window.ts).
   */
  exact: boolean;
  /** 0 when nothing matched. */
  pageCount: number;
  hits: SearchHit[];
  counts: SearchCounts;
}
