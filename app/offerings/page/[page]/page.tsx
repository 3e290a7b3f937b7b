import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listOfferingsPage } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { sectionMetadata } from '@/lib/seo/metadata';

import { OfferingList, offeringsPageHref } from '../../_components/offering-list';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({
  params,
}: PageProps<'/offerings/page/[page]'>): Promise<Metadata> {
  const page = parsePageParam((await params).page);
  if (!page) return {};
  return sectionMetadata(
    `Offerings, page ${page}`,
    `Digital health products and services featured in our curated news, page ${page}.`,
    offeringsPageHref(page),
  );
}

export default async function OfferingsPageN({ params }: PageProps<'/offerings/page/[page]'>) {
  const page = parsePageParam((await params).page);
  const offerings = page ? await listOfferingsPage(page) : null;
  if (!offerings) notFound();
  return <OfferingList offerings={offerings} />;
}
