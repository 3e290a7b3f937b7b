import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { resolveMedia } from '@/lib/content';
import { IMAGE_TYPES } from '@/lib/content/files';

/** Serves only image files that content references; anything else is a 404. */
export async function GET(_request: Request, context: RouteContext<'/media/[...path]'>) {
  const { path: segments } = await context.params;
  const file = await resolveMedia(segments.join('/'));
  const type = file ? IMAGE_TYPES[path.extname(file).toLowerCase()] : undefined;
  if (!file || !type) return new Response('Not found', { status: 404 });
  const data = await readFile(file);
  return new Response(new Uint8Array(data), {
    headers: {
      'Content-Type': type,
      'Content-Length': String(data.byteLength),
      'Cache-Control': 'public, max-age=86400, stale-while-revalidate=604800',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
