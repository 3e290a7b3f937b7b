import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = (...args: string[]) =>
  promisify(execFile)(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/content-check.ts', ...args],
    { cwd: ROOT },
  ).then(
    (result) => ({ ...result, code: 0 }),
    (error: { stdout: string; stderr: string; code: number }) => error,
  );

describe('npm run content:check', () => {
  it('reports each deliberately broken file at the right line and column, and fails', async () => {
    const { stdout, code } = await run('tests/fixtures/broken-content');
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines.slice(0, -2)).toEqual([
      'authors/ghost-writer.mdx:2:7  warning  author "Ghost Writer" is named by no article in news/; the profile is still shown at /author/ghost-writer',
      'authors/ghost-writer.mdx:3:8  warning  field "photo": image "missing.jpg" is not a file beside ghost-writer.mdx; initials are shown',
      'authors/no-name.mdx:2:1  error  field "name": is missing; the file is skipped',
      'news/a-valid.mdx:6:5  warning  topic "Medigy: Telehealth" has no file in topics/; its page /topic/medigy-telehealth is built from the content that names it',
      'news/a-valid.mdx:11:5  warning  field "aliases": "https://elsewhere.example/x" points off the site: an alias must be a path on this site such as /news/old-slug; it is ignored',
      'news/a-valid.mdx:14:9  warning  field "featuredImage.href": image "missing-photo.jpg" is not a file beside a-valid.mdx; a placeholder is shown',
      'news/a-valid.mdx:16:5  warning  offering "Ghost Product" has no profile in offerings/; its page /offering/ghost-product is built from this reference',
      'news/a-valid.mdx:20:1  warning  <script> is not allowed in a body and was removed, with the 8 characters of text inside it',
      'news/a-valid.mdx:21:1  warning  remote image "https://cdn.example/remote.jpg" is not shown: put the file beside the article and use a relative path',
      "news/b-bad-yaml.mdx:2:17  error  front matter is not valid YAML: Missing closing 'quote; the file is skipped",
      'news/c-bad-date.mdx:4:7  error  field "date": "next tuesday" is not an ISO 8601 date such as 2022-07-14; the file is skipped',
      'news/d-duplicate.mdx:3:7  error  slug "valid-article" is already used by news/a-valid.mdx; this article is skipped',
      'news/e-no-front-matter.mdx:1:1  error  the file must start with a front matter block opened by a line "---"; the file is skipped',
      'news/f-deep.mdx:8:501  error  the body nests elements more than 100 levels deep (<div>); flatten the markup; the file is skipped',
      'news/g-status.mdx:5:9  error  field "status": expected \'\' (published) or \'draft\', got "pubished"; the article is not published',
      'offerings/bad-slug.mdx:3:7  error  field "slug": must contain only letters, digits, ".", "_", "~" and "-", and start and end with a letter or digit; the file is skipped',
      'topics/telehealth.mdx:2:1  error  field "name": is missing; the file is skipped',
    ]);
    expect(lines.at(-1)).toMatch(
      /broken-content: 1 article, 1 topic, 1 offering, 1 author; 9 errors, 8 warnings$/,
    );
  });

  it('passes the bundled sample content without a warning', async () => {
    const { stdout, code } = await run('content');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /: \d+ articles, \d+ topics, \d+ offerings, \d+ authors; 0 errors, 0 warnings$/,
      ),
    ]);
  });

  it('refuses a folder that does not exist, naming it', async () => {
    const { stderr, code } = await run('no-such-folder');
    expect(code).toBe(2);
    expect(stderr).toMatch(/Content folder ".*no-such-folder" does not exist/);
  });
});

describe('npm run content:index', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'portal-index-cli-'));
  const folder = path.join(workDir, 'content');
  cpSync(path.join(ROOT, 'tests/fixtures/broken-content'), folder, { recursive: true });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));
  const index = () =>
    promisify(execFile)(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/content-index.ts', folder],
      {
        cwd: ROOT,
        env: { ...process.env, CONTENT_DB: path.join(workDir, 'content.db'), DATABASE_URL: '' },
      },
    );
  const problemLines = (stderr: string) =>
    stderr.split('\n').filter((line) => /^\S+:\d+:\d+ {2}(error|warning) {2}/.test(line));

  it('prints the problems of what it indexed, every error, and counts the warnings of the rest', async () => {
    const first = await index();
    expect(problemLines(first.stderr)).toHaveLength(17);
    expect(first.stdout).toMatch(/; 9 errors, 8 warnings; 11 files parsed in /);

    writeFileSync(
      path.join(folder, 'authors/ghost-writer.mdx'),
      `${readFileSync(path.join(folder, 'authors/ghost-writer.mdx'), 'utf8')}\nMore.\n`,
    );
    const second = await index();
    const lines = problemLines(second.stderr);
    // Each broken file is still reported with its place; of the warnings, only the changed file's.
    expect(lines.filter((line) => line.includes('  error  '))).toHaveLength(9);
    expect(lines.filter((line) => line.includes('  warning  '))).toEqual([
      expect.stringMatching(/^authors\/ghost-writer\.mdx:2:7 {2}warning {2}/),
      expect.stringMatching(/^authors\/ghost-writer\.mdx:3:8 {2}warning {2}/),
    ]);
    expect(second.stderr).toContain(
      `content: 6 warnings in 1 file that did not change; \`CONTENT_DIR=${folder} npm run content:check\` lists every problem`,
    );
    expect(second.stdout).toMatch(/; 9 errors, 8 warnings; 1 file parsed in /);
  });
});
