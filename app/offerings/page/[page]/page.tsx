import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { listOfferingsPage } from '@/lib/content';
import { parsePageParam } from '@/lib/params';

import { OfferingList, offeringsPageHref } from '../../_components/offering-list';

export async function generateStaticParams() {
  const pageCount = (await listOfferingsPage(1))?.pageCount ?? 1;
  return Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => ({ page: String(i + 2) }));
}

export async function generateMetadata({
  params,
}: PageProps<'/offerings/page/[page]'>): Promise<Metadata> {
  const page = parsePageParam((await params).page);
  if (!page) return {};
  return { title: `Offerings, page ${page}`, alternates: { canonical: offeringsPageHref(page) } };
}

export default async function OfferingsPageN({ params }: PageProps<'/offerings/page/[page]'>) {
  const page = parsePageParam((await params).page);
  if (page === 1) permanentRedirect('/offerings');
  const offerings = page ? await listOfferingsPage(page) : null;
  if (!offerings) notFound();
  return <OfferingList offerings={offerings} />;
}
