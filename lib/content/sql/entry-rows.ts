/**
 * The rows a file makes once it is linked (IndexWriter.putTopic, putOffering, putAuthor,
 * putArticle): its own row with the card the pages show, the references an article makes (each
 * copying the article's dates, so that a listing reads one index in order), its images, its
 * link problems, and its search entry. Every row carries the file, for unlink (file-rows.ts).
 */
import type {
  ReshapedArticle,
  ReshapedAuthor,
  ReshapedOffering,
  ReshapedTopic,
} from '../indexer/reshape';
import type { ContentProblem } from '../problems';

import type { SqlRunner } from './runner';
import type { SearchIndex } from './search-index';

export async function putTopic(
  db: SqlRunner,
  search: SearchIndex,
  { topic, problems, assets }: ReshapedTopic,
): Promise<void> {
  const { body, ...card } = topic;
  await db.run(
    'INSERT INTO topics (slug, file, name, label, card, body_code) VALUES (?, ?, ?, ?, ?, ?)',
    [topic.slug, topic.file, topic.name, topic.label, JSON.stringify(card), body?.code ?? null],
  );
  await putAssets(db, topic.file!, '*', assets);
  await putLinkProblems(db, topic.file!, problems);
  await search.add({
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

export async function putOffering(
  db: SqlRunner,
  search: SearchIndex,
  { offering, problems, assets }: ReshapedOffering,
): Promise<void> {
  const { body, ...card } = offering;
  await db.run(
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
    await db.run(
      `INSERT INTO offering_topics (offering_slug, position, topic_slug, name, label) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (offering_slug, topic_slug) DO NOTHING`,
      [offering.slug, position, ref.slug, ref.name, ref.label],
    );
  }
  await putAssets(db, offering.file!, '*', assets);
  await putLinkProblems(db, offering.file!, problems);
  await search.add({
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

export async function putAuthor(
  db: SqlRunner,
  { author, key, at, problems, assets }: ReshapedAuthor,
): Promise<void> {
  const { body, ...card } = author;
  await db.run(
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
  await putAssets(db, author.file!, '*', assets);
  await putLinkProblems(db, author.file!, problems);
}

export async function putArticle(
  db: SqlRunner,
  search: SearchIndex,
  { article, topics, offerings, authors, aliases, problems, assets }: ReshapedArticle,
): Promise<void> {
  // Topics and offerings are rows of their own (article_topics, article_offerings).
  const { body, topics: _topics, offerings: _offerings, ...card } = article; // eslint-disable-line @typescript-eslint/no-unused-vars
  const publicFrom = article.status === 'published' ? Date.parse(article.publishedAt) : null;
  await db.run(
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
    await db.run(
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
    await db.run(
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
      await db.run(
        `INSERT INTO article_offering_topics (article_slug, offering_slug, topic_slug, name, label, public_from, file)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [article.slug, use.slug, ref.slug, ref.name, ref.label, publicFrom, article.file],
      );
    }
  }
  for (const [position, use] of authors.entries()) {
    await db.run(
      `INSERT INTO article_authors (article_slug, position, author_slug, name, name_key, public_from, published_at, modified_at, file)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [article.slug, position, use.slug, use.name, use.key, ...order],
    );
  }
  for (const claim of aliases) {
    await db.run(
      'INSERT INTO alias_claims (path, article_slug, file, line, col) VALUES (?, ?, ?, ?, ?)',
      [claim.path, article.slug, article.file, claim.at.line, claim.at.column],
    );
  }
  await putAssets(db, article.file, article.slug, assets);
  await putLinkProblems(db, article.file, problems);
  await search.add({
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

async function putAssets(
  db: SqlRunner,
  file: string,
  owner: string,
  assets: { key: string; absolute: string }[],
): Promise<void> {
  for (const asset of assets) {
    await db.run('INSERT INTO assets (key, absolute, owner, file) VALUES (?, ?, ?, ?)', [
      asset.key,
      asset.absolute,
      owner,
      file,
    ]);
  }
}

export async function putLinkProblems(
  db: SqlRunner,
  file: string,
  problems: ContentProblem[],
): Promise<void> {
  for (const problem of problems) {
    await db.run(
      'INSERT INTO link_problems (file, line, col, severity, message) VALUES (?, ?, ?, ?, ?)',
      [file, problem.line, problem.column, problem.severity, problem.message],
    );
  }
}
