import { Pagination } from '@/components/layout/pagination';
import { OfferingCard } from '@/components/offering/offering-card';
import type { Offering, Paged } from '@/lib/content';
import { offeringsPath } from '@/lib/routes';

export function OfferingList({ offerings }: { offerings: Paged<Offering> }) {
  return (
    <div>
      <header className="mb-8">
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">Offerings</h1>
        <p className="mt-2 text-slate-600">
          Digital health products and services that appear in our news
          {offerings.page > 1 && ` (page ${offerings.page} of ${offerings.pageCount})`}.
        </p>
      </header>
      {offerings.items.length === 0 ? (
        <p className="text-slate-600">No offerings yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {offerings.items.map((offering) => (
            <li key={offering.slug}>
              <OfferingCard offering={offering} headingLevel="h2" />
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={offerings.page}
        pageCount={offerings.pageCount}
        hrefFor={offeringsPath}
        label="Offering pages"
        previousLabel="Previous"
        nextLabel="Next"
      />
    </div>
  );
}
