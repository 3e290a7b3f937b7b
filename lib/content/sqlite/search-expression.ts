/**
 * A query plan (lib/search/plan.ts) as FTS5 match expressions: every term in any of its forms,
 * and the whole phrase for the boost; and as patterns over a title or keywords folded as the
 * index folds them, which tell the scorer which term a title holds once FTS5 has said it holds
 * one of them.
 */
import type { QueryPlan, Term } from '../../search/plan';

import type { Db } from './connection';
import { prepared } from './runner';

/** The longest prefix FTS5 keeps its own index for (schema.ts, `prefix='2 3 4 5'`). */
const INDEXED_PREFIX = 5;
/** A longer prefix is searched as the words it begins, up to this many. */
const MAX_EXPANSION = 64;

/**
 * The indexed words a prefix longer than FTS5's prefix index begins, or null to search it as a
 * prefix. FTS5 answers such a prefix by merging the lists of every word it begins, for every
 * statement, even one that asks for a single document: as plain words the same query costs a
 * lookup per word.
 */
export type Expand = (prefix: string) => string[] | null;

/** The indexed words from a prefix on, in order: (prefix, the prefix then U+FFFF, limit). */
export const PREFIX_WORDS = 'SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?';

export function expander(db: Db): Expand {
  const words = prepared(db, PREFIX_WORDS).pluck();
  return (prefix) => {
    if (prefix.length <= INDEXED_PREFIX) return null;
    const found = words.all(prefix, `${prefix}\uffff`, MAX_EXPANSION + 1) as string[];
    return found.length > 0 && found.length <= MAX_EXPANSION ? found : null;
  };
}

/**
 * The FTS5 strings a term matches: the word as typed, and all of its forms; the query's expression
 * is every term in any of its forms, `{…} : ("care" OR "care"*) AND {…} : ("diabetis" OR "diabetes")`.
 */
export interface TermForms {
  exact: string[];
  all: string[];
  /** Where `all` matches in folded text (foldText). */
  pattern: TextTest;
}

export function termForms(term: Term, expand: Expand): TermForms {
  const words = term.prefix ? (expand(term.word) ?? null) : [];
  const forms = [
    quoted(term.word),
    ...(words === null ? [`${quoted(term.word)}*`] : words.map(quoted)),
    ...term.corrections.map(quoted),
  ];
  return {
    exact: [quoted(term.word)],
    all: [...new Set(forms)],
    // A prefix's words are every indexed word it begins: the prefix says as much.
    pattern: screened(
      term.prefix
        ? tokens([], term.corrections, [term.word])
        : tokens([], [term.word, ...term.corrections], []),
      (text) => text.includes(term.word) || term.corrections.some((word) => text.includes(word)),
    ),
  };
}

/** Any of these strings in the text columns: the tags column holds the filters' words. */
export function inText(forms: string[]): string {
  return inColumns('title keywords summary body', forms);
}

/** Any of these strings in the named columns (`title`, `title keywords`). */
export function inColumns(columns: string, forms: string[]): string {
  return `{${columns}} : (${forms.join(' OR ')})`;
}

/** The whole phrase as FTS5 strings, one per word its last word may end as. */
export function phraseForms(plan: QueryPlan, expand: Expand): string[] | null {
  if (!plan.phrase) return null;
  const { words, prefix } = plan.phrase;
  const head = words.slice(0, -1).join(' ');
  const last = words[words.length - 1]!;
  const lasts = prefix ? expand(last) : [last];
  return lasts === null
    ? [`${quoted(words.join(' '))}*`]
    : [...new Set([last, ...lasts])].map((word) => quoted(`${head} ${word}`.trim()));
}

/** Where the whole phrase is in folded text (foldText), its last word as a prefix if typed so. */
export function phrasePattern(plan: QueryPlan): TextTest | null {
  if (!plan.phrase) return null;
  const { words, prefix } = plan.phrase;
  const head = words.slice(0, -1);
  const last = words[words.length - 1]!;
  return screened(prefix ? tokens(head, [], [last]) : tokens(head, [last], []), (text) =>
    words.every((word) => text.includes(word)),
  );
}

/** Whether a folded text holds what a pattern stands for. */
export interface TextTest {
  test(text: string): boolean;
}

/**
 * A pattern tried only on texts that hold the words it needs, as substrings: most titles hold
 * none of a query's words, and a search for a substring costs a fraction of the pattern's.
 */
function screened(pattern: RegExp, holdsWords: (text: string) => boolean): TextTest {
  return { test: (text) => holdsWords(text) && pattern.test(text) };
}

/**
 * Text as the index's tokenizer reads it (unicode61, remove_diacritics 2; plan.ts folds a
 * query the same way): lower case, accents removed. Most titles are ASCII, which needs only
 * the lower case.
 */
export function foldText(text: string): string {
  return NOT_ASCII.test(text)
    ? text.normalize('NFKD').replace(MARKS, '').toLowerCase()
    : text.toLowerCase();
}

const NOT_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;

/**
 * The words `head` in order, then one of `whole` or a word that starts with one of `prefixes`,
 * as tokens of folded text: bounded by anything but a letter or a digit, as the tokenizer
 * splits. Words are letters and digits only (plan.ts), so they need no escaping.
 */
function tokens(head: string[], whole: string[], prefixes: string[]): RegExp {
  const last = [...whole.map((word) => `${word}(?![\\p{L}\\p{N}])`), ...prefixes].join('|');
  const sequence = [...head, `(?:${last})`].join('[^\\p{L}\\p{N}]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${sequence}`, 'u');
}

/** Words are letters and digits only (plan.ts), but quote them as FTS5 strings anyway. */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
