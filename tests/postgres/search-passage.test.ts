/**
 * The highlights of PostgreSQL's page of hits, marked in Node (lib/content/postgres/search-passage.ts)
 * with the words folded as the index folds them.
 */
import { describe, expect, it } from 'vitest';

import { markedWhole, passage, termsOf } from '@/lib/content/postgres/search-passage';
import { MARK_END, MARK_START } from '@/lib/content/sql/search-index';
import { planQuery, type QueryPlan } from '@/lib/search/plan';

/** The plan of `q`, every word known to the index. */
function plan(q: string): QueryPlan {
  return planQuery(q, { has: () => true, hasPrefix: () => true, known: () => [] });
}

/** `[marked]` words, to compare as text. */
function shown(marked: string): string {
  return marked.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']');
}

const filler = (word: string, n: number) => Array.from({ length: n }, () => word).join(' ');

describe('passages marked in Node', () => {
  it('centres about two lines on the window holding the most terms, cut with ellipses', () => {
    const text = `${filler('budget', 40)} pump ${filler('budget', 40)} the insulin pump reports doses ${filler('staff', 40)}`;
    const marked = shown(passage(text, termsOf(plan('insulin pump'))));
    expect(marked).toMatch(/^…budget/);
    expect(marked).toMatch(/staff…$/);
    expect(marked).toContain('the [insulin] [pump] reports doses');
    expect(marked.replaceAll('…', '').split(' ')).toHaveLength(28);
  });

  it('marks the words the index holds: folded accents, prefixes and corrections', () => {
    const terms = termsOf({
      terms: [
        { word: 'quebec', prefix: false, corrections: [] },
        { word: 'tele', prefix: true, corrections: [] },
        { word: 'clinisc', prefix: false, corrections: ['clinics'] },
      ],
      phrase: null,
    });
    expect(shown(markedWhole('Telehealth clinics in Québec.', terms))).toBe(
      '[Telehealth] [clinics] in [Québec].',
    );
  });

  it('gives the opening words of a long text that does not match', () => {
    const text = `${filler('opening', 12)} ${filler('closing', 40)}`;
    expect(shown(passage(text, termsOf(plan('pump'))))).toBe(`${filler('opening', 12)}…`);
  });

  it('gives a short text whole', () => {
    expect(shown(passage('A short summary of the recall.', termsOf(plan('recall'))))).toBe(
      'A short summary of the [recall].',
    );
  });
});
