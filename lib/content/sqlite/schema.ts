/**
 * The embedded content database. Everything in it is derived from the content folder by the
 * indexer (lib/content/indexer): it can be deleted at any time and is rebuilt from the folder.
 *
 * - `sources`: each file's own parse (front matter as data, field locations, compiled body,
 *   problems), kept while the file's bytes are unchanged, so a file is parsed and compiled once.
 * - The entities the pages show, each row tied to the file it came from, so that re-indexing a
 *   file replaces exactly its rows: `articles`, `topics`, `offerings` and `authors` (profiles),
 *   and the references between them. Topics, offerings and authors that only articles name are
 *   not rows of their own: they are read from the references (queries.ts).
 * - `search_docs` with the FTS5 index `search_fts` over it (search.ts).
 */

/** Bump when the tables change: an older file is then rebuilt from the folder. */
export const SCHEMA_VERSION = 9;

export const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE sources (
  file TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  hash TEXT NOT NULL,
  -- Images the file names, and what each resolved to when it was parsed (JSON).
  images TEXT NOT NULL,
  -- The parse (JSON), null when the file has an error and is skipped.
  parsed TEXT,
  problems TEXT NOT NULL
);
-- Every index run reads every file's state, and the content check every file's problems: from
-- these narrow copies, not from rows that carry each file's whole parse (at 100,000 articles a
-- scan of the table read gigabytes).
CREATE INDEX sources_state ON sources (file, kind, size, mtime_ms, hash, images);
CREATE INDEX sources_problems ON sources (file, problems);

