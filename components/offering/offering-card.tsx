import Link from 'next/link';

import { FeaturedImage } from '@/components/article/featured-image';
import type { Offering } from '@/lib/content';
import { offeringPath } from '@/lib/routes';

export function OfferingCard({
  offering,
  headingLevel: Heading = 'h3',
}: {
  offering: Offering;
  headingLevel?: 'h2' | 'h3';
}) {
  return (
    <article className="group relative flex h-full flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-xs">
      <FeaturedImage image={offering.image} aspect="aspect-[3/2]" sizes="256px" />
      <div className="flex flex-1 flex-col gap-1">
        <Heading className="font-semibold text-slate-900">
          <Link
            href={offeringPath(offering.slug)}
            className="group-hover:underline after:absolute after:inset-0"
          >
            {offering.title}
          </Link>
        </Heading>
        {offering.vendor && <p className="text-sm text-slate-600">by {offering.vendor}</p>}
        {offering.topics.length > 0 && (
          <p className="mt-auto pt-2 text-xs text-slate-500">
            {offering.topics.map((topic) => topic.label).join(' · ')}
          </p>
        )}
      </div>
    </article>
  );
}
