/**
 * The highlights of a page of hits on PostgreSQL: the title with every match marked, and a
 * passage of about two lines around the matches of a longer text. They are marked here rather
 * than by `ts_headline`, which parses the whole text on every call: about 0.4 ms for an
 * article's body, so 3-4 ms of every query whose page of summaries did not match. Words are
 * folded as the index folds them (words() in lib/search/plan.ts), so a word is marked where
 * the index found it, accented or not.
 */
import { MAX_TERM_LENGTH, words, type QueryPlan } from '../../search/plan';
import { MARK_END, MARK_START } from '../sql/search-index';

/** Words of a passage: about two lines of text. */
const PASSAGE_WORDS = 28;
/** Words of a text's opening, its passage when no word of it matches. */
const OPENING_WORDS = 12;
/** Characters of a text short enough to be its own passage. */
const SHORT_TEXT = 160;
/** A code unit of a word past ASCII: a letter, a digit or an accent's mark, or half of one. */
const WORD_UNIT = /[\p{L}\p{N}\p{M}\p{Cs}]/u;

/** The plan's terms a folded word is a form of, as bits (term i: 1 << i); 0 for none. */
export type TermsOf = (word: string) => number;

export function termsOf(plan: QueryPlan): TermsOf {
  const exact = new Map<string, number>();
  const prefixes: [string, number][] = [];
  plan.terms.forEach((term, i) => {
    for (const word of [term.word, ...term.corrections]) {
      exact.set(word, (exact.get(word) ?? 0) | (1 << i));
    }
    if (term.prefix) prefixes.push([term.word, 1 << i]);
  });
  return (word) => {
    let terms = exact.get(word) ?? 0;
    // The index keeps no longer word, so no prefix found one.
    if (word.length > MAX_TERM_LENGTH) return terms;
    for (const [prefix, bit] of prefixes) if (word.startsWith(prefix)) terms |= bit;
    return terms;
  };
}

interface Token {
  start: number;
  end: number;
  terms: number;
}

/**
 * The text's words (runs of letters, digits and the marks of accented letters), read a code
 * unit at a time: ASCII ones, most of any text, are told apart without a regular expression
 * and folded by lowercasing.
 */
function tokens(text: string, termsOf: TermsOf): Token[] {
  const found: Token[] = [];
  let start = -1;
  let ascii = true;
  for (let at = 0; at <= text.length; at++) {
    const code = at < text.length ? text.charCodeAt(at) : 0;
    const inWord =
      code < 128
        ? (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
        : WORD_UNIT.test(text[at]!);
    if (inWord) {
      if (start < 0) {
        start = at;
        ascii = true;
      }
      if (code >= 128) ascii = false;
    } else if (start >= 0) {
      const run = text.slice(start, at);
      let terms = 0;
      if (ascii) terms = termsOf(run.toLowerCase());
      else for (const word of words(run)) terms |= termsOf(word);
      found.push({ start, end: at, terms });
      start = -1;
    }
  }
  return found;
}

/** The whole text, every match marked. */
export function markedWhole(text: string, termsOf: TermsOf): string {
  return marked(text, tokens(text, termsOf), 0, text.length);
}

/**
 * A text short enough whole; else the PASSAGE_WORDS words that hold the most of the terms, then
 * the most matches (the first such), with the matches centred, and `…` where words were cut.
 * A text that does not match gives its opening words.
 */
export function passage(text: string, termsOf: TermsOf): string {
  if (text.length <= SHORT_TEXT) return markedWhole(text, termsOf);
  const all = tokens(text, termsOf);
  const matched = bestMatches(all);
  let from = 0;
  let to = Math.min(all.length, OPENING_WORDS);
  if (matched) {
    const { first, last } = matched;
    from = Math.max(0, first - Math.floor((PASSAGE_WORDS - (last - first + 1)) / 2));
    to = Math.min(all.length, from + PASSAGE_WORDS);
    from = Math.max(0, to - PASSAGE_WORDS);
  }
  if (to === 0) return '';
  // Cut between words; a text's own ends (a closing stop, say) stay with it.
  const cut = marked(
    text,
    all.slice(from, to),
    from > 0 ? all[from]!.start : 0,
    to < all.length ? all[to - 1]!.end : text.length,
  );
  return `${from > 0 ? '…' : ''}${cut}${to < all.length ? '…' : ''}`;
}

/**
 * The first and last match of the window of PASSAGE_WORDS tokens that holds the most of the
 * terms, then the most matches (the first such); null when nothing matches.
 */
function bestMatches(all: Token[]): { first: number; last: number } | null {
  const inWindow = new Map<number, number>();
  let held = 0;
  let matches = 0;
  let best = { end: 0, held: 0, matches: 0 };
  const move = (token: Token, by: 1 | -1) => {
    if (token.terms === 0) return;
    matches += by;
    for (let bits = token.terms; bits !== 0; bits &= bits - 1) {
      const bit = bits & -bits;
      const count = (inWindow.get(bit) ?? 0) + by;
      inWindow.set(bit, count);
      if (by === 1 && count === 1) held++;
      if (by === -1 && count === 0) held--;
    }
  };
  for (let i = 0; i < all.length; i++) {
    move(all[i]!, 1);
    if (i >= PASSAGE_WORDS) move(all[i - PASSAGE_WORDS]!, -1);
    if (held > best.held || (held === best.held && matches > best.matches)) {
      best = { end: i + 1, held, matches };
    }
  }
  if (best.matches === 0) return null;
  let first = Math.max(0, best.end - PASSAGE_WORDS);
  while (all[first]!.terms === 0) first++;
  // The window ends with the token that made it the best: a match.
  return { first, last: best.end - 1 };
}

/** The text from `start` to `end`, the matches among `within` (its tokens) marked. */
function marked(text: string, within: Token[], start: number, end: number): string {
  let out = '';
  let at = start;
  for (const token of within) {
    if (token.terms === 0) continue;
    out += `${text.slice(at, token.start)}${MARK_START}${text.slice(token.start, token.end)}${MARK_END}`;
    at = token.end;
  }
  return out + text.slice(at, end);
}
