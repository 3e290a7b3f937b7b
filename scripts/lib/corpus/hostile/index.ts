/**
 * The hostile cases: content files written to break the build, the server or a reader's
 * browser, listed once for every suite that writes them. A generated corpus with hostile
 * files holds the build cases (hostile-files.ts), where the corpus check and the unit tests
 * look for them; the browser suite (e2e/hostile.spec.ts) writes every case as a draft and
 * checks it through the editors' preview.
 */
import { BROWSER_CASES } from './browser-cases';
import { BUILD_CASES } from './build-cases';
import type { HostileCaseDefinition } from './case';

export { RUN } from './browser-cases';
export type { HostileCaseDefinition, HostileWriter } from './case';
export { BUILD_CASES };

export const HOSTILE_CASES: readonly HostileCaseDefinition[] = [...BUILD_CASES, ...BROWSER_CASES];
