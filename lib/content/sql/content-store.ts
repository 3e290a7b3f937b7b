/**
 * The site's queries, in SQL that SQLite and PostgreSQL both run (the few functions they spell
 * differently come from the engine's Dialect). Every list is paged or bounded in SQL, so no
 * query holds more of the corpus in memory than one page of it. What a reader may see is
 * decided here, per query, from the view: published and dated in the past, or anything in an
 * editor's preview. Search is the engine's own (its full-text index differs).
 */
import type { ContentProblem } from '../problems';
import type {
  AuthorSummary,
  ContentStore,
  EditorialQueue,
  Position,
  SitemapSources,
  Source,
  TopicNeighbours,
  TopicSummary,
  View,
} from '../store';
import type { Article, ArticleSummary, Author, Offering, Paged, Topic } from '../types';
import type { SearchQuery, SearchResponse } from '../../search/types';

import { problemsOf } from './problems';
import {
  ARTICLE_VISIBLE,
  author,
  BESIDE,
  bylineAuthor,
  DOC_VISIBLE,
  NAMED_AUTHORS,
  NEWEST_FIRST,
  offering,
  offeringColumns,
  REFERENCES_NEWEST_FIRST,
  source,
  sources,
  summary,
  summaryColumns,
  visible,
  type AuthorRow,
  type ListingRow,
  type OfferingRow,
  type SourceRow,
  type SummaryRow,
} from './rows';
import { column, value, type Dialect, type SqlRunner } from './runner';

/** An engine's search: its full-text index is its own. */
export type SearchFunction = (query: SearchQuery, view: View) => Promise<SearchResponse>;

export class SqlContentStore implements ContentStore {
  private readonly summaryColumns: string;
  private readonly offeringColumns: string;

  constructor(
    private readonly db: SqlRunner,
    private readonly d: Dialect,
    private readonly searchEngine: SearchFunction,
  ) {
    this.summaryColumns = summaryColumns(d);
    this.offeringColumns = offeringColumns(d);
  }

  private params(view: View, extra: Record<string, unknown> = {}) {
    return { preview: view.preview ? 1 : 0, now: view.now, ...extra };
  }