-- Problems found while linking a file to the others (a missing image, an odd alias).
CREATE TABLE link_problems (
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX link_problems_file ON link_problems (file);

-- Every file that names a slug; the first file, by path, owns it and the others are skipped.
CREATE TABLE slug_claims (
  kind TEXT NOT NULL,
  slug TEXT NOT NULL,
  file TEXT NOT NULL PRIMARY KEY,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL
);
CREATE INDEX slug_claims_slug ON slug_claims (kind, slug, file);

CREATE TABLE articles (
  slug TEXT PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  -- Epoch milliseconds from which readers may see it; null for a draft.
  public_from INTEGER,
  published_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  source_name TEXT,
  -- The source's key in URLs (/source/<brand>): its domain.
  source_brand TEXT,
  -- The article as lists show it (JSON, without its body, topics and offerings).
  card TEXT NOT NULL,
  body_code TEXT NOT NULL
);
-- public_from too: a listing's OFFSET then skips rows on the index alone (a row of this table
-- carries the article's whole body: /news/page/4001 at 100,000 articles read 80,000 of them).
CREATE INDEX articles_newest ON articles (published_at DESC, modified_at DESC, slug, public_from);
CREATE INDEX articles_public_from ON articles (public_from);
-- Covering: counting and naming the sources (rows.ts) reads this index alone, not every article's
-- row (300 ms at 100,000 articles, for each sitemap and the sources page).
CREATE INDEX articles_source ON articles (source_brand, published_at DESC, modified_at DESC, slug, public_from, source_name);

-- The authors an article's byline names, by the slug of their page (bylines without one are
-- only in the article's card). name_key is the name as a slug: how a byline finds a profile.
CREATE TABLE article_authors (
  article_slug TEXT NOT NULL,
  position INTEGER NOT NULL,
  author_slug TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  -- As in article_topics.
  public_from INTEGER,
  published_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  file TEXT NOT NULL,
  PRIMARY KEY (article_slug, author_slug)
);
CREATE INDEX article_authors_author ON article_authors (author_slug, published_at DESC, modified_at DESC, article_slug, public_from);
CREATE INDEX article_authors_key ON article_authors (name_key);

CREATE TABLE article_topics (
  article_slug TEXT NOT NULL,
  position INTEGER NOT NULL,
  topic_slug TEXT NOT NULL,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  -- Whether the slug came from the article's categoryUrl (else from the name).
  slug_from_url INTEGER NOT NULL,
  -- The article's own columns, copied so that a topic's list is read in order from one index.
  public_from INTEGER,
  published_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  PRIMARY KEY (article_slug, topic_slug)
);
CREATE INDEX article_topics_topic ON article_topics (topic_slug, published_at DESC, modified_at DESC, article_slug, public_from);
CREATE INDEX article_topics_name ON article_topics (name);
-- The first file naming a topic names a topic without a profile (index-store.ts).
CREATE INDEX article_topics_file ON article_topics (topic_slug, file);

CREATE TABLE article_offerings (
  article_slug TEXT NOT NULL,
  position INTEGER NOT NULL,
  offering_slug TEXT NOT NULL,
  label TEXT NOT NULL,
  offering_id INTEGER,
  -- Topic references the article gives the offering (JSON TopicRef[]), for one without a profile.
  topics TEXT NOT NULL,
  -- As in article_topics.
  public_from INTEGER,
  published_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  PRIMARY KEY (article_slug, offering_slug)
);
-- The topics a reference gives an offering without a profile: its page lists them, and such a
-- topic exists while a visible article gives it so.
CREATE TABLE article_offering_topics (
  article_slug TEXT NOT NULL,
  offering_slug TEXT NOT NULL,
  topic_slug TEXT NOT NULL,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  public_from INTEGER,
  file TEXT NOT NULL
);
CREATE INDEX article_offering_topics_topic ON article_offering_topics (topic_slug, public_from);
CREATE INDEX article_offering_topics_article ON article_offering_topics (article_slug);
-- An offering without a profile: its topics, and the first file that gives them (index-store.ts).
CREATE INDEX article_offering_topics_offering ON article_offering_topics (offering_slug, file);
CREATE INDEX article_offering_topics_first ON article_offering_topics (topic_slug, file);
CREATE INDEX article_offerings_offering ON article_offerings (offering_slug, published_at DESC, modified_at DESC, article_slug, public_from);
CREATE INDEX article_offerings_id ON article_offerings (offering_id);
CREATE INDEX article_offerings_file ON article_offerings (offering_slug, file);

CREATE TABLE alias_claims (
  path TEXT NOT NULL,
  article_slug TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL
);
CREATE INDEX alias_claims_path ON alias_claims (path, file);
CREATE INDEX alias_claims_file ON alias_claims (file);

-- Image files content references; owner '*' for topics, offerings and authors, else the
-- article's slug.
CREATE TABLE assets (
  key TEXT NOT NULL,
  absolute TEXT NOT NULL,
  owner TEXT NOT NULL,
  file TEXT NOT NULL
);
CREATE INDEX assets_key ON assets (key);
CREATE INDEX assets_file ON assets (file);

CREATE TABLE topics (
  slug TEXT PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  card TEXT NOT NULL,
  body_code TEXT
);
CREATE INDEX topics_name ON topics (name);

CREATE TABLE offerings (
  slug TEXT PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  offering_id INTEGER,
  title TEXT NOT NULL,
  card TEXT NOT NULL,
  body_code TEXT
);
CREATE INDEX offerings_id ON offerings (offering_id);

CREATE TABLE offering_topics (
  offering_slug TEXT NOT NULL,
  position INTEGER NOT NULL,
  topic_slug TEXT NOT NULL,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (offering_slug, topic_slug)
);
CREATE INDEX offering_topics_topic ON offering_topics (topic_slug);

CREATE TABLE authors (
  slug TEXT PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  card TEXT NOT NULL,
  body_code TEXT,
  body_text TEXT,
  -- Where the name is written, for the warning about a profile no article names.
  line INTEGER NOT NULL,
  col INTEGER NOT NULL
);
CREATE INDEX authors_key ON authors (name_key, file);

-- What search finds: every article, topic and offering, with when readers may see it. An
-- article's rowid grows with its date (search.ts reads the newest matches first); topics and
-- offerings come after every article (from 2^50).
CREATE TABLE search_docs (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  slug TEXT NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  keywords TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  -- Words that filters match: the type and each topic (search-index.ts), never ranked.
  tags TEXT NOT NULL,
  detail TEXT,
  published_at TEXT,
  -- Epoch ms from which readers may see it (null: never, a draft; 0: always).
  public_from INTEGER,
  -- 1 for a topic or offering that exists only while a visible article names it.
  conditional INTEGER NOT NULL
);
CREATE INDEX search_docs_hidden ON search_docs (public_from);
CREATE INDEX search_docs_conditional ON search_docs (conditional);
-- Narrow entries in (type, rowid) order: search estimates counts from how many documents a
-- rowid range holds, which on the table itself reads every wide row of the range.
CREATE INDEX search_docs_type ON search_docs (type);
CREATE TABLE search_doc_topics (doc INTEGER NOT NULL, slug TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL);
CREATE INDEX search_doc_topics_doc ON search_doc_topics (doc);
CREATE INDEX search_doc_topics_slug ON search_doc_topics (slug, doc);
-- Each document's title and keywords folded as the index folds them (search-expression.ts
-- foldText), for the scorer to tell which of a query's words each holds: read from search_docs,
-- each was a page of its own (the body is in the row), a few milliseconds a query at 100,000
-- articles once other queries had taken those pages from the cache.
CREATE TABLE search_headings (rowid INTEGER PRIMARY KEY, title TEXT NOT NULL, keywords TEXT NOT NULL);
-- Every word indexed, for typo candidates: looked up by the thousand, which fts5vocab is slow at.
-- Words of removed documents stay; a candidate is checked against search_vocab before use.
CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;

-- Prefix indexes up to 5 letters, the prefixes a reader types on the way to a word: a longer one
-- is searched as the few words it begins (search-expression.ts). The fifth adds a fifth to the
-- index's size and halves the time of a query ending in one ('digital thera': 11.5 -> 5.0 ms at
-- 100,000 articles), whose 5-letter prefix was otherwise 22 words.
CREATE VIRTUAL TABLE search_fts USING fts5(
  title, keywords, summary, body, tags,
  content='search_docs', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3 4 5'
);
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row');
`;
