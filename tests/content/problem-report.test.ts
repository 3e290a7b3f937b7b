import { describe, expect, it } from 'vitest';

import { formatProblem, problemReport, type ContentProblem } from '@/lib/content/problems';

const problem = (file: string, severity: ContentProblem['severity'], line = 1): ContentProblem => ({
  file,
  line,
  column: 1,
  severity,
  message: `${severity} ${line}`,
});
const LIST_ALL = '`npm run content:check`';

describe('problemReport', () => {
  it('prints every problem of the files a run indexed while there are few', () => {
    const problems = [problem('news/a.mdx', 'warning'), problem('news/b.mdx', 'error')];
    expect(problemReport(problems, new Set(['news/a.mdx', 'news/b.mdx']), LIST_ALL)).toEqual(
      problems.map(formatProblem),
    );
  });

  it('prints every error, even of files that did not change, and counts their warnings', () => {
    const problems = [
      problem('news/a.mdx', 'error'),
      problem('news/a.mdx', 'warning', 2),
      problem('news/b.mdx', 'warning'),
      problem('news/c.mdx', 'warning'),
      problem('news/c.mdx', 'warning', 2),
    ];
    expect(problemReport(problems, new Set(['news/b.mdx']), LIST_ALL)).toEqual([
      'news/a.mdx:1:1  error  error 1',
      'news/b.mdx:1:1  warning  warning 1',
      'content: 3 warnings in 2 files that did not change; `npm run content:check` lists every problem',
    ]);
  });

  it('prints the first warnings of a large run and counts the rest, never leaving out an error', () => {
    const problems = Array.from({ length: 30_000 }, (_, i) =>
      problem(`news/${String(i).padStart(5, '0')}.mdx`, i === 29_999 ? 'error' : 'warning'),
    );
    const report = problemReport(
      problems,
      new Set(problems.map((item) => item.file)),
      LIST_ALL,
      20,
    );
    expect(report).toHaveLength(22);
    expect(report.slice(0, 20)).toEqual(problems.slice(0, 20).map(formatProblem));
    expect(report[20]).toBe('news/29999.mdx:1:1  error  error 1');
    expect(report[21]).toBe(
      'content: 29,979 more warnings in the files indexed in this run; `npm run content:check` lists every problem',
    );
  });

  it('says nothing when there is nothing', () => {
    expect(problemReport([], new Set(['news/a.mdx']), LIST_ALL)).toEqual([]);
  });
});
