import type { Offering } from '@/lib/content';

import { OfferingCard } from './offering-card';
import { OfferingCarousel } from './offering-carousel';

/** Server part of the carousel: renders every card, the client island adds the controls. */
export function RelatedOfferings({ title, offerings }: { title: string; offerings: Offering[] }) {
  if (offerings.length === 0) return null;
  return (
    <OfferingCarousel title={title}>
      {offerings.map((offering) => (
        <li key={offering.slug}>
          <OfferingCard offering={offering} />
        </li>
      ))}
    </OfferingCarousel>
  );
}
