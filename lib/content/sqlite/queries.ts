/**
 * The site's queries on SQLite. Every list is paged or bounded in SQL, so no query holds more
 * of the corpus in memory than one page of it. What a reader may see is decided here, per
 * query, from the view: published and dated in the past, or anything in an editor's preview.
 */
import type { ContentProblem } from '../problems';
import type { ContentStore, EditorialQueue, SitemapSources, TopicSummary, View } from '../store';
import type { Article, ArticleSummary, Offering, Paged, Topic, TopicRef } from '../types';
import type { SearchQuery, SearchResponse } from '../../search/types';

import type { Db } from './connection';
import { searchSqlite } from './search';

/** An article the view may see (`a` is the articles row). */
export const ARTICLE_VISIBLE = '(@preview = 1 OR (a.public_from IS NOT NULL AND a.public_from <= @now))';

/**
 * A search document (`d`) the view may see: an article by its date; a topic or offering that
 * exists only through references while one of the articles naming it is visible.
 */
export const DOC_VISIBLE = `(@preview = 1 OR (
  d.public_from IS NOT NULL AND d.public_from <= @now AND (d.conditional = 0 OR EXISTS (
    SELECT 1 FROM search_requires r JOIN search_docs a ON a.id = 'article:' || r.article_slug
    WHERE r.doc = d.rowid AND a.public_from IS NOT NULL AND a.public_from <= @now))))`;

/** Columns that make an ArticleSummary out of an articles row `a`. */
const SUMMARY_COLUMNS = `a.card,
  (SELECT json_group_array(json_object('slug', topic_slug, 'name', name, 'label', label))
     FROM (SELECT * FROM article_topics t WHERE t.article_slug = a.slug ORDER BY position)) AS topics,
  (SELECT json_group_array(offering_slug)
     FROM (SELECT offering_slug FROM article_offerings o WHERE o.article_slug = a.slug ORDER BY position)) AS offerings`;
const NEWEST_FIRST = 'ORDER BY a.published_at DESC, a.modified_at DESC, a.slug';

interface SummaryRow {
  card: string;
  topics: string;
  offerings: string;
}

function summary(row: SummaryRow): ArticleSummary {
  return { ...JSON.parse(row.card), topics: JSON.parse(row.topics), offerings: JSON.parse(row.offerings) };
}

/** Columns of an offering from `search_docs d` (the entry every offering has), profile or not. */
const OFFERING_COLUMNS = `d.slug, o.card, o.body_code, d.title,
  (SELECT json_group_array(json_object('slug', slug, 'name', name, 'label', label)) FROM search_doc_topics WHERE doc = d.rowid) AS topics`;

interface OfferingRow {
  slug: string;
  card: string | null;
  body_code: string | null;
  title: string;
  topics: string;
}

function offering(row: OfferingRow): Offering {
  if (row.card) {
    const card = JSON.parse(row.card) as Omit<Offering, 'body'>;
    return { ...card, body: row.body_code === null ? null : { code: row.body_code, text: '' } };
  }
  const topics = JSON.parse(row.topics) as TopicRef[];
  return {
    slug: row.slug,
    title: row.title,
    offeringId: null,
    vendor: null,
    website: null,
    description: null,
    topics,
    image: null,
    hasProfile: false,
    file: null,
    body: null,
  };
}

export class SqliteContentStore implements ContentStore {
  constructor(private readonly db: Db) {}

  private params(view: View, extra: Record<string, unknown> = {}) {
    return { preview: view.preview ? 1 : 0, now: view.now, ...extra };
  }

  private all<T>(sql: string, params: Record<string, unknown>): T[] {
    return this.db.prepare(sql).all(params) as T[];
  }

  private get<T>(sql: string, params: Record<string, unknown>): T | undefined {
    return this.db.prepare(sql).get(params) as T | undefined;
  }

