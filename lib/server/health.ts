/**
 * What a load balancer and a reader see when something behind the front server is unwell.
 *
 * - `GET /healthz`: liveness, answered by the front server itself: it runs and accepts requests.
 * - `GET /readyz`: readiness, asked of the app (app/readyz/route.ts: the content database
 *   answers and holds content) within READY_TIMEOUT_MS; a 503 with a JSON reason otherwise.
 * - A page that cannot be rendered (its data did not load) and that no cache holds is a 503
 *   "busy" page with Retry-After, which nginx tries on another server, rather than a 500.
 */
import type { ServerResponse } from 'node:http';

import { FILE_POLICY, SECURITY_HEADERS } from './security-headers';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
export const READY_TIMEOUT_MS = 2_000;
const RETRY_AFTER_SECONDS = 10;

function headers(contentType: string): string[] {
  const list: string[] = [];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) list.push(name, value);
  list.push('content-security-policy', FILE_POLICY);
  list.push('content-type', contentType, 'cache-control', 'no-store');
  return list;
}

export function respondJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, headers('application/json'));
  res.end(JSON.stringify(body));
}

const BUSY_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>The site is busy</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
<h1>The site is busy</h1>
<p>This page could not be loaded just now. Please try again in a few seconds.</p>
</body>
</html>
`;

/** The reader's page when a page could not be rendered and no copy of it is kept. */
export function respondBusy(res: ServerResponse, method: string | undefined): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(503, [
    ...headers('text/html; charset=utf-8'),
    'retry-after',
    String(RETRY_AFTER_SECONDS),
  ]);
  res.end(method === 'HEAD' ? undefined : BUSY_PAGE);
}
