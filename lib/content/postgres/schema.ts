/**
 * The content database on PostgreSQL: the tables of lib/content/sqlite/schema.ts (see there for
 * what each holds), in a schema of their own, with two differences:
 *
 * - Text compares and sorts byte by byte (`COLLATE "C"`), as SQLite's does, so that "the first
 *   file by path" and every order are the same on both engines whatever the database's locale.
 * - Search is a weighted `tsvector` column of `search_docs` with a GIN index, and another over
 *   the topics' and offerings' vectors alone (search.ts), and the vocabulary has a trigram index
 *   for typo candidates (pg_trgm).
 *
 * The vectors are kept in the row (`STORAGE MAIN`): a search reads the newest rows one by one
 * and tests each one's vector, which out of line costs a TOAST lookup per row, several times
 * the test itself. So are each document's topics, which a window reads for every member: with
 * a vector in it a row is always past TOAST's threshold, which moves every other text of some
 * length out of line (reading them doubled a window's time). The texts, read only for the page
 * of hits, go out of line.
 */

import { OTHERS_FROM } from '../sql/search-index';

/**
 * Bump when the tables change, or what a column holds: an older schema is then dropped and
 * rebuilt from the folder. 5: a stand-in's `public_from` is its earliest reference's date.
 * 6: search_docs_order, a BRIN index of rowids, over rows kept in rowid order (index-store.ts).
 */
export const PG_SCHEMA_VERSION = 6;

const TEXT = 'text COLLATE "C"';

