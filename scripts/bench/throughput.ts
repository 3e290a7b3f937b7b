/**
 * Requests per second of the portal's cached pages against nginx serving the same bytes, in the
 * same run: each page's identity, gzip and Brotli bodies, as the portal sent them, are files
 * that nginx answers with the same Content-Encoding, one after the other under the same load.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { startNginx, type RunningNginx } from '../lib/nginx';
import { warmAndRun, type LoadFigures } from '../lib/wrk';

import { getOk, PAGE_NAMES, type PageName } from './http';
import { assertPortFree, log } from './processes';

/** Without Accept-Encoding (identity), and as browsers ask (`gzip, br`: the portal sends Brotli). */
export const ENCODINGS = { identity: undefined, br: 'gzip, br' } as const;
export type LoadEncoding = keyof typeof ENCODINGS;

export interface Comparison {
  portal: LoadFigures;
  nginx: LoadFigures;
  /** Bytes of the body both sent. */
  bytes: number;
}

export type Throughput = Record<PageName, Record<LoadEncoding, Comparison>>;

/** Serves `{root}/{encoding}/{page}` with that Content-Encoding and type text/html. */
function nginxServer(port: number, root: string): string {
  const location = (encoding: string) => `
    location /${encoding}/ {
      default_type 'text/html; charset=utf-8';
      ${encoding === 'identity' ? '' : `add_header Content-Encoding ${encoding};`}
      add_header Vary Accept-Encoding;
    }`;
  return `  server {
    listen 127.0.0.1:${port};
    root ${root};
    etag on;
${Object.keys(ENCODINGS).map(location).join('\n')}
  }`;
}

export async function compareWithNginx(
  origin: string,
  pages: Record<PageName, string>,
  port: number,
  seconds: number,
  workDir: string,
): Promise<Throughput> {
  const root = path.join(workDir, 'nginx-root');
  for (const encoding of Object.keys(ENCODINGS))
    await mkdir(path.join(root, encoding), { recursive: true });
  const bodies: Record<string, number> = {};
  for (const name of PAGE_NAMES) {
    for (const [encoding, accept] of Object.entries(ENCODINGS)) {
      const response = await getOk(`${origin}${pages[name]}`, accept ? 'br' : 'identity');
      const sent = response.headers['content-encoding'] ?? 'identity';
      if (sent !== encoding) throw new Error(`${pages[name]} came in ${sent}, not ${encoding}`);
      await writeFile(path.join(root, encoding, name), response.wire);
      bodies[`${name}/${encoding}`] = response.wire.length;
    }
  }
  await assertPortFree(port, 'nginx');
  const nginx: RunningNginx = await startNginx(nginxServer(port, root), [port]);
  try {
    // nginx must send exactly what the portal sent, or the comparison means nothing.
    for (const [key, bytes] of Object.entries(bodies)) {
      const [name, encoding] = key.split('/') as [PageName, LoadEncoding];
      const served = await getOk(
        `http://127.0.0.1:${port}/${encoding}/${name}`,
        encoding === 'br' ? 'br' : 'identity',
      );
      if (
        served.wire.length !== bytes ||
        (served.headers['content-encoding'] ?? 'identity') !== encoding
      ) {
        throw new Error(
          `nginx serves ${key} as ${served.wire.length} bytes in ${served.headers['content-encoding']}, not ${bytes}`,
        );
      }
    }
    const result = {} as Throughput;
    for (const name of PAGE_NAMES) {
      result[name] = {} as Record<LoadEncoding, Comparison>;
      for (const [encoding, accept] of Object.entries(ENCODINGS) as [
        LoadEncoding,
        string | undefined,
      ][]) {
        const headers = accept ? { 'accept-encoding': accept } : undefined;
        log('throughput', `${name} (${encoding}): portal, then nginx, wrk for ${seconds} s each`);
        const portal = await warmAndRun(`${origin}${pages[name]}`, { seconds, headers });
        const reference = await warmAndRun(`http://127.0.0.1:${port}/${encoding}/${name}`, {
          seconds,
          headers,
        });
        result[name][encoding] = {
          portal,
          nginx: reference,
          bytes: bodies[`${name}/${encoding}`]!,
        };
      }
    }
    return result;
  } finally {
    await nginx.stop();
  }
}
