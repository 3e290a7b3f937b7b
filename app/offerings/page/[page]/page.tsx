import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listOfferingsPage } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { NOT_FOUND_METADATA, sectionMetadata } from '@/lib/seo/metadata';

import { OfferingList } from '../../_components/offering-list';
import { offeringsPath } from '@/lib/routes';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

async function load({ params }: PageProps<'/offerings/page/[page]'>) {
  const page = parsePageParam((await params).page);
  return page ? listOfferingsPage(page) : null;
}

export async function generateMetadata(
  props: PageProps<'/offerings/page/[page]'>,
): Promise<Metadata> {
  const offerings = await load(props);
  if (!offerings) return NOT_FOUND_METADATA;
  return sectionMetadata(
    `Offerings, page ${offerings.page}`,
    `Digital health products and services featured in our curated news, page ${offerings.page}.`,
    offeringsPath(offerings.page),
  );
}

export default async function OfferingsPageN(props: PageProps<'/offerings/page/[page]'>) {
  const offerings = await load(props);
  if (!offerings) notFound();
  return <OfferingList offerings={offerings} />;
}
