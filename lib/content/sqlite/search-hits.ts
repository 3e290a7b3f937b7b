/** One page of search hits, with the title highlighted and a passage where the query matched. */
import type { Highlighted, SearchHit, SearchType } from '../../search/types';

import type { Db } from './connection';
import { MARK_END, MARK_START } from './search-index';

/** Tokens in a snippet: about two lines of text. */
const SNIPPET_TOKENS = 28;

interface HitRow {
  rowid: number;
  id: string;
  type: SearchType;
  slug: string;
  url: string;
  title: string;
  summary: string;
  detail: string | null;
  published_at: string | null;
  title_marked: string;
  summary_marked: string;
  body_marked: string;
}

/**
 * The page's hits with their highlights. Each is looked up by its rowid: FTS5 then seeks to the
 * document, where `rowid IN (…)` would have it read every match of the query and filter them.
 */
export function hitsOf(db: Db, page: number[], match: string): SearchHit[] {
  if (page.length === 0) return [];
  const hit = db.prepare(
    `SELECT d.rowid, d.id, d.type, d.slug, d.url, d.title, d.summary, d.detail, d.published_at,
       highlight(search_fts, 0, '${MARK_START}', '${MARK_END}') AS title_marked,
       snippet(search_fts, 2, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_TOKENS}) AS summary_marked,
       snippet(search_fts, 3, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_TOKENS}) AS body_marked
     FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid
     WHERE search_fts MATCH @match AND search_fts.rowid = @rowid`,
  );
  return page
    .map((rowid) => hit.get({ match, rowid }) as HitRow | undefined)
    .filter((row): row is HitRow => Boolean(row))
    .map((row) => ({
      id: row.id,
      type: row.type,
      slug: row.slug,
      url: row.url,
      title: row.title,
      titleHighlight: segments(row.title_marked),
      snippet: snippetOf(row),
      publishedAt: row.published_at,
      detail: row.detail,
    }));
}

/** A passage of the summary where it matched, else of the body, else the summary's start. */
function snippetOf(row: HitRow): Highlighted {
  for (const marked of [row.summary_marked, row.body_marked]) {
    if (marked.includes(MARK_START)) return segments(marked);
  }
  return row.summary ? [{ text: row.summary, match: false }] : segments(row.body_marked);
}

/** Text with marks around matches, as runs: rendered as elements, never as HTML. */
export function segments(marked: string): Highlighted {
  const runs: Highlighted = [];
  for (const [index, part] of marked.split(new RegExp(`[${MARK_START}${MARK_END}]`)).entries()) {
    if (part) runs.push({ text: part, match: index % 2 === 1 });
  }
  return runs;
}
