import { listArticles } from '@/lib/content';

/** Rendered on every request: it reports the database as it is now. */
export const dynamic = 'force-dynamic';

/** Longer than this and the database counts as unreachable. */
const TIMEOUT_MS = 1_500;

/**
 * Readiness, for a load balancer (the front server answers it within its own timeout, and
 * `/healthz` for liveness, lib/server/health.ts): the content database answers and holds
 * published articles. 503 with the reason otherwise.
 */
export async function GET() {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await Promise.race([
      listArticles(1),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the content database did not answer within ${TIMEOUT_MS} ms`)),
          TIMEOUT_MS,
        );
      }),
    ]);
    if (!page || page.total === 0)
      return notReady('the content database holds no published article');
    return Response.json(
      { ready: true, articles: page.total, ms: Math.round(performance.now() - started) },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return notReady(error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

function notReady(reason: string) {
  return Response.json(
    { ready: false, reason },
    { status: 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