  private all<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    return this.db.all<T>(sql, params);
  }

  private get<T>(sql: string, params: Record<string, unknown>): Promise<T | undefined> {
    return this.db.get<T>(sql, params);
  }

  private async count(sql: string, params: Record<string, unknown>): Promise<number> {
    return (await this.get<{ n: number }>(sql, params))?.n ?? 0;
  }

  async article(slug: string, view: View): Promise<Article | null> {
    const row = await this.get<SummaryRow & { body_code: string }>(
      `SELECT ${this.summaryColumns}, a.body_code, d.body AS body_text FROM articles a
       JOIN search_docs d ON d.id = 'article:' || a.slug WHERE a.slug = @slug AND ${ARTICLE_VISIBLE}`,
      this.params(view, { slug }),
    );
    if (!row) return null;
    return {
      ...summary(row),
      body: { code: row.body_code, text: (row as unknown as { body_text: string }).body_text },
    };
  }

  private page<T>(
    total: number,
    page: number,
    size: number,
    items: (offset: number) => Promise<T[]>,
  ): Promise<Paged<T> | null> {
    const pageCount = Math.max(1, Math.ceil(total / size));
    if (!Number.isInteger(page) || page < 1 || page > pageCount) return Promise.resolve(null);
    return items((page - 1) * size).then((found) => ({ items: found, page, pageCount, total }));
  }

  async articles(page: number, size: number, view: View): Promise<Paged<ArticleSummary> | null> {
    const params = this.params(view, { size });
    const total = await this.count(
      `SELECT COUNT(*) AS n FROM articles a WHERE ${ARTICLE_VISIBLE}`,
      params,
    );
    return this.page(total, page, size, (offset) =>
      this.all<SummaryRow>(
        `SELECT ${this.summaryColumns} FROM articles a WHERE ${ARTICLE_VISIBLE} ${NEWEST_FIRST} LIMIT @size OFFSET @offset`,
        { ...params, offset },
      ).then((rows) => rows.map(summary)),
    );
  }

  async articlesByTopic(
    slug: string,
    page: number,
    size: number,
    view: View,
  ): Promise<Paged<ArticleSummary> | null> {
    return this.referencing('article_topics', 'topic_slug', slug, page, size, view);
  }

  async articlesByAuthor(
    slug: string,
    page: number,
    size: number,
    view: View,
  ): Promise<Paged<ArticleSummary> | null> {
    return this.referencing('article_authors', 'author_slug', slug, page, size, view);
  }

  async articlesBySource(
    brand: string,
    page: number,
    size: number,
    view: View,
  ): Promise<Paged<ArticleSummary> | null> {
    const params = this.params(view, { brand, size });
    const from = `FROM articles a WHERE a.source_brand = @brand AND ${ARTICLE_VISIBLE}`;
    const total = await this.count(`SELECT COUNT(*) AS n ${from}`, params);
    return this.page(total, page, size, (offset) =>
      this.all<SummaryRow>(
        `SELECT ${this.summaryColumns} ${from} ${NEWEST_FIRST} LIMIT @size OFFSET @offset`,
        { ...params, offset },
      ).then((rows) => rows.map(summary)),
    );
  }

  /** A page of the visible articles a reference table links to `key`, read in order from its index. */
  private async referencing(
    table: string,
    column: string,
    key: string,
    page: number,
    size: number,
    view: View,
  ): Promise<Paged<ArticleSummary> | null> {
    const params = this.params(view, { key, size });
    const from = `FROM ${table} r WHERE r.${column} = @key AND ${visible('r')}`;
    const total = await this.count(`SELECT COUNT(*) AS n ${from}`, params);
    return this.page(total, page, size, (offset) =>
      this.all<SummaryRow>(
        `WITH chosen AS MATERIALIZED (SELECT r.article_slug, r.published_at, r.modified_at ${from} ${REFERENCES_NEWEST_FIRST} LIMIT @size OFFSET @offset)
         SELECT ${this.summaryColumns} FROM chosen r JOIN articles a ON a.slug = r.article_slug ${REFERENCES_NEWEST_FIRST}`,
        { ...params, offset },
      ).then((rows) => rows.map(summary)),
    );
  }

  async articlesByOffering(slug: string, limit: number, view: View): Promise<ArticleSummary[]> {
    return this.all<SummaryRow>(
      `WITH chosen AS MATERIALIZED (SELECT r.article_slug, r.published_at, r.modified_at FROM article_offerings r
         WHERE r.offering_slug = @slug AND ${visible('r')} ${REFERENCES_NEWEST_FIRST} LIMIT @limit)
       SELECT ${this.summaryColumns} FROM chosen r JOIN articles a ON a.slug = r.article_slug ${REFERENCES_NEWEST_FIRST}`,
      this.params(view, { slug, limit }),
    ).then((rows) => rows.map(summary));
  }

  async relatedArticles(slug: string, count: number, view: View): Promise<ArticleSummary[]> {
    return this.all<SummaryRow>(
      `WITH shared AS MATERIALIZED (
         SELECT r.article_slug, COUNT(*) AS n, MAX(r.published_at) AS published_at, MAX(r.modified_at) AS modified_at FROM (
           SELECT r.article_slug, r.published_at, r.modified_at, r.public_from FROM article_topics r
           WHERE r.topic_slug IN (SELECT topic_slug FROM article_topics WHERE article_slug = @slug)
           UNION ALL
           SELECT r.article_slug, r.published_at, r.modified_at, r.public_from FROM article_offerings r
           WHERE r.offering_slug IN (SELECT offering_slug FROM article_offerings WHERE article_slug = @slug)
         ) r WHERE r.article_slug != @slug AND ${visible('r')} GROUP BY r.article_slug
         ORDER BY n DESC, published_at DESC, modified_at DESC, r.article_slug LIMIT @count)
       SELECT ${this.summaryColumns} FROM shared r JOIN articles a ON a.slug = r.article_slug
       ORDER BY r.n DESC, ${REFERENCES_NEWEST_FIRST.slice('ORDER BY '.length)}`,
      this.params(view, { slug, count }),
    ).then((rows) => rows.map(summary));
  }

  async adjacentInTopic(slug: string, view: View): Promise<TopicNeighbours | null> {
    const me = await this.get<{
      topic_slug: string;
      name: string;
      label: string;
      published_at: string;
      modified_at: string;
    }>(
      `SELECT topic_slug, name, label, published_at, modified_at FROM article_topics WHERE article_slug = @slug ORDER BY position LIMIT 1`,
      { slug },
    );
    if (!me) return null;
    const params = this.params(view, {
      slug,
      topic: me.topic_slug,
      published: me.published_at,
      modified: me.modified_at,
    });
    const beside = (side: keyof typeof BESIDE) =>
      this.get<SummaryRow>(
        `WITH chosen AS MATERIALIZED (SELECT r.article_slug FROM article_topics r
           WHERE r.topic_slug = @topic AND ${visible('r')} AND ${BESIDE[side].where} ${BESIDE[side].order} LIMIT 1)
         SELECT ${this.summaryColumns} FROM chosen r JOIN articles a ON a.slug = r.article_slug`,
        params,
      );
    const [newer, older] = await Promise.all([beside('newer'), beside('older')]);
    return {
      topic: { slug: me.topic_slug, name: me.name, label: me.label },
      newer: newer ? summary(newer) : null,
      older: older ? summary(older) : null,
    };
  }

  async neighbours(articles: Position[], now: number): Promise<string[]> {
    const slugs = new Set<string>();
    const find = (side: keyof typeof BESIDE) =>
      `SELECT r.article_slug FROM article_topics r WHERE r.topic_slug = @topic AND r.article_slug != @slug
         AND ${visible('r')} AND ${BESIDE[side].where} ${BESIDE[side].order} LIMIT 1`;
    const [newer, older] = [find('newer'), find('older')];
    for (const article of articles) {
      for (const topic of article.topics) {
        const params = {
          preview: 0,
          now,
          slug: article.slug,
          topic,
          published: article.publishedAt,
          modified: article.modifiedAt,
        };
        for (const query of [newer, older]) {
          const slug = await value<string>(this.db, query, params);
          if (slug) slugs.add(slug);
        }
      }
    }
    return [...slugs];
  }

  async articlesPublishedBetween(
    since: number,
    until: number,
    view: View,
  ): Promise<ArticleSummary[]> {
    return this.all<SummaryRow>(
      `SELECT ${this.summaryColumns} FROM articles a
       WHERE a.published_at >= @since AND a.published_at < @until AND ${ARTICLE_VISIBLE} ${NEWEST_FIRST}`,
      this.params(view, {
        since: new Date(since).toISOString(),
        until: new Date(until).toISOString(),
      }),
    ).then((rows) => rows.map(summary));
  }

  async topic(slug: string, view: View): Promise<Topic | null> {
    const row = await this.get<{
      card: string | null;
      body_code: string | null;
      title: string;
      name: string;
    }>(
      `SELECT t.card, t.body_code, d.title, d.keywords AS name FROM search_docs d LEFT JOIN topics t ON t.slug = d.slug
       WHERE d.id = 'topic:' || @slug AND (t.slug IS NOT NULL OR ${topicInUse()})`,
      this.params(view, { slug }),
    );
    if (!row) return null;
    if (row.card)
      return {
        ...JSON.parse(row.card),
        body: row.body_code === null ? null : { code: row.body_code, text: '' },
      };
    return {
      slug,
      name: row.name,
      label: row.title,
      description: null,
      hasProfile: false,
      file: null,
      body: null,
    };
  }

  async topics(view: View): Promise<TopicSummary[]> {
    const rows = await this.all<{
      slug: string;
      card: string | null;
      title: string;
      name: string;
      articles: number;
      offerings: number;
    }>(
      `WITH visible_offerings AS (${VISIBLE_OFFERING_DOCS}),
       article_counts AS (
         SELECT r.topic_slug AS slug, COUNT(*) AS n FROM article_topics r WHERE ${visible('r')} GROUP BY r.topic_slug),
       offering_counts AS (
         SELECT dt.slug, COUNT(*) AS n FROM visible_offerings v JOIN search_doc_topics dt ON dt.doc = v.rowid GROUP BY dt.slug)
       SELECT d.slug, t.card, d.title, d.keywords AS name,
         COALESCE(ac.n, 0) AS articles, COALESCE(oc.n, 0) AS offerings
       FROM search_docs d LEFT JOIN topics t ON t.slug = d.slug
         LEFT JOIN article_counts ac ON ac.slug = d.slug LEFT JOIN offering_counts oc ON oc.slug = d.slug
       WHERE d.type = 'topic' AND (t.slug IS NOT NULL OR ac.n > 0 OR oc.n > 0)
       ORDER BY articles DESC, ${this.d.nocase('d.title')}`,
      this.params(view),
    );
    return rows.map((row) => ({
      ...(row.card
        ? { ...JSON.parse(row.card), body: null }
        : {
            slug: row.slug,
            name: row.name,
            label: row.title,
            description: null,
            hasProfile: false,
            file: null,
            body: null,
          }),
      articleCount: row.articles,
      offeringCount: row.offerings,
    }));
  }

  async author(slug: string, view: View): Promise<Author | null> {
    const profile = await this.get<AuthorRow>(
      `SELECT card, body_code, body_text FROM authors WHERE slug = @slug`,
      { slug },
    );
    if (profile) return author(profile);
    const named = await this.get<{ name: string }>(
      `SELECT r.name FROM article_authors r WHERE r.author_slug = @slug AND ${visible('r')} ${REFERENCES_NEWEST_FIRST} LIMIT 1`,
      this.params(view, { slug }),
    );
    return named ? bylineAuthor(slug, named.name) : null;
  }

  async authors(view: View): Promise<AuthorSummary[]> {
    const rows = await this.all<AuthorRow & ListingRow & { slug: string; name: string }>(
      `WITH named AS (${NAMED_AUTHORS})
       SELECT au.slug, au.name, au.card, au.body_code, au.body_text, COALESCE(n.n, 0) AS n, n.newest
       FROM authors au LEFT JOIN named n ON n.slug = au.slug AND n.rank = 1
       UNION ALL
       SELECT n.slug, n.name, NULL, NULL, NULL, n.n, n.newest FROM named n
       WHERE n.rank = 1 AND NOT EXISTS (SELECT 1 FROM authors au WHERE au.slug = n.slug)`,
      this.params(view),
    );
    return rows
      .map((row) => ({
        ...(row.card ? author(row) : bylineAuthor(row.slug, row.name)),
        articleCount: row.n,
        newest: row.newest,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.slug.localeCompare(b.slug));
  }

  async source(brand: string, view: View): Promise<Source | null> {
    const row = await this.get<SourceRow>(
      sources('AND a.source_brand = @brand'),
      this.params(view, { brand }),
    );
    return row ? source(row) : null;
  }

  async sources(view: View): Promise<Source[]> {
    return (await this.all<SourceRow>(sources(), this.params(view)))
      .map(source)
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.brand.localeCompare(b.brand));
  }

  async offering(slug: string, view: View): Promise<Offering | null> {
    const row = await this.get<OfferingRow>(
      `SELECT ${this.offeringColumns} FROM search_docs d LEFT JOIN offerings o ON o.slug = d.slug
       WHERE d.id = 'offering:' || @slug AND ${DOC_VISIBLE}`,
      this.params(view, { slug }),
    );
    return row ? offering(row) : null;
  }

  async offerings(page: number, size: number, view: View): Promise<Paged<Offering> | null> {
    const params = this.params(view, { size });
    const total = await this.count(
      `SELECT COUNT(*) AS n FROM (${VISIBLE_OFFERING_DOCS}) v`,
      params,
    );
    return this.page(total, page, size, (offset) =>
      this.all<OfferingRow>(
        `SELECT ${this.offeringColumns} FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid
         LEFT JOIN offerings o ON o.slug = d.slug ORDER BY d.conditional, ${this.d.nocase('d.title')}, d.slug LIMIT @size OFFSET @offset`,
        { ...params, offset },
      ).then((rows) => rows.map(offering)),
    );
  }

  async offeringsByTopic(slug: string, view: View): Promise<Offering[]> {
    return this.all<OfferingRow>(
      `SELECT ${this.offeringColumns} FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid
       LEFT JOIN offerings o ON o.slug = d.slug
       WHERE EXISTS (SELECT 1 FROM search_doc_topics dt WHERE dt.doc = d.rowid AND dt.slug = @slug)
       ORDER BY d.conditional, ${this.d.nocase('d.title')}, d.slug`,
      this.params(view, { slug }),
    ).then((rows) => rows.map(offering));
  }

  async offeringsBySlugs(slugs: string[], view: View): Promise<Offering[]> {
    if (slugs.length === 0) return [];
    const rows = await this.all<OfferingRow>(
      `SELECT ${this.offeringColumns} FROM search_docs d LEFT JOIN offerings o ON o.slug = d.slug
       WHERE d.type = 'offering' AND d.slug IN (${this.d.jsonValues('@slugs')}) AND ${DOC_VISIBLE}`,
      this.params(view, { slugs: JSON.stringify(slugs) }),
    );
    const bySlug = new Map(rows.map((row) => [row.slug, offering(row)]));
    return slugs.map((slug) => bySlug.get(slug)).filter((item): item is Offering => Boolean(item));
  }

  async featuredOfferings(count: number, view: View): Promise<Offering[]> {
    return this.all<OfferingRow>(
      `SELECT ${this.offeringColumns},
         (SELECT COUNT(*) FROM article_offerings r JOIN articles a ON a.slug = r.article_slug
          WHERE r.offering_slug = d.slug AND ${ARTICLE_VISIBLE}) AS mentions
       FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid LEFT JOIN offerings o ON o.slug = d.slug
       ORDER BY d.conditional, mentions DESC, d.title LIMIT @count`,
      this.params(view, { count }),
    ).then((rows) => rows.map(offering));
  }

  async relatedOfferings(slug: string, count: number, view: View): Promise<Offering[]> {
    return this.all<OfferingRow>(
      `WITH mine AS (SELECT dt.slug FROM search_docs d JOIN search_doc_topics dt ON dt.doc = d.rowid WHERE d.id = 'offering:' || @slug)
       SELECT ${this.offeringColumns},
         (SELECT COUNT(*) FROM search_doc_topics dt WHERE dt.doc = d.rowid AND dt.slug IN (SELECT slug FROM mine)) AS shared
       FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid LEFT JOIN offerings o ON o.slug = d.slug
       WHERE d.slug != @slug
         AND EXISTS (SELECT 1 FROM search_doc_topics dt WHERE dt.doc = d.rowid AND dt.slug IN (SELECT slug FROM mine))
       ORDER BY shared DESC, d.conditional, d.title LIMIT @count`,
      this.params(view, { slug, count }),
    ).then((rows) => rows.map(offering));
  }

  async aliasTarget(path: string, view: View): Promise<string | null> {
    const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const row = await this.get<{ slug: string }>(
      `SELECT a.slug FROM alias_claims c JOIN articles a ON a.slug = c.article_slug
       WHERE c.path = @path AND ${ARTICLE_VISIBLE} ORDER BY c.file LIMIT 1`,
      this.params(view, { path: normalized }),
    );
    return row?.slug ?? null;
  }

  async media(key: string, view: View): Promise<string | null> {
    const row = await this.get<{ absolute: string }>(
      `SELECT s.absolute FROM assets s WHERE s.key = @key AND (s.owner = '*' OR EXISTS (
         SELECT 1 FROM articles a WHERE a.slug = s.owner AND ${ARTICLE_VISIBLE})) LIMIT 1`,
      this.params(view, { key }),
    );
    return row?.absolute ?? null;
  }

  async pathOfSlug(slug: string): Promise<string | null> {
    const exists = async (sql: string) => (await this.get(sql, { slug })) !== undefined;
    if (await exists('SELECT 1 FROM articles WHERE slug = @slug')) return `/news/${slug}`;
    if (await exists(`SELECT 1 FROM search_docs WHERE id = 'topic:' || @slug`))
      return `/topic/${slug}`;
    if (await exists(`SELECT 1 FROM search_docs WHERE id = 'offering:' || @slug`))
      return `/offering/${slug}`;
    if (await exists('SELECT 1 FROM authors WHERE slug = @slug')) return `/author/${slug}`;
    return null;
  }

  async sitemapSources(view: View): Promise<SitemapSources> {
    const params = this.params(view);
    const articles = await this.all<{ slug: string; modifiedAt: string }>(
      `SELECT a.slug, a.modified_at AS "modifiedAt" FROM articles a WHERE ${ARTICLE_VISIBLE} ${NEWEST_FIRST}`,
      params,
    );
    const topics = (await this.topics(view)).map((topic) => topic.slug);
    const counts = new Map(
      (
        await this.all<{ slug: string; n: number; newest: string | null }>(
          `SELECT r.topic_slug AS slug, COUNT(*) AS n, MAX(r.modified_at) AS newest FROM article_topics r
         WHERE ${visible('r')} GROUP BY r.topic_slug`,
          params,
        )
      ).map((row) => [row.slug, row]),
    );
    const offerings = await column<string>(
      this.db,
      `SELECT d.slug FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid ORDER BY d.conditional, ${this.d.nocase('d.title')}, d.slug`,
      params,
    );
    return {
      articles,
      topics: topics.map((slug) => ({
        slug,
        articleCount: counts.get(slug)?.n ?? 0,
        newest: counts.get(slug)?.newest ?? null,
      })),
      authors: (await this.authors(view)).map(({ slug, articleCount, newest }) => ({
        slug,
        articleCount,
        newest,
      })),
      sources: (await this.sources(view)).map(({ brand, articleCount, newest }) => ({
        slug: brand,
        articleCount,
        newest,
      })),
      offerings,
    };
  }

  async editorialQueue(view: View): Promise<EditorialQueue> {
    const drafts = await this.all<SummaryRow>(
      `SELECT ${this.summaryColumns} FROM articles a WHERE a.public_from IS NULL ${NEWEST_FIRST}`,
      {},
    ).then((rows) => rows.map(summary));
    const scheduled = await this.all<SummaryRow>(
      `SELECT ${this.summaryColumns} FROM articles a WHERE a.public_from > @now ORDER BY a.public_from, a.slug`,
      { now: view.now },
    ).then((rows) => rows.map(summary));
    return { drafts, scheduled, problems: await this.problems() };
  }

  async problems(files?: string[]): Promise<ContentProblem[]> {
    return problemsOf(this.db, this.d, files ?? null);
  }

  async publishedBetween(since: number, until: number): Promise<ArticleSummary[]> {
    return this.all<SummaryRow>(
      `SELECT ${this.summaryColumns} FROM articles a WHERE a.public_from > CAST(@since AS double precision) AND a.public_from <= CAST(@until AS double precision) ${NEWEST_FIRST}`,
      { since, until },
    ).then((rows) => rows.map(summary));
  }

  async nextPublicationAfter(now: number): Promise<number | null> {
    return (
      (await value<number | null>(
        this.db,
        'SELECT MIN(public_from) FROM articles WHERE public_from > CAST(? AS double precision)',
        [now],
      )) ?? null
    );
  }

  async search(query: SearchQuery, view: View): Promise<SearchResponse> {
    return this.searchEngine(query, view);
  }
}

/** Offering entries a view may see: every profile, and each other one while an article naming it is. */
const VISIBLE_OFFERING_DOCS = `SELECT d.rowid FROM search_docs d WHERE d.type = 'offering' AND ${DOC_VISIBLE}`;

/** A topic without a profile exists while a visible article names it, or a visible offering. */
function topicInUse(): string {
  return `(EXISTS (SELECT 1 FROM article_topics r WHERE r.topic_slug = @slug AND ${visible('r')})
        OR EXISTS (SELECT 1 FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_doc_topics dt ON dt.doc = v.rowid
              WHERE dt.slug = @slug))`;
}
