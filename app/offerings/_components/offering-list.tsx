import { PagedIndex } from '@/components/layout/paged-index';
import { OfferingCard } from '@/components/offering/offering-card';
import type { Offering, Paged } from '@/lib/content';
import { offeringsPath } from '@/lib/routes';

export function OfferingList({ offerings }: { offerings: Paged<Offering> }) {
  return (
    <PagedIndex
      title="Offerings"
      intro="Digital health products and services that appear in our news"
      paged={offerings}
      empty="No offerings yet."
      columns="sm:grid-cols-2 lg:grid-cols-4"
      keyOf={(offering) => offering.slug}
      render={(offering) => <OfferingCard offering={offering} headingLevel="h2" />}
      hrefFor={offeringsPath}
      label="Offering pages"
    />
  );
}
