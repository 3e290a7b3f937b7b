/**
 * Content encodings: which one a request gets, and the compressed bodies the response cache
 * keeps beside each page. Next's own compression is off (next.config.js): a cached page is
 * compressed once, when it is stored, instead of on every request.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';

import Negotiator from 'negotiator';

export type Encoding = 'br' | 'gzip' | 'identity';

/** Preference order when a client accepts several equally. */
const AVAILABLE: Encoding[] = ['br', 'gzip', 'identity'];

/** negotiator 1.0 takes a tie-break order that its type definitions do not list yet. */
type PreferringEncodings = (available: string[], options: { preferred: string[] }) => string[];

/** Clients send few distinct Accept-Encoding values; negotiating each once keeps hits cheap. */
const negotiated = new Map<string, Encoding>();
const MAX_REMEMBERED = 256;

export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let encoding = negotiated.get(acceptEncoding);
  if (encoding) return encoding;
  // Ties in the client's preferences go to our order: Brotli is smaller than gzip.
  const negotiator = new Negotiator({
    headers: { 'accept-encoding': acceptEncoding },
  }) as unknown as {
    encodings: PreferringEncodings;
  };
  const preferred = negotiator.encodings(AVAILABLE, { preferred: AVAILABLE })[0];
  // A client that refuses every encoding we have still gets the page, unencoded.
  encoding = (preferred as Encoding | undefined) ?? 'identity';
  if (negotiated.size >= MAX_REMEMBERED) negotiated.clear();
  negotiated.set(acceptEncoding, encoding);
  return encoding;
}

/** Text formats gain from compression; images and fonts are compressed already. */
export function isCompressible(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    /^application\/(json|javascript|xml|rss\+xml|atom\+xml|manifest\+json|x-component)$/.test(
      type,
    ) ||
    /\+(json|xml)$/.test(type) ||
    type === 'image/svg+xml'
  );
}

export interface Bodies {
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * gzip at its best level and Brotli at quality 6: together about 2 ms for a 50 KB page, off the
 * main thread. Brotli's top quality saves another 9% but costs 60 ms a page. `only` limits the
 * work to the one encoding a response that is never stored goes out in.
 */
export async function compressBodies(identity: Buffer, only?: Encoding): Promise<Bodies> {
  const [gz, br] = await Promise.all([
    !only || only === 'gzip' ? gzip(identity, { level: 9 }) : undefined,
    !only || only === 'br'
      ? brotli(identity, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
            // A window no larger than the page: the 4 MB default only costs memory here.
            [zlib.constants.BROTLI_PARAM_LGWIN]: windowBits(identity.length),
          },
        })
      : undefined,
  ]);
  return { identity, gzip: gz, br };
}

function windowBits(length: number): number {
  const { BROTLI_MIN_WINDOW_BITS, BROTLI_MAX_WINDOW_BITS } = zlib.constants;
  return Math.min(
    BROTLI_MAX_WINDOW_BITS,
    Math.max(BROTLI_MIN_WINDOW_BITS + 6, Math.ceil(Math.log2(length + 1))),
  );
}
