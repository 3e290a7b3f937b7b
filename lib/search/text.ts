/**
 * How text becomes search terms. The index, the query and the highlighter all use these
 * functions, so a word is the same term wherever it is met.
 *
 * A word is a run of letters and digits (combining marks allowed after the first), which may
 * hold apostrophes between letters. Its term is the word folded: compatibility-decomposed,
 * accents dropped, lower-cased ("Zürich" -> "zurich", "ﬁle" -> "file"), apostrophes dropped
 * and a possessive 's removed ("England's" -> "england", "don't" -> "dont"). Everything else,
 * punctuation and regex-looking characters included, only separates words, as do characters
 * outside the Basic Multilingual Plane (emoji, mostly).
 *
 * The scanner reads character codes rather than running a Unicode regex: indexing 10,000
 * articles reads about 45 million characters, and this is several times faster.
 */

/** Longer runs are not words (hashes, base64, URLs with the punctuation gone): not indexed. */
export const MAX_TERM_LENGTH = 40;

const OTHER = 1;
const LETTER = 2;
const MARK = 3;
const APOSTROPHE = 4;

/** Kind of each UTF-16 code unit, worked out on first sight (0: not yet). */
const kinds = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const COMBINING_MARK = /^\p{M}$/u;

function kindOf(code: number): number {
  let kind = kinds[code]!;
  if (kind === 0) {
    const char = String.fromCharCode(code);
    kind = LETTER_OR_DIGIT.test(char)
      ? LETTER
      : COMBINING_MARK.test(char)
        ? MARK
        : char === "'" || char === '’'
          ? APOSTROPHE
          : OTHER;
    kinds[code] = kind;
  }
  return kind;
}

// What a word needs beyond slicing, as bits.
const NEEDS_LOWER = 1;
const NEEDS_FOLD = 2;
const HAS_APOSTROPHE = 4;

/**
 * Calls `visit` with the bounds of every word in `text` up to `limit`, and what its term
 * needs (NEEDS_* and HAS_APOSTROPHE bits).
 */
function scan(
  text: string,
  limit: number,
  visit: (start: number, end: number, needs: number) => boolean | void,
): void {
  const length = Math.min(text.length, limit);
  let i = 0;
  while (i < length) {
    if (kindOf(text.charCodeAt(i)) !== LETTER) {
      i++;
      continue;
    }
    const start = i;
    let needs = 0;
    while (i < length) {
      const code = text.charCodeAt(i);
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
        i++;
        continue;
      }
      const kind = kindOf(code);
      if (kind === LETTER || kind === MARK) {
        needs |= code < 0x80 ? NEEDS_LOWER : NEEDS_FOLD;
        i++;
      } else if (
        kind === APOSTROPHE &&
        i + 1 < length &&
        kindOf(text.charCodeAt(i + 1)) === LETTER
      ) {
        needs |= HAS_APOSTROPHE | (code < 0x80 ? 0 : NEEDS_FOLD);
        i++;
      } else {
        break;
      }
    }
    if (visit(start, i, needs) === false) return;
  }
}

function termOf(word: string, needs: number): string {
  let term = needs & NEEDS_FOLD ? fold(word) : needs & NEEDS_LOWER ? word.toLowerCase() : word;
  if (needs & HAS_APOSTROPHE) term = term.replace(/['’]s$/, '').replace(/['’]/g, '');
  return term;
}

const NON_ASCII = /[^\u0000-\u007f]/;
const MARKS = /\p{M}/gu;

/** Folds text for comparison; see the module comment. */
export function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  // Lower-casing can itself produce marks ("İ" -> "i̇"), so marks go last.
  return text.normalize('NFKD').toLowerCase().replace(MARKS, '');
}

/** The terms of `text`, in order, repeats kept (positions matter for phrases). */
export function terms(text: string): string[] {
  const result: string[] = [];
  scan(text, Infinity, (start, end, needs) => {
    const term = termOf(text.slice(start, end), needs);
    if (term && term.length <= MAX_TERM_LENGTH) result.push(term);
  });
  return result;
}

export interface TermSpan {
  term: string;
  /** Offsets into the original text: `text.slice(start, end)` is the word as written. */
  start: number;
  end: number;
}

/** Which terms a highlighter marks. */
export interface TermMatcher {
  matches(term: string): boolean;
  /** By ASCII code: 1 when a matching term can start with that character. */
  firstChars: Uint8Array;
}

/** Matches `terms`, and any term starting with `prefix` when there is one. */
export function termMatcher(terms: Iterable<string>, prefix: string | null): TermMatcher {
  const set = new Set(terms);
  const firstChars = new Uint8Array(128);
  for (const term of prefix ? [...set, prefix] : set) {
    const first = term.charCodeAt(0);
    if (first < 128) firstChars[first] = 1;
  }
  return {
    matches: (term) => set.has(term) || (prefix !== null && term.startsWith(prefix)),
    firstChars,
  };
}

/**
 * The words of `text` (its first `limit` characters) that `matcher` matches, at most `max`.
 * A word starting with an ASCII character no matching term starts with is skipped unfolded:
 * most words of a passage, and this runs for every hit shown.
 */
export function matchingSpans(
  text: string,
  matcher: TermMatcher,
  limit = Infinity,
  max = Infinity,
): TermSpan[] {
  const spans: TermSpan[] = [];
  scan(text, limit, (start, end, needs) => {
    let first = text.charCodeAt(start);
    if (first < 128) {
      if (first >= 0x41 && first <= 0x5a) first |= 0x20;
      if (!matcher.firstChars[first]) return;
    }
    const term = termOf(text.slice(start, end), needs);
    if (term.length > MAX_TERM_LENGTH || !matcher.matches(term)) return;
    spans.push({ term, start, end });
    return spans.length < max;
  });
  return spans;
}
