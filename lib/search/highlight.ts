/**
 * Highlighting: marks the words of a text that matched a query, as segments (see
 * HighlightSegment), and cuts a passage around the best cluster of matches for snippets.
 */
import { truncate } from '@/lib/content/text';

import { matchingSpans, type TermMatcher } from './text';
import type { Highlighted } from './types';

export const SNIPPET_LENGTH = 180;
/** Bodies can be long; a passage is looked for in their first this-many characters. */
const SCAN_LIMIT = 20_000;
/** Enough matches to choose a passage from. */
const MAX_MATCHES = 64;
/** Characters of context kept before the first match of a passage. */
const LEAD = 40;

/** Every matching word of `text` marked. */
export function highlight(text: string, matches: TermMatcher): Highlighted {
  const segments: Highlighted = [];
  let at = 0;
  for (const span of matchingSpans(text, matches)) {
    push(segments, text.slice(at, span.start), false);
    push(segments, text.slice(span.start, span.end), true);
    at = span.end;
  }
  push(segments, text.slice(at), false);
  return segments;
}

/**
 * A passage of about `length` characters around the densest cluster of matching words
 * (the most different terms, then the earliest), matches marked; null when no word matches.
 */
export function snippet(
  text: string,
  matches: TermMatcher,
  length = SNIPPET_LENGTH,
): Highlighted | null {
  const found = matchingSpans(text, matches, SCAN_LIMIT, MAX_MATCHES);
  const first = found[0];
  if (!first) return null;

  let best = { start: first.start, terms: 0 };
  for (let i = 0; i < found.length; i++) {
    const start = found[i]!.start;
    const terms = new Set<string>();
    for (let j = i; j < found.length && found[j]!.end <= start + length - LEAD; j++) {
      terms.add(found[j]!.term);
    }
    if (terms.size > best.terms) best = { start, terms: terms.size };
  }

  const [from, to] = passageAround(text, best.start, length);
  const segments: Highlighted = [];
  push(segments, from > 0 ? '…' : '', false);
  for (const segment of highlight(text.slice(from, to), matches)) {
    push(segments, segment.text, segment.match);
  }
  push(segments, to < text.length ? '…' : '', false);
  return segments;
}

/** The start of `text` as one plain segment, for hits whose text did not match. */
export function plain(text: string, length = SNIPPET_LENGTH): Highlighted {
  const cut = truncate(text, length);
  return cut ? [{ text: cut, match: false }] : [];
}

/** [from, to) of a passage that starts a little before `anchor`, both ends on word breaks. */
function passageAround(text: string, anchor: number, length: number): [number, number] {
  let from = Math.max(0, anchor - LEAD);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    from = space !== -1 && space < anchor ? space + 1 : anchor;
  }
  let to = Math.min(text.length, from + length);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > from + length * 0.6) to = space;
  }
  return [from, to];
}

/** Appends, merging with the previous segment when both are (or are not) matches. */
function push(segments: Highlighted, text: string, match: boolean): void {
  if (!text) return;
  const last = segments[segments.length - 1];
  if (last && last.match === match) last.text += text;
  else segments.push({ text, match });
}
