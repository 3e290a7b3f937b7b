/**
 * Synthetic content corpus generator for benchmarks and tests.
 *
 * Writes a content folder that follows docs/content.md (news/, topics/, offerings/)
 * with articles shaped like the curation pipeline's output, plus, on request, a set of hostile
 * files that the portal must report and skip (or publish safely).
 *
 * Everything is derived from seeded randomness (rng.ts), so the same options give the same
 * bytes.
 */
export {
  DEFAULT_NOW,
  DEFAULT_SEED,
  MAX_ARTICLES,
  generateCorpus,
  type CorpusOptions,
  type CorpusSummary,
} from './generate';
export type { HostileCase } from './hostile-files';
export { CORPUS_MARKER, prepareOutputDir } from './output';
export { Rng } from './rng';
export { kebab } from './text';
