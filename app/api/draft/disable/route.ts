import { redirect } from 'next/navigation';

import { setPreview } from '@/lib/preview-mode';

export async function GET() {
  await setPreview(false);
  redirect('/');
}