  async article(slug: string, view: View): Promise<Article | null> {
    const row = this.get<SummaryRow & { body_code: string }>(
      `SELECT ${SUMMARY_COLUMNS}, a.body_code, d.body AS body_text FROM articles a
       JOIN search_docs d ON d.id = 'article:' || a.slug WHERE a.slug = @slug AND ${ARTICLE_VISIBLE}`,
      this.params(view, { slug }),
    );
    if (!row) return null;
    return { ...summary(row), body: { code: row.body_code, text: (row as unknown as { body_text: string }).body_text } };
  }

  private page<T>(total: number, page: number, size: number, items: (offset: number) => T[]): Paged<T> | null {
    const pageCount = Math.max(1, Math.ceil(total / size));
    if (!Number.isInteger(page) || page < 1 || page > pageCount) return null;
    return { items: items((page - 1) * size), page, pageCount, total };
  }

  async articles(page: number, size: number, view: View): Promise<Paged<ArticleSummary> | null> {
    const params = this.params(view, { size });
    const total = this.get<{ n: number }>(`SELECT COUNT(*) AS n FROM articles a WHERE ${ARTICLE_VISIBLE}`, params)!.n;
    return this.page(total, page, size, (offset) =>
      this.all<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE ${ARTICLE_VISIBLE} ${NEWEST_FIRST} LIMIT @size OFFSET @offset`,
        { ...params, offset },
      ).map(summary),
    );
  }

  async articlesByTopic(slug: string, page: number, size: number, view: View): Promise<Paged<ArticleSummary> | null> {
    const params = this.params(view, { slug, size });
    const from = `FROM article_topics t JOIN articles a ON a.slug = t.article_slug WHERE t.topic_slug = @slug AND ${ARTICLE_VISIBLE}`;
    const total = this.get<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, params)!.n;
    return this.page(total, page, size, (offset) =>
      this.all<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} ${from} ${NEWEST_FIRST} LIMIT @size OFFSET @offset`, { ...params, offset }).map(summary),
    );
  }

  async articlesByOffering(slug: string, limit: number, view: View): Promise<ArticleSummary[]> {
    return this.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM article_offerings o JOIN articles a ON a.slug = o.article_slug
       WHERE o.offering_slug = @slug AND ${ARTICLE_VISIBLE} ${NEWEST_FIRST} LIMIT @limit`,
      this.params(view, { slug, limit }),
    ).map(summary);
  }

  async articlesPublishedBetween(since: number, until: number, view: View): Promise<ArticleSummary[]> {
    return this.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM articles a
       WHERE a.published_at >= @since AND a.published_at < @until AND ${ARTICLE_VISIBLE} ${NEWEST_FIRST}`,
      this.params(view, { since: new Date(since).toISOString(), until: new Date(until).toISOString() }),
    ).map(summary);
  }

  async topic(slug: string, view: View): Promise<Topic | null> {
    const row = this.get<{ card: string | null; body_code: string | null; title: string; name: string }>(
      `SELECT t.card, t.body_code, d.title, d.keywords AS name FROM search_docs d LEFT JOIN topics t ON t.slug = d.slug
       WHERE d.id = 'topic:' || @slug AND (t.slug IS NOT NULL OR ${topicInUse()})`,
      this.params(view, { slug }),
    );
    if (!row) return null;
    if (row.card) return { ...JSON.parse(row.card), body: row.body_code === null ? null : { code: row.body_code, text: '' } };
    return { slug, name: row.name, label: row.title, description: null, hasProfile: false, file: null, body: null };
  }

  async topics(view: View): Promise<TopicSummary[]> {
    const rows = this.all<{ slug: string; card: string | null; title: string; name: string; articles: number; offerings: number }>(
      `WITH visible_offerings AS (${VISIBLE_OFFERING_DOCS}),
       article_counts AS (
         SELECT t.topic_slug AS slug, COUNT(*) AS n FROM article_topics t JOIN articles a ON a.slug = t.article_slug
         WHERE ${ARTICLE_VISIBLE} GROUP BY t.topic_slug),
       offering_counts AS (
         SELECT dt.slug, COUNT(*) AS n FROM visible_offerings v JOIN search_doc_topics dt ON dt.doc = v.rowid GROUP BY dt.slug)
       SELECT d.slug, t.card, d.title, d.keywords AS name,
         COALESCE(ac.n, 0) AS articles, COALESCE(oc.n, 0) AS offerings
       FROM search_docs d LEFT JOIN topics t ON t.slug = d.slug
         LEFT JOIN article_counts ac ON ac.slug = d.slug LEFT JOIN offering_counts oc ON oc.slug = d.slug
       WHERE d.type = 'topic' AND (t.slug IS NOT NULL OR ac.n > 0 OR oc.n > 0)
       ORDER BY articles DESC, d.title COLLATE NOCASE`,
      this.params(view),
    );
    return rows.map((row) => ({
      ...(row.card
        ? { ...JSON.parse(row.card), body: null }
        : { slug: row.slug, name: row.name, label: row.title, description: null, hasProfile: false, file: null, body: null }),
      articleCount: row.articles,
      offeringCount: row.offerings,
    }));
  }

  async offering(slug: string, view: View): Promise<Offering | null> {
    const row = this.get<OfferingRow>(
      `SELECT ${OFFERING_COLUMNS} FROM search_docs d LEFT JOIN offerings o ON o.slug = d.slug
       WHERE d.id = 'offering:' || @slug AND ${DOC_VISIBLE}`,
      this.params(view, { slug }),
    );
    return row ? offering(row) : null;
  }

  async offerings(page: number, size: number, view: View): Promise<Paged<Offering> | null> {
    const params = this.params(view, { size });
    const total = this.get<{ n: number }>(`SELECT COUNT(*) AS n FROM (${VISIBLE_OFFERING_DOCS})`, params)!.n;
    return this.page(total, page, size, (offset) =>
      this.all<OfferingRow>(
        `SELECT ${OFFERING_COLUMNS} FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid
         LEFT JOIN offerings o ON o.slug = d.slug ORDER BY d.conditional, d.title COLLATE NOCASE, d.slug LIMIT @size OFFSET @offset`,
        { ...params, offset },
      ).map(offering),
    );
  }

  async offeringsByTopic(slug: string, view: View): Promise<Offering[]> {
    return this.all<OfferingRow>(
      `SELECT ${OFFERING_COLUMNS} FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid
       LEFT JOIN offerings o ON o.slug = d.slug
       WHERE EXISTS (SELECT 1 FROM search_doc_topics dt WHERE dt.doc = d.rowid AND dt.slug = @slug)
       ORDER BY d.conditional, d.title COLLATE NOCASE, d.slug`,
      this.params(view, { slug }),
    ).map(offering);
  }

  async offeringsBySlugs(slugs: string[], view: View): Promise<Offering[]> {
    if (slugs.length === 0) return [];
    const rows = this.all<OfferingRow>(
      `SELECT ${OFFERING_COLUMNS} FROM search_docs d LEFT JOIN offerings o ON o.slug = d.slug
       WHERE d.type = 'offering' AND d.slug IN (SELECT value FROM json_each(@slugs)) AND ${DOC_VISIBLE}`,
      this.params(view, { slugs: JSON.stringify(slugs) }),
    );
    const bySlug = new Map(rows.map((row) => [row.slug, offering(row)]));
    return slugs.map((slug) => bySlug.get(slug)).filter((item): item is Offering => Boolean(item));
  }

  async featuredOfferings(count: number, view: View): Promise<Offering[]> {
    return this.all<OfferingRow>(
      `SELECT ${OFFERING_COLUMNS},
         (SELECT COUNT(*) FROM article_offerings r JOIN articles a ON a.slug = r.article_slug
          WHERE r.offering_slug = d.slug AND ${ARTICLE_VISIBLE}) AS mentions
       FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid LEFT JOIN offerings o ON o.slug = d.slug
       ORDER BY d.conditional, mentions DESC, d.title LIMIT @count`,
      this.params(view, { count }),
    ).map(offering);
  }

  async relatedOfferings(slug: string, count: number, view: View): Promise<Offering[]> {
    return this.all<OfferingRow>(
      `WITH mine AS (SELECT dt.slug FROM search_docs d JOIN search_doc_topics dt ON dt.doc = d.rowid WHERE d.id = 'offering:' || @slug)
       SELECT ${OFFERING_COLUMNS},
         (SELECT COUNT(*) FROM search_doc_topics dt WHERE dt.doc = d.rowid AND dt.slug IN (SELECT slug FROM mine)) AS shared
       FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid LEFT JOIN offerings o ON o.slug = d.slug
       WHERE d.slug != @slug AND shared > 0
       ORDER BY shared DESC, d.conditional, d.title LIMIT @count`,
      this.params(view, { slug, count }),
    ).map(offering);
  }

  async aliasTarget(path: string, view: View): Promise<string | null> {
    const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const row = this.get<{ slug: string }>(
      `SELECT a.slug FROM alias_claims c JOIN articles a ON a.slug = c.article_slug
       WHERE c.path = @path AND ${ARTICLE_VISIBLE} ORDER BY c.file LIMIT 1`,
      this.params(view, { path: normalized }),
    );
    return row?.slug ?? null;
  }

  async media(key: string, view: View): Promise<string | null> {
    const row = this.get<{ absolute: string }>(
      `SELECT s.absolute FROM assets s WHERE s.key = @key AND (s.owner = '*' OR EXISTS (
         SELECT 1 FROM articles a WHERE a.slug = s.owner AND ${ARTICLE_VISIBLE})) LIMIT 1`,
      this.params(view, { key }),
    );
    return row?.absolute ?? null;
  }

  async pathOfSlug(slug: string): Promise<string | null> {
    if (this.get('SELECT 1 FROM articles WHERE slug = @slug', { slug })) return `/news/${slug}`;
    if (this.get(`SELECT 1 FROM search_docs WHERE id = 'topic:' || @slug`, { slug })) return `/topic/${slug}`;
    if (this.get(`SELECT 1 FROM search_docs WHERE id = 'offering:' || @slug`, { slug })) return `/offering/${slug}`;
    return null;
  }

  async sitemapSources(view: View): Promise<SitemapSources> {
    const params = this.params(view);
    const articles = this.all<{ slug: string; modifiedAt: string }>(
      `SELECT a.slug, a.modified_at AS modifiedAt FROM articles a WHERE ${ARTICLE_VISIBLE} ${NEWEST_FIRST}`,
      params,
    );
    const topics = (await this.topics(view)).map((topic) => topic.slug);
    const counts = new Map(
      this.all<{ slug: string; n: number; newest: string | null }>(
        `SELECT t.topic_slug AS slug, COUNT(*) AS n, MAX(a.modified_at) AS newest FROM article_topics t
         JOIN articles a ON a.slug = t.article_slug WHERE ${ARTICLE_VISIBLE} GROUP BY t.topic_slug`,
        params,
      ).map((row) => [row.slug, row]),
    );
    const offerings = this.all<{ slug: string }>(
      `SELECT d.slug FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid ORDER BY d.conditional, d.title COLLATE NOCASE, d.slug`,
      params,
    ).map((row) => row.slug);
    return {
      articles,
      topics: topics.map((slug) => ({ slug, articleCount: counts.get(slug)?.n ?? 0, newest: counts.get(slug)?.newest ?? null })),
      offerings,
    };
  }

  async editorialQueue(view: View): Promise<EditorialQueue> {
    const drafts = this.all<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.public_from IS NULL ${NEWEST_FIRST}`, {}).map(summary);
    const scheduled = this.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.public_from > @now ORDER BY a.public_from, a.slug`,
      { now: view.now },
    ).map(summary);
    return { drafts, scheduled, problems: await this.problems() };
  }

  async problems(): Promise<ContentProblem[]> {
    return problemsOf(this.db);
  }

  async publishedBetween(since: number, until: number): Promise<ArticleSummary[]> {
    return this.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.public_from > @since AND a.public_from <= @until ${NEWEST_FIRST}`,
      { since, until },
    ).map(summary);
  }

  async nextPublicationAfter(now: number): Promise<number | null> {
    return (this.db.prepare('SELECT MIN(public_from) FROM articles WHERE public_from > ?').pluck().get(now) as number | null) ?? null;
  }

  async search(query: SearchQuery, view: View): Promise<SearchResponse> {
    return searchSqlite(this.db, query, view);
  }
}

/** Offering entries a view may see: every profile, and each other one while an article naming it is. */
const VISIBLE_OFFERING_DOCS = `SELECT d.rowid FROM search_docs d WHERE d.type = 'offering' AND ${DOC_VISIBLE}`;

/** A topic without a profile exists while a visible article names it, or a visible offering. */
function topicInUse(): string {
  return `(EXISTS (SELECT 1 FROM article_topics t JOIN articles a ON a.slug = t.article_slug
              WHERE t.topic_slug = @slug AND ${ARTICLE_VISIBLE})
        OR EXISTS (SELECT 1 FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_doc_topics dt ON dt.doc = v.rowid
              WHERE dt.slug = @slug))`;
}

/**
 * Every problem: each file's own (parse and link), and those between files, worked out here so
 * that indexing one file never has to look at the others: a slug named twice, an alias two
 * articles claim or that an existing page has, a topic or offering only articles name.
 */
function problemsOf(db: Db): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const row of db.prepare('SELECT problems FROM sources').pluck().all() as string[]) {
    problems.push(...(JSON.parse(row) as ContentProblem[]));
  }
  const rows = db
    .prepare(
      `SELECT file, line, col AS column, severity, message FROM link_problems
       UNION ALL
       SELECT c.file, c.line, c.col, 'error', 'slug "' || c.slug || '" is already used by ' || o.file || '; this ' ||
         CASE c.kind WHEN 'news' THEN 'article' WHEN 'topics' THEN 'topic' ELSE 'offering' END || ' is skipped'
       FROM slug_claims c JOIN (SELECT kind, slug, MIN(file) AS file FROM slug_claims GROUP BY kind, slug) o
         ON o.kind = c.kind AND o.slug = c.slug WHERE c.file != o.file
       UNION ALL
       SELECT c.file, c.line, c.col, 'warning', 'field "aliases": "' || c.path || '" ' || (CASE
         WHEN EXISTS (SELECT 1 FROM articles a WHERE '/news/' || a.slug = c.path)
           OR EXISTS (SELECT 1 FROM search_docs d WHERE d.type != 'article' AND d.url = c.path) THEN 'is the URL of an existing page'
         ELSE 'is already an alias of /news/' || (SELECT article_slug FROM alias_claims f WHERE f.path = c.path ORDER BY f.file LIMIT 1) END)
         || '; it is ignored'
       FROM alias_claims c
       WHERE EXISTS (SELECT 1 FROM articles a WHERE '/news/' || a.slug = c.path)
          OR EXISTS (SELECT 1 FROM search_docs d WHERE d.type != 'article' AND d.url = c.path)
          OR c.file != (SELECT MIN(file) FROM alias_claims f WHERE f.path = c.path)
       UNION ALL
       SELECT file, line, col, 'warning', 'topic "' || name || '" has no file in topics/; its page /topic/' || topic_slug ||
         ' is built from the content that names it'
       FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.topic_slug ORDER BY r.file) AS n FROM article_topics r
             WHERE NOT EXISTS (SELECT 1 FROM topics t WHERE t.slug = r.topic_slug)) WHERE n = 1
       UNION ALL
       SELECT file, line, col, 'warning', 'offering "' || label || '" has no profile in offerings/; its page /offering/' ||
         offering_slug || ' is built from this reference'
       FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.offering_slug ORDER BY r.file) AS n FROM article_offerings r
             WHERE NOT EXISTS (SELECT 1 FROM offerings o WHERE o.slug = r.offering_slug)) WHERE n = 1`,
    )
    .all() as ContentProblem[];
  problems.push(...rows);
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

