/** The one place that names the site and knows its absolute URL. */

import { siteUrlSetting } from './config';

export const SITE_NAME = 'Digital Health Wire';
export const SITE_TAGLINE =
  'Curated digital health news, organised by topic and tied to the products it concerns.';

const DEFAULT_SITE_URL = 'http://localhost:3000';

export function siteUrl(): URL {
  const raw = siteUrlSetting() ?? DEFAULT_SITE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `SITE_URL must be an absolute http(s) URL such as https://news.example.com, got "${raw}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`SITE_URL must use http or https, got "${raw}"`);
  }
  return new URL(url.origin);
}

export function absoluteUrl(path: string): string {
  return new URL(path, siteUrl()).toString();
}
