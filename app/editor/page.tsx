import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { editorialQueue, isPreview } from '@/lib/content';
import { formatDate, pluralize } from '@/lib/format';
import { NOT_FOUND_METADATA } from '@/lib/seo/metadata';

import { ArticleQueue } from './_components/article-queue';

export async function generateMetadata(): Promise<Metadata> {
  return (await isPreview())
    ? { title: 'Editors', robots: { index: false, follow: false } }
    : NOT_FOUND_METADATA;
}

/** Only ever shown in an editor's preview, with what the folder holds now. */
export const dynamic = 'force-dynamic';

/** Drafts, scheduled articles and content problems; exists only in preview. */
export default async function EditorPage() {
  const queue = await editorialQueue();
  if (!queue) notFound();
  const errors = queue.problems.filter((problem) => problem.severity === 'error').length;

  return (
    <div className="flex flex-col gap-10">
      <header>
        <h1 className="font-serif text-3xl font-bold">Editors</h1>
        <p className="mt-2 text-slate-600">
          {pluralize(queue.drafts.length, 'draft')},{' '}
          {pluralize(queue.scheduled.length, 'scheduled article')}, {pluralize(errors, 'error')} and{' '}
          {pluralize(queue.problems.length - errors, 'warning')} in the content folder.
        </p>
      </header>

      <ArticleQueue
        id="drafts"
        title="Drafts"
        empty="No drafts."
        articles={queue.drafts}
        detail={(article) => `(${article.file})`}
      />
      <ArticleQueue
        id="scheduled"
        title="Scheduled"
        empty="Nothing is scheduled."
        articles={queue.scheduled}
        detail={(article) => (
          <>
            goes public{' '}
            <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
          </>
        )}
      />

      <section aria-labelledby="problems">
        <h2 id="problems" className="mb-3 text-xl font-bold">
          Content problems
        </h2>
        {queue.problems.length === 0 ? (
          <p className="text-slate-600">No problems found.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-300">
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    File
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Severity
                  </th>
                  <th scope="col" className="py-2">
                    Problem
                  </th>
                </tr>
              </thead>
              <tbody>
                {queue.problems.map((problem) => (
                  <tr
                    key={`${problem.file}:${problem.line}:${problem.column}:${problem.message}`}
                    className="border-b border-slate-100 align-top"
                  >
                    <td className="py-2 pr-4 font-mono whitespace-nowrap">
                      {problem.file}:{problem.line}:{problem.column}
                    </td>
                    <td
                      className={`py-2 pr-4 font-semibold ${problem.severity === 'error' ? 'text-red-700' : 'text-amber-800'}`}
                    >
                      {problem.severity}
                    </td>
                    <td className="py-2">{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
