/**
 * The indexer's writes (see lib/content/indexer/store.ts), in SQL both engines run. Every row
 * keeps the file it came from, so that a file's contribution can be removed and written again
 * on its own. The engine's IndexStore runs them in its transaction.
 */
import type { ContentKind } from '../files';
import type { Location } from '../front-matter';
import type { IndexWriter, Profiles, SourceState } from '../indexer/store';
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

import { column, value, type Dialect, type SqlRunner } from './runner';
import { SearchIndex, type FullText } from './search-index';
import { StandIns } from './stand-ins';

interface Claim {
  kind: string;
  slug: string;
  file: string;
  line: number;
  col: number;
}

interface SourceRow {
  file: string;
  kind: ContentKind;
  size: number;
  mtime_ms: number;
  hash: string;
  images: string;
}

/** Every indexed file's state (IndexStore.sourceStates). */
export async function sourceStates(db: SqlRunner): Promise<Map<string, SourceState>> {
  const rows = await db.all<SourceRow>(
    'SELECT file, kind, size, mtime_ms, hash, images FROM sources',
  );
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

export class SqlIndexWriter implements IndexWriter {
  private readonly search: SearchIndex;
  private readonly standIns: StandIns;

  constructor(
    private readonly db: SqlRunner,
    d: Dialect,
    fullText: FullText,
  ) {
    this.search = new SearchIndex(db, d, fullText);
    this.standIns = new StandIns(db, this.search);
  }

  async putSource(
    state: SourceState,
    parsed: StoredParse | null,
    problems: ContentProblem[],
  ): Promise<void> {
    await this.db.run(
      `INSERT INTO sources (file, kind, size, mtime_ms, hash, images, parsed, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (file) DO UPDATE SET kind = excluded.kind, size = excluded.size, mtime_ms = excluded.mtime_ms,
         hash = excluded.hash, images = excluded.images, parsed = excluded.parsed, problems = excluded.problems`,
      [
        state.file,
        state.kind,
        state.size,
        state.mtimeMs,
        state.hash,
        JSON.stringify(state.images),
        parsed ? JSON.stringify(parsed) : null,
        JSON.stringify(problems),
      ],
    );
  }

  async touchSource(file: string, mtimeMs: number): Promise<void> {
    await this.db.run('UPDATE sources SET mtime_ms = ? WHERE file = ?', [mtimeMs, file]);
  }

  async deleteSource(file: string): Promise<void> {
    await this.db.run('DELETE FROM sources WHERE file = ?', [file]);
  }

  async storedParse(
    file: string,
  ): Promise<{ kind: ContentKind; parsed: StoredParse | null } | null> {
    const row = await this.db.get<{ kind: ContentKind; parsed: string | null }>(
      'SELECT kind, parsed FROM sources WHERE file = ?',
      [file],
    );
    return row
      ? { kind: row.kind, parsed: row.parsed ? (JSON.parse(row.parsed) as StoredParse) : null }
      : null;
  }

  async touchOf(file: string): Promise<Touch | null> {
    const article = await this.db.get<{
      slug: string;
      card: string;
      source_brand: string | null;
      published_at: string;
      modified_at: string;
    }>('SELECT slug, card, source_brand, published_at, modified_at FROM articles WHERE file = ?', [
      file,
    ]);
    if (article) {
      const card = JSON.parse(article.card) as { image: { src: string } | null; aliases: string[] };
      const slugs = (table: string, key: string) =>
        this.column(`SELECT ${key} FROM ${table} WHERE article_slug = ? ORDER BY position`, [
          article.slug,
        ]);
      return {
        kind: 'article',
        slug: article.slug,
        topics: await slugs('article_topics', 'topic_slug'),
        offerings: await slugs('article_offerings', 'offering_slug'),
        authors: await slugs('article_authors', 'author_slug'),
        source: article.source_brand,
        aliases: card.aliases,
        image: card.image?.src ?? null,
        publishedAt: article.published_at,
        modifiedAt: article.modified_at,
      };
    }
    const author = await this.db.get<{ slug: string; name_key: string; card: string }>(
      'SELECT slug, name_key, card FROM authors WHERE file = ?',
      [file],
    );
    if (author) {
      const card = JSON.parse(author.card) as { photo: { src: string } | null };
      return {
        kind: 'author',
        slug: author.slug,
        key: author.name_key,
        photo: card.photo?.src ?? null,
      };
    }
    const topic = await this.slugOf('topics', file);
    if (topic) return { kind: 'topic', slug: topic };
    const offering = await this.slugOf('offerings', file);
    if (offering) {
      return {
        kind: 'offering',
        slug: offering,
        topics: await this.column(
          'SELECT topic_slug FROM offering_topics WHERE offering_slug = ?',
          [offering],
        ),
        namedBy: await this.column(
          'SELECT article_slug FROM article_offerings WHERE offering_slug = ?',
          [offering],
        ),
      };
    }
    return null;
  }

  private column(sql: string, params: unknown[]): Promise<string[]> {
    return column<string>(this.db, sql, params);
  }

  /** The slug of the row of `table` that `file` made. */
  private slugOf(table: string, file: string): Promise<string | undefined> {
    return value<string>(this.db, `SELECT slug FROM ${table} WHERE file = ?`, [file]);
  }

  async unlink(file: string): Promise<void> {
    const article = await this.slugOf('articles', file);
    if (article) {
      await this.search.remove(`article:${article}`);
      for (const table of [
        'article_topics',
        'article_offerings',
        'article_authors',
        'article_offering_topics',
      ]) {
        await this.db.run(`DELETE FROM ${table} WHERE article_slug = ?`, [article]);
      }
      await this.db.run('DELETE FROM articles WHERE slug = ?', [article]);
    }
    const topic = await this.slugOf('topics', file);
    if (topic) {
      await this.search.remove(`topic:${topic}`);
      await this.db.run('DELETE FROM topics WHERE slug = ?', [topic]);
    }
    const offering = await this.slugOf('offerings', file);
    if (offering) {
      await this.search.remove(`offering:${offering}`);
      await this.db.run('DELETE FROM offering_topics WHERE offering_slug = ?', [offering]);
      await this.db.run('DELETE FROM offerings WHERE slug = ?', [offering]);
    }
    await this.db.run('DELETE FROM authors WHERE file = ?', [file]);
    for (const table of ['alias_claims', 'assets', 'link_problems', 'slug_claims']) {
      await this.db.run(`DELETE FROM ${table} WHERE file = ?`, [file]);
    }
  }

  async claimSlug(kind: ContentKind, slug: string, file: string, at: Location): Promise<string> {
    await this.putClaim({ kind, slug, file, line: at.line, col: at.column });
    const owner = (await value<string>(
      this.db,
      'SELECT MIN(file) FROM slug_claims WHERE kind = ? AND slug = ?',
      [kind, slug],
    ))!;
    if (owner === file) {
      // A file earlier by path takes the slug over from the one that had it.
      const previous = await this.slugOwner(kind === 'news' ? 'articles' : kind, slug);
      if (previous && previous !== file) await this.unlinkKeepingClaim(previous);
    }
    return owner;
  }

  private slugOwner(table: string, slug: string): Promise<string | undefined> {
    return value<string>(this.db, `SELECT file FROM ${table} WHERE slug = ?`, [slug]);
  }

  private putClaim(claim: Claim): Promise<void> {
    return this.db.run(
      `INSERT INTO slug_claims (kind, slug, file, line, col) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (file) DO UPDATE SET kind = excluded.kind, slug = excluded.slug, line = excluded.line, col = excluded.col`,
      [claim.kind, claim.slug, claim.file, claim.line, claim.col],
    );
  }

  /** Removes a file's rows but keeps its claim: it named the slug, it just lost it. */
  private async unlinkKeepingClaim(file: string): Promise<void> {
    const claim = await this.db.get<Claim>(
      'SELECT kind, slug, file, line, col FROM slug_claims WHERE file = ?',
      [file],
    );
    await this.unlink(file);
    if (claim) await this.putClaim(claim);
  }

  async nextClaimants(freed: string[]): Promise<string[]> {
    const files = new Set<string>();
    for (const file of freed) {
      const claim = await this.db.get<{ kind: string; slug: string }>(
        'SELECT kind, slug FROM slug_claims WHERE file = ?',
        [file],
      );
      if (!claim) continue;
      const next = await value<string | null>(
        this.db,
        'SELECT MIN(file) FROM slug_claims WHERE kind = ? AND slug = ? AND file != ?',
        [claim.kind, claim.slug, file],
      );
      if (next) files.add(next);
    }
    return [...files];
  }

  async profiles(): Promise<Profiles> {
    return {
      topics: await this.db.all<TopicRef>('SELECT slug, name, label FROM topics'),
      offerings: await this.db.all<Profiles['offerings'][number]>(
        'SELECT slug, offering_id AS "offeringId" FROM offerings',
      ),
      authors: await this.db.all<Profiles['authors'][number]>(
        'SELECT slug, name_key AS key FROM authors ORDER BY file',
      ),
    };
  }

  async putTopic({ topic, problems, assets }: ReshapedTopic): Promise<void> {
    const { body, ...card } = topic;
    await this.db.run(
      'INSERT INTO topics (slug, file, name, label, card, body_code) VALUES (?, ?, ?, ?, ?, ?)',
      [topic.slug, topic.file, topic.name, topic.label, JSON.stringify(card), body?.code ?? null],
    );
    await this.putAssets(topic.file!, '*', assets);
    await this.putLinkProblems(topic.file!, problems);
    await this.search.add({
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
    await this.db.run(
      'INSERT INTO offerings (slug, file, offering_id, title, card, body_code) VALUES (?, ?, ?, ?, ?, ?)',
      [
        offering.slug,
        offering.file,
        offering.offeringId,
        offering.title,
        JSON.stringify(card),
        body?.code ?? null,
      ],
    );
    for (const [position, ref] of offering.topics.entries()) {
      await this.db.run(
        `INSERT INTO offering_topics (offering_slug, position, topic_slug, name, label) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (offering_slug, topic_slug) DO NOTHING`,
        [offering.slug, position, ref.slug, ref.name, ref.label],
      );
    }
    await this.putAssets(offering.file!, '*', assets);
    await this.putLinkProblems(offering.file!, problems);
    await this.search.add({
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
    await this.db.run(
      'INSERT INTO authors (slug, file, name, name_key, card, body_code, body_text, line, col) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        author.slug,
        author.file,
        author.name,
        key,
        JSON.stringify(card),
        body?.code ?? null,
        body?.text ?? null,
        at.line,
        at.column,
      ],
    );
    await this.putAssets(author.file!, '*', assets);
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
    await this.db.run(
      'INSERT INTO articles (slug, file, public_from, published_at, modified_at, source_name, source_brand, card, body_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        article.slug,
        article.file,
        publicFrom,
        article.publishedAt,
        article.modifiedAt,
        article.source?.name ?? null,
        article.source?.brand ?? null,
        JSON.stringify(card),
        body.code,
      ],
    );
    // Each reference copies the article's own columns (see the schema).
    const order = [publicFrom, article.publishedAt, article.modifiedAt, article.file];
    for (const [position, use] of topics.entries()) {
      await this.db.run(
        `INSERT INTO article_topics (article_slug, position, topic_slug, name, label, slug_from_url, public_from, published_at, modified_at, file, line, col)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          article.slug,
          position,
          use.slug,
          use.name,
          use.label,
          use.slugFromUrl ? 1 : 0,
          ...order,
          use.at.line,
          use.at.column,
        ],
      );
    }
    for (const [position, use] of offerings.entries()) {
      await this.db.run(
        `INSERT INTO article_offerings (article_slug, position, offering_slug, label, offering_id, topics, public_from, published_at, modified_at, file, line, col)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          article.slug,
          position,
          use.slug,
          use.label,
          use.offeringId,
          JSON.stringify(use.topics),
          ...order,
          use.at.line,
          use.at.column,
        ],
      );
      for (const ref of use.topics) {
        await this.db.run(
          `INSERT INTO article_offering_topics (article_slug, offering_slug, topic_slug, name, label, public_from, file)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [article.slug, use.slug, ref.slug, ref.name, ref.label, publicFrom, article.file],
        );
      }
    }
    for (const [position, use] of authors.entries()) {
      await this.db.run(
        `INSERT INTO article_authors (article_slug, position, author_slug, name, name_key, public_from, published_at, modified_at, file)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [article.slug, position, use.slug, use.name, use.key, ...order],
      );
    }
    for (const claim of aliases) {
      await this.db.run(
        'INSERT INTO alias_claims (path, article_slug, file, line, col) VALUES (?, ?, ?, ?, ?)',
        [claim.path, article.slug, article.file, claim.at.line, claim.at.column],
      );
    }
    await this.putAssets(article.file, article.slug, assets);
    await this.putLinkProblems(article.file, problems);
    await this.search.add({
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

  private async putAssets(
    file: string,
    owner: string,
    assets: { key: string; absolute: string }[],
  ): Promise<void> {
    for (const asset of assets) {
      await this.db.run('INSERT INTO assets (key, absolute, owner, file) VALUES (?, ?, ?, ?)', [
        asset.key,
        asset.absolute,
        owner,
        file,
      ]);
    }
  }

  async putLinkProblems(file: string, problems: ContentProblem[]): Promise<void> {
    for (const problem of problems) {
      await this.db.run(
        'INSERT INTO link_problems (file, line, col, severity, message) VALUES (?, ?, ?, ?, ?)',
        [file, problem.line, problem.column, problem.severity, problem.message],
      );
    }
  }

  async filesNaming(
    topics: { slugs: string[]; names: string[] },
    offerings: { slugs: string[]; ids: number[] },
    authorKeys: string[],
  ): Promise<string[]> {
    const files = new Set<string>();
    const add = async (sql: string, values: unknown[]) => {
      for (const value of values) {
        for (const file of await this.column(sql, [value])) files.add(file);
      }
    };
    await add('SELECT DISTINCT file FROM article_topics WHERE topic_slug = ?', topics.slugs);
    await add(
      'SELECT DISTINCT file FROM article_topics WHERE name = ? AND slug_from_url = 0',
      topics.names,
    );
    await add(
      'SELECT file FROM offerings o JOIN offering_topics t ON t.offering_slug = o.slug WHERE t.topic_slug = ?',
      topics.slugs,
    );
    await add(
      'SELECT file FROM offerings o JOIN offering_topics t ON t.offering_slug = o.slug WHERE t.name = ?',
      topics.names,
    );
    await add(
      'SELECT DISTINCT file FROM article_offerings WHERE offering_slug = ?',
      offerings.slugs,
    );
    await add('SELECT DISTINCT file FROM article_offerings WHERE offering_id = ?', offerings.ids);
    await add('SELECT DISTINCT file FROM article_authors WHERE name_key = ?', authorKeys);
    return [...files];
  }

  refreshReferencedOnly(topicSlugs: string[], offeringSlugs: string[]): Promise<void> {
    return this.standIns.refresh(topicSlugs, offeringSlugs);
  }
}
