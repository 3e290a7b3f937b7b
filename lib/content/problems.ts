import { pluralize } from '../format';

export type Severity = 'error' | 'warning';

/** Something wrong with a content file, located precisely enough for an editor to fix it. */
export interface ContentProblem {
  /** Path relative to the content folder, e.g. `news/launch.mdx`. */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
}

/** Thrown while reading one file; the loader turns it into an error problem and skips the file. */
export class ContentError extends Error {
  constructor(
    message: string,
    readonly line = 1,
    readonly column = 1,
  ) {
    super(message);
    this.name = 'ContentError';
  }
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}  ${problem.severity}  ${problem.message}`;
}

export function sortProblems(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

/** How many warnings of the files it indexed an index run prints in full. */
export const WARNINGS_PRINTED = 20;

/**
 * What an index run (the build, `npm run content:index`, a server's) prints of `problems`, each
 * as formatProblem's line: every error, changed or not, since each means a file or part of one
 * is skipped; the first `warningsPrinted` warnings of the files it indexed (`indexed`). The
 * other warnings are counted in one line that names `listAll`, the command that prints every
 * problem: a large archive has thousands of them (a remote image not shown, a topic without a
 * profile), and printing them all on every run would bury what changed.
 */
export function problemReport(
  problems: readonly ContentProblem[],
  indexed: ReadonlySet<string>,
  listAll: string,
  warningsPrinted = WARNINGS_PRINTED,
): string[] {
  const lines: string[] = [];
  let printed = 0;
  let unprinted = 0;
  const unchanged = { warnings: 0, files: new Set<string>() };
  for (const problem of problems) {
    if (problem.severity === 'error') {
      lines.push(formatProblem(problem));
    } else if (!indexed.has(problem.file)) {
      unchanged.warnings++;
      unchanged.files.add(problem.file);
    } else if (printed < warningsPrinted) {
      printed++;
      lines.push(formatProblem(problem));
    } else {
      unprinted++;
    }
  }
  const untold: string[] = [];
  if (unprinted > 0) {
    untold.push(`${pluralize(unprinted, 'more warning')} in the files indexed in this run`);
  }
  if (unchanged.warnings > 0) {
    untold.push(
      `${pluralize(unchanged.warnings, 'warning')} in ${pluralize(unchanged.files.size, 'file')} that did not change`,
    );
  }
  if (untold.length > 0) {
    lines.push(`content: ${untold.join(', and ')}; ${listAll} lists every problem`);
  }
  return lines;
}
