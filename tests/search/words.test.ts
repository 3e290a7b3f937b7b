/**
 * words() splits text as the index's tokenizer does (unicode61, remove_diacritics 2): for
 * queries, for the indexer's list of known words, and for PostgreSQL's vectors. Most text is
 * read in one pass, a character at a time; text with a character that does not fold on its own
 * goes through the normalization of the whole text. Either way the words must be exactly those
 * of the whole text's normalization.
 */
import { describe, expect, it } from 'vitest';

import { words } from '@/lib/search/plan';

/**
 * The folding words() stands for, written the slow way. Written here rather than imported: it is
 * also what words() falls back to, which compared with itself could not fail.
 */
function folded(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const TEXTS = [
  '',
  'Plain ASCII: Remote-Patient monitoring, 24/7 (v2.1)!',
  'Curly quotes, dashes and an ellipsis: “Care’s” — costs… rose – 12%.',
  'Emoji and symbols beside words: 🩺Stethoscope 👍ok € 100 © 2026',
  'Accents fold away: Télésanté in QUÉBEC, naïve façade',
  'A combining accent: cafe\u0301 and re\u0301sume\u0301',
  'Compatibility forms become letters: ™ ﬁnance ½ ① ㎏ Ｆｕｌｌ',
  'Turkish dotted I: İstanbul; German: Straße; Greek: Ωμέγα',
  'A capital sigma, lower case by what follows it: ΟΔΟΣ ΣΟΦΙΑΣ.',
  'Scripts without ASCII: 東京 مرحبا नमस्ते',
  'Digits elsewhere: ٣ and ४ and 5',
  'A lone surrogate \ud800 between words, and a pair 𝐀 (mathematical bold A)',
  'Control\tcharacters\nand\u00a0no-break\u2009spaces\u200bzero width',
];

describe('words', () => {
  it.each(TEXTS)('splits %j as the Unicode folding does', (text) => {
    expect(words(text)).toEqual(folded(text));
  });

  it('reads ASCII words past other punctuation in lower case', () => {
    expect(words('“Care’s” — costs… rose')).toEqual(['care', 's', 'costs', 'rose']);
    expect(words('ﬁnance ™')).toEqual(['finance', 'tm']);
  });
});
