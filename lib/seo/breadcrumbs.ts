import type { ArticleSummary, Author, Offering, Source, Topic } from '@/lib/content';

export interface Crumb {
  label: string;
  href: string;
}

/** One trail per page kind, shared by the visible breadcrumbs and their JSON-LD. */
export const breadcrumbs = {
  article: (article: ArticleSummary): Crumb[] => [
    { label: 'Home', href: '/' },
    { label: 'News', href: '/news' },
    { label: article.title, href: `/news/${article.slug}` },
  ],
  topic: (topic: Topic): Crumb[] => [
    { label: 'Home', href: '/' },
    { label: 'Topics', href: '/topics' },
    { label: topic.label, href: `/topic/${topic.slug}` },
  ],
  author: (author: Author): Crumb[] => [
    { label: 'Home', href: '/' },
    { label: 'Authors', href: '/authors' },
    { label: author.name, href: `/author/${author.slug}` },
  ],
  source: (source: Source): Crumb[] => [
    { label: 'Home', href: '/' },
    { label: 'News', href: '/news' },
    { label: source.name, href: `/source/${source.brand}` },
  ],
  offering: (offering: Offering): Crumb[] => [
    { label: 'Home', href: '/' },
    { label: 'Offerings', href: '/offerings' },
    { label: offering.title, href: `/offering/${offering.slug}` },
  ],
};
