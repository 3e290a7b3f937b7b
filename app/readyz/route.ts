import { checkContentReady, listArticles } from '@/lib/content';

/** Rendered on every request: it reports the database as it is now. */
export const dynamic = 'force-dynamic';

/** Longer than this and the database counts as unreachable. */
const TIMEOUT_MS = 1_500;

/**
 * Readiness, for a load balancer (the front server answers it within its own timeout, and
 * `/healthz` for liveness, lib/server/health.ts): the content database answers, has been made
 * from the folder, and holds published articles. 503 with the reason otherwise.
 */
export async function GET() {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const reason = await Promise.race([
      unreadyReason(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the content database did not answer within ${TIMEOUT_MS} ms`)),
          TIMEOUT_MS,
        );
      }),
    ]);
    if (typeof reason === 'string') return notReady(reason);
    return Response.json(
      { ready: true, articles: reason.articles, ms: Math.round(performance.now() - started) },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return notReady(error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

/** Why this server cannot serve readers yet, or how many articles it has. */
async function unreadyReason(): Promise<string | { articles: number }> {
  const state = await checkContentReady();
  if (!state.ready) return state.reason ?? 'the content database is not ready';
  const page = await listArticles(1);
  if (!page || page.total === 0) return 'the content database holds no published article';
  return { articles: page.total };
}

function notReady(reason: string) {
  return Response.json(
    { ready: false, reason },
    { status: 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
