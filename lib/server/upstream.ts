/**
 * Requests to Next, which listens on a loopback port (server.ts), and the instructions the app
 * sends back in response headers: which cached pages changed, and when the next scheduled
 * article goes public. Those headers are meant for this server alone and never go further.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

import type { PurgePattern } from './response-cache';

export const PURGE_HEADER = 'x-portal-purge';
export const NEXT_PUBLICATION_HEADER = 'x-portal-next-publication';

/** Larger responses are refused rather than held in memory whole. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const TIMEOUT_MS = 60_000;
/** The revalidation endpoint may name thousands of changed paths in its purge header. */
const MAX_HEADER_BYTES = 1024 * 1024;

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface AppInstructions {
  /** Cached pages to drop, when the app changed some. */
  purge: PurgePattern[] | null;
  /** When the next scheduled article goes public (epoch ms), null for none, undefined if not said. */
  nextPublication: number | null | undefined;
}

export class Upstream {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly address: { host: string; port: number }) {}

  /**
   * One request, its answer read whole. `body` is streamed to Next for methods that have one.
   * A GET or HEAD that fails on a kept-alive connection is sent again once on a new one: Next
   * closes a connection idle for 5 s, and a request sent on it as it closes gets no answer.
   */
  async request(
    method: string,
    path: string,
    headers: Record<string, string | string[]>,
    body?: IncomingMessage,
    timeoutMs = TIMEOUT_MS,
  ): Promise<UpstreamResponse> {
    try {
      return await this.attempt(method, path, headers, body, timeoutMs);
    } catch (error) {
      const resendable =
        (method === 'GET' || method === 'HEAD') && reusedSocket.has(error as Error);
      if (!resendable) throw error;
      return this.attempt(method, path, headers, body, timeoutMs, false);
    }
  }

  private attempt(
    method: string,
    path: string,
    headers: Record<string, string | string[]>,
    body: IncomingMessage | undefined,
    timeoutMs: number,
    /** A kept-alive connection if one is free; false: a connection of its own. */
    pooled = true,
  ): Promise<UpstreamResponse> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const request = http.request(
        {
          ...this.address,
          method,
          path,
          headers,
          agent: pooled ? this.agent : false,
          timeout: timeoutMs,
          maxHeaderSize: MAX_HEADER_BYTES,
        },
        (response) => {
          answered = true;
          const chunks: Buffer[] = [];
          let length = 0;
          response.on('data', (chunk: Buffer) => {
            length += chunk.length;
            if (length > MAX_BODY_BYTES) {
              response.destroy(new Error(`the response is over ${MAX_BODY_BYTES} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on('error', (error) => {
        // Closed before any answer, on a connection an earlier request used.
        if (!answered && request.reusedSocket && isReset(error)) reusedSocket.add(error);
        reject(error);
      });
      if (body && method !== 'GET' && method !== 'HEAD') body.pipe(request);
      else request.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Errors of requests that a closing kept-alive connection failed. */
const reusedSocket = new WeakSet<Error>();

function isReset(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

export function appInstructions(headers: IncomingHttpHeaders): AppInstructions {
  const purge = headers[PURGE_HEADER];
  const next = headers[NEXT_PUBLICATION_HEADER];
  const patterns = typeof purge === 'string' ? (JSON.parse(purge) as PurgePattern[]) : [];
  return {
    purge: patterns.length > 0 ? patterns : null,
    nextPublication: typeof next !== 'string' ? undefined : next === 'none' ? null : Number(next),
  };
}
