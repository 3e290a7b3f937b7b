import { ArticleSection } from '@/components/article/article-grid';
import { AuthorPhoto } from '@/components/author/author-photo';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { MdxContent } from '@/components/mdx/mdx-content';
import { JsonLd } from '@/components/seo/json-ld';
import type { ArticleSummary, Author, Paged } from '@/lib/content';
import { breadcrumbs } from '@/lib/seo/breadcrumbs';
import { breadcrumbJsonLd, profilePageJsonLd } from '@/lib/seo/json-ld';
import { authorPath } from '@/lib/routes';

/** An author's page: who they are (from their profile, if any) and their articles, newest first. */
export function AuthorView({
  author,
  articles,
}: {
  author: Author;
  articles: Paged<ArticleSummary>;
}) {
  const trail = breadcrumbs.author(author);
  return (
    <div className="flex flex-col gap-8">
      <JsonLd data={profilePageJsonLd(author, authorPath(author.slug, articles.page))} />
      <JsonLd data={breadcrumbJsonLd(trail)} />
      <Breadcrumbs items={trail} />
      <header className="flex max-w-3xl flex-col gap-4 sm:flex-row sm:items-start sm:gap-6">
        <AuthorPhoto author={author} size={96} />
        <div className="flex flex-col gap-2">
          <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Author</p>
          <h1 className="font-serif text-3xl font-bold sm:text-4xl">{author.name}</h1>
          {author.role && <p className="text-lg text-slate-700">{author.role}</p>}
          {articles.page === 1 && author.body && <MdxContent body={author.body} />}
          {author.links.length > 0 && (
            <ul aria-label={`${author.name} elsewhere`} className="flex flex-wrap gap-x-4 text-sm">
              {author.links.map((link) => (
                <li key={link}>
                  <a href={link} rel="me noopener noreferrer" className="text-brand-700 underline">
                    {new URL(link).hostname.replace(/^www\./, '')}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </header>

      <ArticleSection
        id="author-news"
        title="Articles"
        articles={articles}
        hrefFor={(page) => authorPath(author.slug, page)}
        label={`Pages of articles by ${author.name}`}
        empty={`No published articles by ${author.name} yet.`}
      />
    </div>
  );
}
