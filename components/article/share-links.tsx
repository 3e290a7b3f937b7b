import { CopyLink } from './copy-link';

const LINK_CLASS =
  'inline-flex items-center rounded-full border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100';

/**
 * Plain links to each service's share page, carrying the article's canonical URL: they work
 * without JavaScript and load nothing from those services until the reader chooses one.
 */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const encoded = encodeURIComponent(url);
  const services = [
    { name: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${encoded}` },
    {
      name: 'X',
      href: `https://x.com/intent/post?text=${encodeURIComponent(title)}&url=${encoded}`,
    },
  ];
  return (
    <section aria-labelledby="share-heading" className="flex flex-wrap items-center gap-2">
      <h2 id="share-heading" className="mr-1 text-sm font-semibold text-slate-600">
        Share
      </h2>
      {services.map((service) => (
        <a
          key={service.name}
          href={service.href}
          target="_blank"
          rel="noopener noreferrer"
          className={LINK_CLASS}
        >
          <span className="sr-only">Share on </span>
          {service.name}
        </a>
      ))}
      <a
        href={`mailto:?subject=${encodeURIComponent(title)}&body=${encoded}`}
        className={LINK_CLASS}
      >
        Email<span className="sr-only"> this story</span>
      </a>
      <CopyLink url={url} className={LINK_CLASS} />
    </section>
  );
}
