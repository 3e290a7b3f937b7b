/**
 * Checks a content folder against the contract and prints each problem as
 * `file:line:column  error|warning  message`, then a summary. Exits 1 when there is an error.
 * The build runs the same checks and prints the same messages.
 *
 *   npm run content:check [-- DIR]      (default: $CONTENT_DIR, else ./content)
 */
import path from 'node:path';

import { contentDir } from '../lib/content/files';
import { loadContent } from '../lib/content/load';
import { formatProblem } from '../lib/content/problems';
import { pluralize } from '../lib/format';

import { parseFlags, readCommandLine, UsageError } from './lib/args';

const folder = readCommandLine('usage: npm run content:check [-- DIR]', (args) => {
  const { positionals } = parseFlags(args, {}, { positionals: true });
  if (positionals.length > 1) throw new UsageError('takes one folder at most');
  return positionals[0];
});
const dir = folder ? path.resolve(folder) : contentDir();

try {
  const content = await loadContent(dir);
  for (const problem of content.problems) console.log(formatProblem(problem));
  const errors = content.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = content.problems.length - errors;
  if (content.problems.length > 0) console.log('');
  const loaded = [
    pluralize(content.articles.length, 'article'),
    pluralize(content.topics.size, 'topic'),
    pluralize(content.offerings.size, 'offering'),
    pluralize(content.authors.size, 'author'),
  ];
  console.log(
    `${dir}: ${loaded.join(', ')}; ${pluralize(errors, 'error')}, ${pluralize(warnings, 'warning')}`,
  );
  process.exit(errors > 0 ? 1 : 0);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