export const PG_SCHEMA = `
CREATE TABLE meta (key ${TEXT} PRIMARY KEY, value ${TEXT} NOT NULL);

CREATE TABLE sources (
  file ${TEXT} PRIMARY KEY,
  kind ${TEXT} NOT NULL,
  size bigint NOT NULL,
  mtime_ms double precision NOT NULL,
  hash ${TEXT} NOT NULL,
  images ${TEXT} NOT NULL,
  parsed ${TEXT},
  problems ${TEXT} NOT NULL
);

CREATE TABLE link_problems (
  file ${TEXT} NOT NULL,
  line integer NOT NULL,
  col integer NOT NULL,
  severity ${TEXT} NOT NULL,
  message ${TEXT} NOT NULL
);
CREATE INDEX link_problems_file ON link_problems (file);

CREATE TABLE slug_claims (
  kind ${TEXT} NOT NULL,
  slug ${TEXT} NOT NULL,
  file ${TEXT} NOT NULL PRIMARY KEY,
  line integer NOT NULL,
  col integer NOT NULL
);
CREATE INDEX slug_claims_slug ON slug_claims (kind, slug, file);

CREATE TABLE articles (
  slug ${TEXT} PRIMARY KEY,
  file ${TEXT} NOT NULL UNIQUE,
  public_from bigint,
  published_at ${TEXT} NOT NULL,
  modified_at ${TEXT} NOT NULL,
  source_name ${TEXT},
  source_brand ${TEXT},
  card ${TEXT} NOT NULL,
  body_code ${TEXT} NOT NULL
);
-- public_from too, as in SQLite's schema: the rows a listing's OFFSET skips are judged visible
-- from the index rather than from rows that carry each article's whole body.
CREATE INDEX articles_newest ON articles (published_at DESC, modified_at DESC, slug, public_from);
CREATE INDEX articles_public_from ON articles (public_from);
CREATE INDEX articles_source ON articles (source_brand, published_at DESC);

CREATE TABLE article_authors (
  article_slug ${TEXT} NOT NULL,
  position integer NOT NULL,
  author_slug ${TEXT} NOT NULL,
  name ${TEXT} NOT NULL,
  name_key ${TEXT} NOT NULL,
  public_from bigint,
  published_at ${TEXT} NOT NULL,
  modified_at ${TEXT} NOT NULL,
  file ${TEXT} NOT NULL,
  PRIMARY KEY (article_slug, author_slug)
);
CREATE INDEX article_authors_author ON article_authors (author_slug, published_at DESC, modified_at DESC, article_slug, public_from);
CREATE INDEX article_authors_key ON article_authors (name_key);

CREATE TABLE article_topics (
  article_slug ${TEXT} NOT NULL,
  position integer NOT NULL,
  topic_slug ${TEXT} NOT NULL,
  name ${TEXT} NOT NULL,
  label ${TEXT} NOT NULL,
  slug_from_url integer NOT NULL,
  public_from bigint,
  published_at ${TEXT} NOT NULL,
  modified_at ${TEXT} NOT NULL,
  file ${TEXT} NOT NULL,
  line integer NOT NULL,
  col integer NOT NULL,
  PRIMARY KEY (article_slug, topic_slug)
);
CREATE INDEX article_topics_topic ON article_topics (topic_slug, published_at DESC, modified_at DESC, article_slug, public_from);
CREATE INDEX article_topics_name ON article_topics (name);
CREATE INDEX article_topics_file ON article_topics (topic_slug, file);

CREATE TABLE article_offerings (
  article_slug ${TEXT} NOT NULL,
  position integer NOT NULL,
  offering_slug ${TEXT} NOT NULL,
  label ${TEXT} NOT NULL,
  offering_id bigint,
  topics ${TEXT} NOT NULL,
  public_from bigint,
  published_at ${TEXT} NOT NULL,
  modified_at ${TEXT} NOT NULL,
  file ${TEXT} NOT NULL,
  line integer NOT NULL,
  col integer NOT NULL,
  PRIMARY KEY (article_slug, offering_slug)
);
CREATE INDEX article_offerings_offering ON article_offerings (offering_slug, published_at DESC, modified_at DESC, article_slug, public_from);
CREATE INDEX article_offerings_id ON article_offerings (offering_id);
CREATE INDEX article_offerings_file ON article_offerings (offering_slug, file);

-- rowid: the order rows were written in, which SQLite's implicit rowid gives there.
CREATE TABLE article_offering_topics (
  rowid bigserial PRIMARY KEY,
  article_slug ${TEXT} NOT NULL,
  offering_slug ${TEXT} NOT NULL,
  topic_slug ${TEXT} NOT NULL,
  name ${TEXT} NOT NULL,
  label ${TEXT} NOT NULL,
  public_from bigint,
  file ${TEXT} NOT NULL
);
CREATE INDEX article_offering_topics_topic ON article_offering_topics (topic_slug, public_from);
CREATE INDEX article_offering_topics_article ON article_offering_topics (article_slug);
CREATE INDEX article_offering_topics_offering ON article_offering_topics (offering_slug, file);
CREATE INDEX article_offering_topics_first ON article_offering_topics (topic_slug, file);

CREATE TABLE alias_claims (
  path ${TEXT} NOT NULL,
  article_slug ${TEXT} NOT NULL,
  file ${TEXT} NOT NULL,
  line integer NOT NULL,
  col integer NOT NULL
);
CREATE INDEX alias_claims_path ON alias_claims (path, file);
CREATE INDEX alias_claims_file ON alias_claims (file);

CREATE TABLE assets (
  key ${TEXT} NOT NULL,
  absolute ${TEXT} NOT NULL,
  owner ${TEXT} NOT NULL,
  file ${TEXT} NOT NULL
);
CREATE INDEX assets_key ON assets (key);
CREATE INDEX assets_file ON assets (file);

CREATE TABLE topics (
  slug ${TEXT} PRIMARY KEY,
  file ${TEXT} NOT NULL UNIQUE,
  name ${TEXT} NOT NULL,
  label ${TEXT} NOT NULL,
  card ${TEXT} NOT NULL,
  body_code ${TEXT}
);
CREATE INDEX topics_name ON topics (name);

CREATE TABLE offerings (
  slug ${TEXT} PRIMARY KEY,
  file ${TEXT} NOT NULL UNIQUE,
  offering_id bigint,
  title ${TEXT} NOT NULL,
  card ${TEXT} NOT NULL,
  body_code ${TEXT}
);
CREATE INDEX offerings_id ON offerings (offering_id);

CREATE TABLE offering_topics (
  offering_slug ${TEXT} NOT NULL,
  position integer NOT NULL,
  topic_slug ${TEXT} NOT NULL,
  name ${TEXT} NOT NULL,
  label ${TEXT} NOT NULL,
  PRIMARY KEY (offering_slug, topic_slug)
);
CREATE INDEX offering_topics_topic ON offering_topics (topic_slug);

CREATE TABLE authors (
  slug ${TEXT} PRIMARY KEY,
  file ${TEXT} NOT NULL UNIQUE,
  name ${TEXT} NOT NULL,
  name_key ${TEXT} NOT NULL,
  card ${TEXT} NOT NULL,
  body_code ${TEXT},
  body_text ${TEXT},
  line integer NOT NULL,
  col integer NOT NULL
);
CREATE INDEX authors_key ON authors (name_key, file);

-- rowid as in SQLite (lib/content/sql/search-index.ts); public_from: a stand-in's is the
-- earliest of its references' (lib/content/sql/stand-ins.ts); tsv: title A, keywords B,
-- summary C, body D; head: title A and keywords B only, small, to score a window of common
-- words by (search-index.ts and search-score.ts here); topics: search_doc_topics' [slug,
-- label] pairs of the document, read with its row by the windows' counts (search.ts).
CREATE TABLE search_docs (
  rowid bigint PRIMARY KEY,
  id ${TEXT} NOT NULL UNIQUE,
  type ${TEXT} NOT NULL,
  slug ${TEXT} NOT NULL,
  url ${TEXT} NOT NULL,
  title ${TEXT} NOT NULL,
  keywords ${TEXT} NOT NULL,
  summary ${TEXT} NOT NULL,
  body ${TEXT} NOT NULL,
  tags ${TEXT} NOT NULL,
  detail ${TEXT},
  published_at ${TEXT},
  public_from bigint,
  conditional integer NOT NULL,
  tsv tsvector NOT NULL DEFAULT ''::tsvector,
  head tsvector NOT NULL DEFAULT ''::tsvector,
  topics json NOT NULL DEFAULT '[]'
);
ALTER TABLE search_docs ALTER COLUMN tsv SET STORAGE MAIN, ALTER COLUMN head SET STORAGE MAIN,
  ALTER COLUMN topics SET STORAGE MAIN;
CREATE INDEX search_docs_hidden ON search_docs (public_from);
-- A window read newest first (search.ts) starts at the newest article the view may see, found
-- in this index: the scheduled ones hold the newest rowids, and through the primary key each of
-- their wide rows was read first by every window (978 of them at 100,000 articles).
CREATE INDEX search_docs_newest ON search_docs (rowid, public_from);
-- The rows are kept in rowid order (index-store.ts): a range of the newest articles is then a
-- range of pages, which this index gives a GIN window in about a millisecond, where a bitmap of
-- the primary key's entries took 2-5 ms for 28,000 rows (search.ts). Pages written since the
-- last VACUUM are summarized by autovacuum, and read meanwhile.
CREATE INDEX search_docs_order ON search_docs USING brin (rowid) WITH (pages_per_range = 16, autosummarize = on);
CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv);
-- The topics' and offerings' vectors alone (search.ts): a small index for their windows, whose
-- statistics say how common a word is among their short texts (search-score.ts).
CREATE INDEX search_docs_others_tsv ON search_docs USING gin ((CASE WHEN rowid >= ${OTHERS_FROM} THEN tsv END));
CREATE TABLE search_doc_topics (
  rowid bigserial PRIMARY KEY,
  doc bigint NOT NULL,
  slug ${TEXT} NOT NULL,
  name ${TEXT} NOT NULL,
  label ${TEXT} NOT NULL
);
-- Topic counts read a window's topics from the index alone.
CREATE INDEX search_doc_topics_doc ON search_doc_topics (doc) INCLUDE (slug, label);
CREATE INDEX search_doc_topics_slug ON search_doc_topics (slug, doc);
-- Documents of each part, articles (rowids below 2^50) and topics and offerings, kept by the
-- triggers: counting a part's rowids reads its whole index, for every search that estimates.
CREATE TABLE search_counts (part ${TEXT} PRIMARY KEY, n bigint NOT NULL);
INSERT INTO search_counts (part, n) VALUES ('articles', 0), ('others', 0);
CREATE FUNCTION search_counts_change() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE search_counts c SET n = c.n + x.n FROM (
      SELECT CASE WHEN rowid < ${OTHERS_FROM} THEN 'articles' ELSE 'others' END AS part, COUNT(*) AS n
      FROM added GROUP BY 1) x WHERE c.part = x.part;
  ELSE
    UPDATE search_counts c SET n = c.n - x.n FROM (
      SELECT CASE WHEN rowid < ${OTHERS_FROM} THEN 'articles' ELSE 'others' END AS part, COUNT(*) AS n
      FROM removed GROUP BY 1) x WHERE c.part = x.part;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_docs_added AFTER INSERT ON search_docs REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION search_counts_change();
CREATE TRIGGER search_docs_removed AFTER DELETE ON search_docs REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION search_counts_change();
-- Every word indexed; typo candidates are found by trigram similarity (search.ts). Words of
-- removed documents stay; a candidate is checked against the documents before use.
CREATE TABLE search_terms (term ${TEXT} PRIMARY KEY);
CREATE INDEX search_terms_trigrams ON search_terms USING gin (term gin_trgm_ops);
`;
