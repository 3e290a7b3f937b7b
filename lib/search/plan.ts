/**
 * Turns what a reader typed into a full-text query. Pure, and shared by every engine: the
 * words are folded as the index folds them (case, accents), common words are left out unless
 * they are all there is, the last word matches as a prefix while it is being typed, and a word
 * the index does not know matches the words it does know within one typo.
 */

export const MAX_QUERY_TERMS = 12;
/** Longer runs are not words (hashes, base64, URLs with the punctuation gone). */
export const MAX_TERM_LENGTH = 40;
const MIN_PREFIX_LENGTH = 2;
const MIN_TYPO_LENGTH = 4;
const MAX_TYPO_TERMS = 20;

/** Left out of a query unless it holds nothing else: its meaning rarely hangs on them. */
const COMMON_WORDS = new Set(
  `a an and are as at be by for from in into is it of on or that the this to was were with`.split(
    ' ',
  ),
);

/** What the index knows: asked while planning. */
export interface Vocabulary {
  has(term: string): boolean;
  hasPrefix(prefix: string): boolean;
  /** Which of these candidate terms the index holds. */
  known(candidates: string[]): string[];
}

export interface Term {
  /** The folded word, as typed. */
  word: string;
  /** Matches words that start with it (the last word, as the reader types it). */
  prefix: boolean;
  /** Index terms within one typo of the word, when the index does not know the word itself. */
  corrections: string[];
}

export interface QueryPlan {
  /** Every term must match (one of its forms). Empty: the query finds nothing. */
  terms: Term[];
  /** The words in order (common ones too), for the phrase boost; null for a single word. */
  phrase: { words: string[]; prefix: boolean } | null;
}

/** Folds text as the index's tokenizer does (unicode61, remove_diacritics 2) and splits it into words. */
export function words(text: string): string[] {
  return plainWords(text) ?? foldedWords(text);
}

function foldedWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * The same words read in one pass, each character past ASCII folded on its own (kept per
 * character): the indexer reads every body for its words, and the Unicode patterns and the
 * normalization of a whole body took a quarter of a millisecond. Null for a text with a
 * character whose folding does not split that way (see folding()), which foldedWords() reads.
 * Folding per character is the whole text's folding because marks are removed (their order,
 * which normalization may change, is lost anyway) and lower case depends on no neighbour but
 * for the capital sigma, which folding() leaves to foldedWords().
 */
function plainWords(text: string): string[] | null {
  const found: string[] = [];
  // The word so far, past its ASCII run from `start` (folded characters, and runs before them).
  let word = '';
  let start = -1;
  const end = (at: number) => {
    if (start >= 0) word += text.slice(start, at);
    start = -1;
  };
  const close = (at: number) => {
    end(at);
    if (word) found.push(word.toLowerCase());
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90)) {
      if (start < 0) start = i;
      continue;
    }
    if (code < 128) {
      close(i);
      continue;
    }
    const point = text.codePointAt(i)!;
    const folded = folding(point);
    if (folded === null) return null;
    if (folded === SEPARATOR) close(i);
    else {
      end(i);
      word += folded;
    }
    // The second half of a surrogate pair is part of the same character.
    if (point > 0xffff) i++;
  }
  close(text.length);
  return found;
}

/** A character that folds to no letter or digit: it only parts words. */
const SEPARATOR = Symbol('separator');

/**
 * What a character past ASCII folds to (compatibility decomposition, marks removed, lower
 * case): letters and digits that belong to the word it is in ('' for a mark), SEPARATOR, or
 * null when it folds to both letters and other characters ('½' is '1⁄2') or to a capital
 * sigma, whose lower case depends on what follows.
 */
function folding(point: number): string | typeof SEPARATOR | null {
  const kept = FOLDINGS.get(point);
  if (kept !== undefined) return kept;
  const decomposed = String.fromCodePoint(point)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
  const lower = decomposed.toLowerCase();
  const folded = decomposed.includes('\u03a3')
    ? null
    : /^[\p{L}\p{N}]*$/u.test(lower)
      ? lower
      : /[\p{L}\p{N}]/u.test(lower)
        ? null
        : SEPARATOR;
  if (FOLDINGS.size < MAX_KNOWN_CHARACTERS) FOLDINGS.set(point, folded);
  return folded;
}

const FOLDINGS = new Map<number, string | typeof SEPARATOR | null>();
const MAX_KNOWN_CHARACTERS = 4096;

export function planQuery(q: string, vocabulary: Vocabulary): QueryPlan {
  const all = words(q).filter((word) => word.length <= MAX_TERM_LENGTH);
  const meaningful = all.filter((word) => !COMMON_WORDS.has(word));
  const chosen = [...new Set(meaningful.length > 0 ? meaningful : all)].slice(0, MAX_QUERY_TERMS);
  const last = all.at(-1);
  const terms = chosen.map((word): Term => {
    const prefix = word === last && word.length >= MIN_PREFIX_LENGTH;
    const known = vocabulary.has(word) || (prefix && vocabulary.hasPrefix(word));
    const corrections =
      !known && word.length >= MIN_TYPO_LENGTH
        ? vocabulary.known(oneEditAway(word)).slice(0, MAX_TYPO_TERMS)
        : [];
    return { word, prefix, corrections };
  });
  const phraseWords = all.slice(0, MAX_QUERY_TERMS);
  const phrase =
    chosen.length > 1
      ? { words: phraseWords, prefix: (last?.length ?? 0) >= MIN_PREFIX_LENGTH }
      : null;
  return { terms, phrase };
}

/**
 * Every string one edit from `word`: a letter dropped, two neighbours swapped, a letter
 * changed or added (letters of the word and a–z, 0–9).
 */
export function oneEditAway(word: string): string[] {
  const letters = [...new Set([...'abcdefghijklmnopqrstuvwxyz0123456789', ...word])];
  const edits = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) edits.add(head + tail.slice(1));
    if (tail.length > 1) edits.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of letters) {
      if (tail) edits.add(head + letter + tail.slice(1));
      edits.add(head + letter + tail);
    }
  }
  edits.delete(word);
  return [...edits];
}

/** True when `a` and `b` are at most one edit apart (a swap of neighbours counts as one). */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start))
    start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const restA = endA - start;
  const restB = endB - start;
  if (restA <= 1 && restB <= 1) return true;
  return (
    restA === 2 &&
    restB === 2 &&
    a.charCodeAt(start) === b.charCodeAt(start + 1) &&
    a.charCodeAt(start + 1) === b.charCodeAt(start)
  );
}
