/**
 * words() splits text as the index's tokenizer does (unicode61, remove_diacritics 2): for
 * queries, for the indexer's list of known words, and for PostgreSQL's vectors. Text whose
 * letters and digits are all ASCII is read in one pass, any other text through Unicode
 * normalization: both must give exactly the words of the latter.
 */
import { describe, expect, it } from 'vitest';

import { words } from '@/lib/search/plan';

/** The folding words() stands for, written the slow way. */
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
