import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listOfferingsPage } from '@/lib/content';
import { sectionMetadata } from '@/lib/seo/metadata';

import { OfferingList } from './_components/offering-list';
import { OFFERINGS_PATH } from '@/lib/routes';

export const metadata: Metadata = sectionMetadata(
  'Offerings',
  'Digital health products and services featured in our curated news.',
  OFFERINGS_PATH,
);

export default async function OfferingsPage() {
  const offerings = await listOfferingsPage(1);
  if (!offerings) notFound();
  return <OfferingList offerings={offerings} />;
}
