import type { ArticleSummary, Author, Offering, Source, Topic } from '@/lib/content';
import {
  AUTHORS_PATH,
  NEWS_PATH,
  OFFERINGS_PATH,
  TOPICS_PATH,
  articlePath,
  authorPath,
  offeringPath,
  sourcePath,
  topicPath,
} from '@/lib/routes';

export interface Crumb {
  label: string;
  href: string;
}

/** One trail per page kind, shared by the visible breadcrumbs and their JSON-LD. */
export const breadcrumbs = {
  article: (article: ArticleSummary): Crumb[] => [
    { label: 'Home', href: '/' },
    { label: 'News', href: NEWS_PATH },
    { label: article.title, href: articlePath(article.slug) },
  ],
  topic: (topic: Topic): Crumb[] => [
    { label: 'Home', href: '/' },
    { label: 'Topics', href: TOPICS_PATH },
    { label: topic.label, href: topicPath(topic.slug) },
  ],
  author: (author: Author): Crumb[] => [
    { label: 'Home', href: '/' },
    { label: 'Authors', href: AUTHORS_PATH },
    { label: author.name, href: authorPath(author.slug) },
  ],
  source: (source: Source): Crumb[] => [
    { label: 'Home', href: '/' },
    { label: 'News', href: NEWS_PATH },
    { label: source.name, href: sourcePath(source.brand) },
  ],
  offering: (offering: Offering): Crumb[] => [
    { label: 'Home', href: '/' },
    { label: 'Offerings', href: OFFERINGS_PATH },
    { label: offering.title, href: offeringPath(offering.slug) },
  ],
};
