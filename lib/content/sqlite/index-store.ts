/**
 * The indexer's writes to SQLite (see lib/content/indexer/store.ts). Every row keeps the file it
 * came from, so that a file's contribution can be removed and written again on its own.
 */
import type { ContentKind } from '../files';
import type { Location } from '../front-matter';
import type { IndexStore, IndexWriter, Profiles, SourceState } from '../indexer/store';
import type {
  ReshapedArticle,
  ReshapedAuthor,
  ReshapedOffering,
  ReshapedTopic,
} from '../indexer/reshape';
import type { StoredParse } from '../parse-file';
import type { ContentProblem } from '../problems';
import type { Touch } from '../touched-paths';
import type { TopicRef } from '../types';

import type { Db } from './connection';
import { SearchIndex, type IndexedDocument } from './search-index';

interface SourceRow {
  file: string;
  kind: ContentKind;
  size: number;
  mtime_ms: number;
  hash: string;
  images: string;
}

export class SqliteIndexStore implements IndexStore {
  private readonly writer: SqliteIndexWriter;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {
    this.writer = new SqliteIndexWriter(db);
  }

  async sourceStates(): Promise<Map<string, SourceState>> {
    const rows = this.db
      .prepare('SELECT file, kind, size, mtime_ms, hash, images FROM sources')
      .all() as SourceRow[];
    return new Map(
      rows.map((row) => [
        row.file,
        {
          file: row.file,
          kind: row.kind,
          size: row.size,
          mtimeMs: row.mtime_ms,
          hash: row.hash,
          images: JSON.parse(row.images),
        },
      ]),
    );
  }

  /** One writer at a time in this process; SQLite's own lock keeps other processes out. */
  write<T>(work: (tx: IndexWriter) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.writer);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.db.close();
  }
}

class SqliteIndexWriter implements IndexWriter {
  private readonly search: SearchIndex;

  constructor(private readonly db: Db) {
    this.search = new SearchIndex(db);
  }

