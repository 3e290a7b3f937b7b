import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listOfferingsPage } from '@/lib/content';

import { OfferingList } from './_components/offering-list';

export const metadata: Metadata = {
  title: 'Offerings',
  description: 'Digital health products and services featured in our curated news.',
  alternates: { canonical: '/offerings' },
};

export default async function OfferingsPage() {
  const offerings = await listOfferingsPage(1);
  if (!offerings) notFound();
  return <OfferingList offerings={offerings} />;
}
