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
