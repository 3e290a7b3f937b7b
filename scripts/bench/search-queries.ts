/** The search queries both benchmarks time (bench-search.ts in process, the bench over HTTP). */
import type { SearchQuery } from '../../lib/search/types';

/** A fixed mix of what readers type, by kind, against the generator's vocabulary. */
export const QUERIES: Array<[kind: string, query: Partial<SearchQuery>]> = [
  ...['health', 'patients', 'hospital', 'care', 'digital', 'data'].map(
    (q) => ['common word', { q }] as [string, Partial<SearchQuery>],
  ),
  ...['telehealth', 'interoperability', 'readmissions', 'oncology', 'audiology', 'québec'].map(
    (q) => ['rarer word', { q }] as [string, Partial<SearchQuery>],
  ),
  ...['t', 'te', 'tel', 'tele', 'rem', 'mon', 'inter', 'car', 'ho', 'pr'].map(
    (q) => ['prefix', { q }] as [string, Partial<SearchQuery>],
  ),
  ...[
    'helth',
    'hosptial',
    'monitring',
    'interoperabilty',
    'readmisions',
    'diabtes',
    'pateints',
  ].map((q) => ['typo', { q }] as [string, Partial<SearchQuery>]),
  ...[
    'remote patient monitoring',
    'medication adherence',
    'length of stay',
    'hospital readmissions',
    'digital therapeutics',
    'artificial intelligence',
  ].map((q) => ['phrase', { q }] as [string, Partial<SearchQuery>]),
  ...[
    'ai triage funding',
    'nhs digital records',
    'remote monitoring heart failure',
    'mental health app for teens',
    'the future of care',
    'value based care contracts',
    'cybersecurity ransomware hospital',
  ].map((q) => ['multiword', { q }] as [string, Partial<SearchQuery>]),
  ...['remote patient moni', 'digital thera', 'medication adh', 'clinical decision sup'].map(
    (q) => ['typing', { q }] as [string, Partial<SearchQuery>],
  ),
  ['filtered', { q: 'health', type: 'offering' }],
  ['filtered', { q: 'care', type: 'topic' }],
  ['filtered', { q: 'monitoring', page: 20 }],
  ['filtered', { q: 'health', limit: 50, page: 3 }],
  ['no match', { q: 'xylophone' }],
  ['no match', { q: 'zzqx blorft' }],
];