  async putSource(
    state: SourceState,
    parsed: StoredParse | null,
    problems: ContentProblem[],
  ): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO sources (file, kind, size, mtime_ms, hash, images, parsed, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (file) DO UPDATE SET kind = excluded.kind, size = excluded.size, mtime_ms = excluded.mtime_ms,
           hash = excluded.hash, images = excluded.images, parsed = excluded.parsed, problems = excluded.problems`,
      )
      .run(
        state.file,
        state.kind,
        state.size,
        state.mtimeMs,
        state.hash,
        JSON.stringify(state.images),
        parsed ? JSON.stringify(parsed) : null,
        JSON.stringify(problems),
      );
  }

  async touchSource(file: string, mtimeMs: number): Promise<void> {
    this.db.prepare('UPDATE sources SET mtime_ms = ? WHERE file = ?').run(mtimeMs, file);
  }

  async deleteSource(file: string): Promise<void> {
    this.db.prepare('DELETE FROM sources WHERE file = ?').run(file);
  }

  async storedParse(
    file: string,
  ): Promise<{ kind: ContentKind; parsed: StoredParse | null } | null> {
    const row = this.db.prepare('SELECT kind, parsed FROM sources WHERE file = ?').get(file) as
      { kind: ContentKind; parsed: string | null } | undefined;
    return row
      ? { kind: row.kind, parsed: row.parsed ? (JSON.parse(row.parsed) as StoredParse) : null }
      : null;
  }

  async touchOf(file: string): Promise<Touch | null> {
    const article = this.db
      .prepare(
        'SELECT slug, card, source_brand, published_at, modified_at FROM articles WHERE file = ?',
      )
      .get(file) as
      | {
          slug: string;
          card: string;
          source_brand: string | null;
          published_at: string;
          modified_at: string;
        }
      | undefined;
    if (article) {
      const card = JSON.parse(article.card) as { image: { src: string } | null; aliases: string[] };
      return {
        kind: 'article',
        slug: article.slug,
        topics: this.column(
          'SELECT topic_slug FROM article_topics WHERE article_slug = ? ORDER BY position',
          article.slug,
        ),
        offerings: this.column(
          'SELECT offering_slug FROM article_offerings WHERE article_slug = ? ORDER BY position',
          article.slug,
        ),
        authors: this.column(
          'SELECT author_slug FROM article_authors WHERE article_slug = ? ORDER BY position',
          article.slug,
        ),
        source: article.source_brand,
        aliases: card.aliases,
        image: card.image?.src ?? null,
        publishedAt: article.published_at,
        modifiedAt: article.modified_at,
      };
    }
    const author = this.db
      .prepare('SELECT slug, name_key, card FROM authors WHERE file = ?')
      .get(file) as { slug: string; name_key: string; card: string } | undefined;
    if (author) {
      const card = JSON.parse(author.card) as { photo: { src: string } | null };
      return {
        kind: 'author',
        slug: author.slug,
        key: author.name_key,
        photo: card.photo?.src ?? null,
      };
    }
    const topic = this.db.prepare('SELECT slug FROM topics WHERE file = ?').get(file) as
      { slug: string } | undefined;
    if (topic) return { kind: 'topic', slug: topic.slug };
    const offering = this.db.prepare('SELECT slug FROM offerings WHERE file = ?').get(file) as
      { slug: string } | undefined;
    if (offering) {
      return {
        kind: 'offering',
        slug: offering.slug,
        topics: this.column(
          'SELECT topic_slug FROM offering_topics WHERE offering_slug = ?',
          offering.slug,
        ),
        namedBy: this.column(
          'SELECT article_slug FROM article_offerings WHERE offering_slug = ?',
          offering.slug,
        ),
      };
    }
    return null;
  }

  private column(sql: string, ...params: unknown[]): string[] {
    return this.db
      .prepare(sql)
      .pluck()
      .all(...params) as string[];
  }

  async unlink(file: string): Promise<void> {
    const article = this.db
      .prepare('SELECT slug FROM articles WHERE file = ?')
      .pluck()
      .get(file) as string | undefined;
    if (article) {
      this.search.remove(`article:${article}`);
      for (const table of [
        'article_topics',
        'article_offerings',
        'article_authors',
        'article_offering_topics',
      ]) {
        this.db.prepare(`DELETE FROM ${table} WHERE article_slug = ?`).run(article);
      }
      this.db.prepare('DELETE FROM articles WHERE slug = ?').run(article);
    }
    const topic = this.db.prepare('SELECT slug FROM topics WHERE file = ?').pluck().get(file) as
      string | undefined;
    if (topic) {
      this.search.remove(`topic:${topic}`);
      this.db.prepare('DELETE FROM topics WHERE slug = ?').run(topic);
    }
    const offering = this.db
      .prepare('SELECT slug FROM offerings WHERE file = ?')
      .pluck()
      .get(file) as string | undefined;
    if (offering) {
      this.search.remove(`offering:${offering}`);
      this.db.prepare('DELETE FROM offering_topics WHERE offering_slug = ?').run(offering);
      this.db.prepare('DELETE FROM offerings WHERE slug = ?').run(offering);
    }
    this.db.prepare('DELETE FROM authors WHERE file = ?').run(file);
    for (const table of ['alias_claims', 'assets', 'link_problems', 'slug_claims']) {
      this.db.prepare(`DELETE FROM ${table} WHERE file = ?`).run(file);
    }
  }

  async claimSlug(kind: ContentKind, slug: string, file: string, at: Location): Promise<string> {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO slug_claims (kind, slug, file, line, col) VALUES (?, ?, ?, ?, ?)',
      )
      .run(kind, slug, file, at.line, at.column);
    const owner = this.db
      .prepare('SELECT MIN(file) FROM slug_claims WHERE kind = ? AND slug = ?')
      .pluck()
      .get(kind, slug) as string;
    if (owner === file) {
      // A file earlier by path takes the slug over from the one that had it.
      const table = kind === 'news' ? 'articles' : kind;
      const previous = this.db
        .prepare(`SELECT file FROM ${table} WHERE slug = ?`)
        .pluck()
        .get(slug) as string | undefined;
      if (previous && previous !== file) await this.unlinkKeepingClaim(previous);
    }
    return owner;
  }

  /** Removes a file's rows but keeps its claim: it named the slug, it just lost it. */
  private async unlinkKeepingClaim(file: string): Promise<void> {
    const claim = this.db.prepare('SELECT * FROM slug_claims WHERE file = ?').get(file);
    await this.unlink(file);
    if (claim)
      this.db
        .prepare(
          'INSERT INTO slug_claims (kind, slug, file, line, col) VALUES (@kind, @slug, @file, @line, @col)',
        )
        .run(claim);
  }

  async nextClaimants(freed: string[]): Promise<string[]> {
    const files = new Set<string>();
    for (const file of freed) {
      const claim = this.db
        .prepare('SELECT kind, slug FROM slug_claims WHERE file = ?')
        .get(file) as { kind: string; slug: string } | undefined;
      if (!claim) continue;
      const next = this.db
        .prepare('SELECT MIN(file) FROM slug_claims WHERE kind = ? AND slug = ? AND file != ?')
        .pluck()
        .get(claim.kind, claim.slug, file) as string | null;
      if (next) files.add(next);
    }
    return [...files];
  }

  async profiles(): Promise<Profiles> {
    return {
      topics: this.db.prepare('SELECT slug, name, label FROM topics').all() as TopicRef[],
      offerings: this.db
        .prepare('SELECT slug, offering_id AS offeringId FROM offerings')
        .all() as Profiles['offerings'],
      authors: this.db
        .prepare('SELECT slug, name_key AS key FROM authors ORDER BY file')
        .all() as Profiles['authors'],
    };
  }

  async putTopic({ topic, problems, assets }: ReshapedTopic): Promise<void> {
    const { body, ...card } = topic;
    this.db
      .prepare(
        'INSERT INTO topics (slug, file, name, label, card, body_code) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        topic.slug,
        topic.file,
        topic.name,
        topic.label,
        JSON.stringify(card),
        body?.code ?? null,
      );
    this.putAssets(topic.file!, '*', assets);
    await this.putLinkProblems(topic.file!, problems);
    this.search.add({
      id: `topic:${topic.slug}`,
      type: 'topic',
      slug: topic.slug,
      url: `/topic/${topic.slug}`,
      title: topic.label,
      keywords: topic.name,
      summary: topic.description ?? '',
      body: body?.text ?? '',
      detail: null,
      publishedAt: null,
      publicFrom: 0,
      topics: [{ slug: topic.slug, name: topic.name, label: topic.label }],
      conditional: false,
    });
  }

  async putOffering({ offering, problems, assets }: ReshapedOffering): Promise<void> {
    const { body, ...card } = offering;
    this.db
      .prepare(
        'INSERT INTO offerings (slug, file, offering_id, title, card, body_code) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        offering.slug,
        offering.file,
        offering.offeringId,
        offering.title,
        JSON.stringify(card),
        body?.code ?? null,
      );
    const topic = this.db.prepare(
      'INSERT OR IGNORE INTO offering_topics (offering_slug, position, topic_slug, name, label) VALUES (?, ?, ?, ?, ?)',
    );
    offering.topics.forEach((ref, position) =>
      topic.run(offering.slug, position, ref.slug, ref.name, ref.label),
    );
    this.putAssets(offering.file!, '*', assets);
    await this.putLinkProblems(offering.file!, problems);
    this.search.add({
      id: `offering:${offering.slug}`,
      type: 'offering',
      slug: offering.slug,
      url: `/offering/${offering.slug}`,
      title: offering.title,
      keywords: [offering.vendor ?? '', ...offering.topics.map((ref) => ref.label)].join(' '),
      summary: offering.description ?? '',
      body: body?.text ?? '',
      detail: offering.vendor,
      publishedAt: null,
      publicFrom: 0,
      topics: offering.topics,
      conditional: false,
    });
  }

  async putAuthor({ author, key, at, problems, assets }: ReshapedAuthor): Promise<void> {
    const { body, ...card } = author;
    this.db
      .prepare(
        'INSERT INTO authors (slug, file, name, name_key, card, body_code, body_text, line, col) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        author.slug,
        author.file,
        author.name,
        key,
        JSON.stringify(card),
        body?.code ?? null,
        body?.text ?? null,
        at.line,
        at.column,
      );
    this.putAssets(author.file!, '*', assets);
    await this.putLinkProblems(author.file!, problems);
  }

  async putArticle({
    article,
    topics,
    offerings,
    authors,
    aliases,
    problems,
    assets,
  }: ReshapedArticle): Promise<void> {
    // Topics and offerings are rows of their own (article_topics, article_offerings).
    const { body, topics: _topics, offerings: _offerings, ...card } = article; // eslint-disable-line @typescript-eslint/no-unused-vars
    const publicFrom = article.status === 'published' ? Date.parse(article.publishedAt) : null;
    this.db
      .prepare(
        'INSERT INTO articles (slug, file, public_from, published_at, modified_at, source_name, source_brand, card, body_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        article.slug,
        article.file,
        publicFrom,
        article.publishedAt,
        article.modifiedAt,
        article.source?.name ?? null,
        article.source?.brand ?? null,
        JSON.stringify(card),
        body.code,
      );
    const order = {
      public_from: publicFrom,
      published_at: article.publishedAt,
      modified_at: article.modifiedAt,
    };
    const topic = this.db.prepare(
      `INSERT INTO article_topics (article_slug, position, topic_slug, name, label, slug_from_url, public_from, published_at, modified_at, file, line, col)
       VALUES (@article, @position, @slug, @name, @label, @fromUrl, @public_from, @published_at, @modified_at, @file, @line, @col)`,
    );
    topics.forEach((use, position) =>
      topic.run({
        ...order,
        article: article.slug,
        position,
        slug: use.slug,
        name: use.name,
        label: use.label,
        fromUrl: use.slugFromUrl ? 1 : 0,
        file: article.file,
        line: use.at.line,
        col: use.at.column,
      }),
    );
    const offering = this.db.prepare(
      `INSERT INTO article_offerings (article_slug, position, offering_slug, label, offering_id, topics, public_from, published_at, modified_at, file, line, col)
       VALUES (@article, @position, @slug, @label, @id, @topics, @public_from, @published_at, @modified_at, @file, @line, @col)`,
    );
    offerings.forEach((use, position) =>
      offering.run({
        ...order,
        article: article.slug,
        position,
        slug: use.slug,
        label: use.label,
        id: use.offeringId,
        topics: JSON.stringify(use.topics),
        file: article.file,
        line: use.at.line,
        col: use.at.column,
      }),
    );
    const givenTopic = this.db.prepare(
      `INSERT INTO article_offering_topics (article_slug, offering_slug, topic_slug, name, label, public_from, file)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const use of offerings) {
      for (const ref of use.topics) {
        givenTopic.run(
          article.slug,
          use.slug,
          ref.slug,
          ref.name,
          ref.label,
          publicFrom,
          article.file,
        );
      }
    }
    const author = this.db.prepare(
      `INSERT INTO article_authors (article_slug, position, author_slug, name, name_key, public_from, published_at, modified_at, file)
       VALUES (@article, @position, @slug, @name, @key, @public_from, @published_at, @modified_at, @file)`,
    );
    authors.forEach((use, position) =>
      author.run({
        ...order,
        article: article.slug,
        position,
        slug: use.slug,
        name: use.name,
        key: use.key,
        file: article.file,
      }),
    );
    const alias = this.db.prepare(
      'INSERT INTO alias_claims (path, article_slug, file, line, col) VALUES (?, ?, ?, ?, ?)',
    );
    for (const claim of aliases)
      alias.run(claim.path, article.slug, article.file, claim.at.line, claim.at.column);
    this.putAssets(article.file, article.slug, assets);
    await this.putLinkProblems(article.file, problems);
    this.search.add({
      id: `article:${article.slug}`,
      type: 'article',
      slug: article.slug,
      url: `/news/${article.slug}`,
      title: article.title,
      keywords: [...topics.map((ref) => ref.label), article.source?.name ?? ''].join(' '),
      summary: article.description,
      body: body.text,
      detail: article.source?.name ?? null,
      publishedAt: article.publishedAt,
      publicFrom,
      topics: topics.map(({ slug, name, label }) => ({ slug, name, label })),
      conditional: false,
    });
  }

  private putAssets(
    file: string,
    owner: string,
    assets: { key: string; absolute: string }[],
  ): void {
    const insert = this.db.prepare(
      'INSERT INTO assets (key, absolute, owner, file) VALUES (?, ?, ?, ?)',
    );
    for (const asset of assets) insert.run(asset.key, asset.absolute, owner, file);
  }

  async putLinkProblems(file: string, problems: ContentProblem[]): Promise<void> {
    const insert = this.db.prepare(
      'INSERT INTO link_problems (file, line, col, severity, message) VALUES (?, ?, ?, ?, ?)',
    );
    for (const problem of problems)
      insert.run(file, problem.line, problem.column, problem.severity, problem.message);
  }

  async filesNaming(
    topics: { slugs: string[]; names: string[] },
    offerings: { slugs: string[]; ids: number[] },
    authorKeys: string[],
  ): Promise<string[]> {
    const files = new Set<string>();
    const add = (sql: string, values: unknown[]) => {
      for (const value of values) for (const file of this.column(sql, value)) files.add(file);
    };
    add('SELECT DISTINCT file FROM article_topics WHERE topic_slug = ?', topics.slugs);
    add(
      'SELECT DISTINCT file FROM article_topics WHERE name = ? AND slug_from_url = 0',
      topics.names,
    );
    add(
      'SELECT file FROM offerings o JOIN offering_topics t ON t.offering_slug = o.slug WHERE t.topic_slug = ?',
      topics.slugs,
    );
    add(
      'SELECT file FROM offerings o JOIN offering_topics t ON t.offering_slug = o.slug WHERE t.name = ?',
      topics.names,
    );
    add('SELECT DISTINCT file FROM article_offerings WHERE offering_slug = ?', offerings.slugs);
    add('SELECT DISTINCT file FROM article_offerings WHERE offering_id = ?', offerings.ids);
    add('SELECT DISTINCT file FROM article_authors WHERE name_key = ?', authorKeys);
    return [...files];
  }

  async refreshReferencedOnly(topicSlugs: string[], offeringSlugs: string[]): Promise<void> {
    const topics = new Set(topicSlugs);
    // An offering without a profile gives topics of its own: they may come or go with it.
    const topicsOf = (slug: string) =>
      this.column(
        `SELECT t.slug FROM search_docs d JOIN search_doc_topics t ON t.doc = d.rowid WHERE d.id = 'offering:' || ?`,
        slug,
      );
    for (const slug of new Set(offeringSlugs)) {
      for (const topic of topicsOf(slug)) topics.add(topic);
      this.refreshOfferingStub(slug);
      for (const topic of topicsOf(slug)) topics.add(topic);
    }
    for (const slug of topics) this.refreshTopicStub(slug);
  }

  /** An offering without a profile: named by articles, found while one of them is visible. */
  private refreshOfferingStub(slug: string): void {
    const hasProfile = this.db.prepare('SELECT 1 FROM offerings WHERE slug = ?').get(slug);
    if (hasProfile) return;
    const first = this.db
      .prepare('SELECT label FROM article_offerings WHERE offering_slug = ? ORDER BY file LIMIT 1')
      .pluck()
      .get(slug) as string | undefined;
    const topics = this.db
      .prepare(
        `SELECT topic_slug AS slug, MIN(name) AS name, MIN(label) AS label FROM article_offering_topics
         WHERE offering_slug = ? GROUP BY topic_slug ORDER BY MIN(file), MIN(rowid)`,
      )
      .all(slug) as TopicRef[];
    this.putStub(
      first === undefined
        ? null
        : {
            id: `offering:${slug}`,
            type: 'offering',
            slug,
            url: `/offering/${slug}`,
            title: first,
            keywords: topics.map((ref) => ref.label).join(' '),
            summary: '',
            body: '',
            detail: null,
            publishedAt: null,
            publicFrom: 0,
            topics,
            conditional: true,
          },
      `offering:${slug}`,
    );
  }

  /**
   * A topic without a profile: it exists while a visible article names it, or an offering does
   * (one with a profile always; one without while an article naming it is visible).
   */
  private refreshTopicStub(slug: string): void {
    const hasProfile = this.db.prepare('SELECT 1 FROM topics WHERE slug = ?').get(slug);
    if (hasProfile) return;
    const first = (sql: string) =>
      this.db.prepare(sql).get(slug) as { name: string; label: string } | undefined;
    const named = first(
      'SELECT name, label FROM article_topics WHERE topic_slug = ? ORDER BY file LIMIT 1',
    );
    const byProfile = first('SELECT name, label FROM offering_topics WHERE topic_slug = ? LIMIT 1');
    const viaStubOffering = first(
      `SELECT name, label FROM article_offering_topics r WHERE topic_slug = ?
       AND NOT EXISTS (SELECT 1 FROM offerings o WHERE o.slug = r.offering_slug) ORDER BY file LIMIT 1`,
    );
    const ref = named ?? byProfile ?? viaStubOffering;
    this.putStub(
      ref
        ? {
            id: `topic:${slug}`,
            type: 'topic',
            slug,
            url: `/topic/${slug}`,
            title: ref.label,
            keywords: ref.name,
            summary: '',
            body: '',
            detail: null,
            publishedAt: null,
            publicFrom: 0,
            topics: [{ slug, name: ref.name, label: ref.label }],
            conditional: !byProfile,
          }
        : null,
      `topic:${slug}`,
    );
  }

  /** Writes a stub's entry, or removes it (null); leaves an entry that would not change alone. */
  private putStub(doc: IndexedDocument | null, id: string): void {
    const existing = this.db
      .prepare(
        `SELECT d.title, d.keywords, d.conditional,
           (SELECT json_group_array(json_object('slug', slug, 'name', name, 'label', label))
              FROM (SELECT * FROM search_doc_topics t WHERE t.doc = d.rowid ORDER BY t.rowid)) AS topics
         FROM search_docs d WHERE d.id = ?`,
      )
      .get(id) as
      { title: string; keywords: string; conditional: number; topics: string } | undefined;
    if (
      doc &&
      existing &&
      existing.title === doc.title &&
      existing.keywords === doc.keywords &&
      existing.conditional === (doc.conditional ? 1 : 0) &&
      existing.topics === JSON.stringify(doc.topics)
    ) {
      return;
    }
    if (doc) this.search.add(doc);
    else this.search.remove(id);
  }
}
