/**
 * The content problems the database knows (ContentStore.problems), in SQL both engines run.
 */
import type { ContentProblem } from '../problems';

import { column, type Dialect, type SqlRunner } from './runner';

/**
 * Every problem: each file's own (parse and link), and those between files, worked out here so
 * that indexing one file never has to look at the others: a slug named twice, an alias two
 * articles claim or that an existing page has, a topic or offering only articles name, an
 * author profile no article names.
 */
/** An alias claim `c` whose path is a page the site has anyway (each test an index lookup). */
const IS_A_PAGE = `(${[
  ['/news/', 'SELECT 1 FROM articles WHERE slug = @rest'],
  ['/topic/', "SELECT 1 FROM search_docs WHERE id = 'topic:' || @rest"],
  ['/offering/', "SELECT 1 FROM search_docs WHERE id = 'offering:' || @rest"],
  [
    '/author/',
    'SELECT 1 FROM authors WHERE slug = @rest UNION ALL SELECT 1 FROM article_authors WHERE author_slug = @rest',
  ],
  ['/source/', 'SELECT 1 FROM articles WHERE source_brand = @rest'],
]
  .map(([prefix, exists]) => {
    const rest = `substr(c.path, ${prefix!.length + 1})`;
    return `(substr(c.path, 1, ${prefix!.length}) = '${prefix}' AND EXISTS (${exists!.replaceAll('@rest', rest)}))`;
  })
  .join(' OR ')})`;

export async function problemsOf(
  db: SqlRunner,
  d: Dialect,
  files: string[] | null,
): Promise<ContentProblem[]> {
  const scope = { scoped: files ? 1 : 0, files: JSON.stringify(files ?? []) };
  /** `column` is one of the chosen files, or there is no choice. */
  const chosen = (column: string) => `(@scoped = 0 OR ${column} IN (${d.jsonValues('@files')}))`;
  const problems: ContentProblem[] = [];
  for (const row of await column<string>(
    db,
    `SELECT problems FROM sources WHERE ${chosen('file')}`,
    scope,
  )) {
    problems.push(...(JSON.parse(row) as ContentProblem[]));
  }
  const rows = await db.all<ContentProblem>(
    `SELECT file, line, col AS "column", severity, message FROM link_problems WHERE ${chosen('file')}
       UNION ALL
       SELECT c.file, c.line, c.col, 'error', 'slug "' || c.slug || '" is already used by ' || o.file || '; this ' ||
         CASE c.kind WHEN 'news' THEN 'article' WHEN 'topics' THEN 'topic' WHEN 'authors' THEN 'author' ELSE 'offering' END || ' is skipped'
       FROM slug_claims c JOIN (SELECT kind, slug, MIN(file) AS file FROM slug_claims GROUP BY kind, slug) o
         ON o.kind = c.kind AND o.slug = c.slug WHERE c.file != o.file AND ${chosen('c.file')}
       UNION ALL
       SELECT c.file, c.line, c.col, 'warning', 'field "aliases": "' || c.path || '" ' || (CASE
         WHEN ${IS_A_PAGE} THEN 'is the URL of an existing page'
         ELSE 'is already an alias of /news/' || (SELECT article_slug FROM alias_claims f WHERE f.path = c.path ORDER BY f.file LIMIT 1) END)
         || '; it is ignored'
       FROM alias_claims c
       WHERE ${chosen('c.file')} AND (${IS_A_PAGE} OR c.file != (SELECT MIN(file) FROM alias_claims f WHERE f.path = c.path))
       UNION ALL
       SELECT file, line, col, 'warning', 'topic "' || name || '" has no file in topics/; its page /topic/' || topic_slug ||
         ' is built from the content that names it'
       FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.topic_slug ORDER BY r.file) AS n FROM article_topics r
             WHERE NOT EXISTS (SELECT 1 FROM topics t WHERE t.slug = r.topic_slug)
               AND (@scoped = 0 OR r.topic_slug IN (SELECT topic_slug FROM article_topics WHERE ${chosen('file')}))) first
       WHERE n = 1 AND ${chosen('file')}
       UNION ALL
       SELECT file, line, col, 'warning', 'offering "' || label || '" has no profile in offerings/; its page /offering/' ||
         offering_slug || ' is built from this reference'
       FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.offering_slug ORDER BY r.file) AS n FROM article_offerings r
             WHERE NOT EXISTS (SELECT 1 FROM offerings o WHERE o.slug = r.offering_slug)
               AND (@scoped = 0 OR r.offering_slug IN (SELECT offering_slug FROM article_offerings WHERE ${chosen('file')}))) first
       WHERE n = 1 AND ${chosen('file')}
       UNION ALL
       SELECT file, line, col, 'warning', 'author "' || name || '" is named by no article in news/; the profile is still shown at /author/' || slug
       FROM authors au WHERE ${chosen('file')} AND NOT EXISTS (SELECT 1 FROM article_authors r WHERE r.author_slug = au.slug)`,
    scope,
  );
  problems.push(...rows);
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
