/**
 * The front servers keep connections to Next alive; Next closes one after 5 s idle, and a
 * request sent on it as it closes gets no answer (lib/server/upstream.ts). Here a server drops
 * every second request on a connection unanswered, as a closing connection does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { Upstream } from '@/lib/server/upstream';

let server: http.Server | null = null;
let upstream: Upstream | null = null;

afterEach(async () => {
  upstream?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

async function start(): Promise<{ upstream: Upstream; received: string[] }> {
  const received: string[] = [];
  const served = new WeakMap<object, number>();
  server = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    const count = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, count);
    if (count === 2) {
      req.socket.destroy();
      return;
    }
    res.end(`answer to ${req.url}`);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  upstream = new Upstream({ host: '127.0.0.1', port });
  return { upstream, received };
}

describe('requests to Next', () => {
  it('send a GET again on a new connection when a kept-alive one closes unanswered', async () => {
    const { upstream, received } = await start();
    expect((await upstream.request('GET', '/a', {})).body.toString()).toBe('answer to /a');
    const second = await upstream.request('GET', '/b', {});
    expect(second.body.toString()).toBe('answer to /b');
    expect(received).toEqual(['GET /a', 'GET /b', 'GET /b']);
  });

  it('never send a POST twice', async () => {
    const { upstream, received } = await start();
    await upstream.request('GET', '/a', {});
    await expect(upstream.request('POST', '/api/revalidate', {})).rejects.toThrow();
    expect(received).toEqual(['GET /a', 'POST /api/revalidate']);
  });
});
