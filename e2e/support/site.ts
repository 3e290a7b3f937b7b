/** Shared facts about the site and checks every page kind shares. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The example article of the sample content: five related offerings, a featured image. */
export const EXAMPLE_ARTICLE = {
  file: 'news/b2d831a8-2014-5ece-b56a-f84557dfedc1.mdx',
  path: '/news/healthcareitnews-uk-experts-welcome-englands-2-3b-plan-for-digital-health-and-social-care',
  imageFile: 'b2d831a8-2014-5ece-b56a-f84557dfedc1-featuredImage.jpeg',
} as const;

export const NOT_FOUND_HEADING = 'We could not find that page';

/**
 * The one script the site writes itself (app/layout.tsx): a same-origin file, run under
 * `script-src 'self'`, so it needs neither a hash nor a nonce.
 */
export const THEME_SCRIPT = '<script src="/theme.js">';

/** The main navigation every page carries in its header. */
export async function expectHeaderNav(page: Page): Promise<void> {
  const nav = page.getByRole('banner').getByRole('navigation', { name: 'Main' });
  for (const [name, href] of [
    ['News', '/news'],
    ['Topics', '/topics'],
    ['Offerings', '/offerings'],
  ] as const) {
    const link = nav.getByRole('link', { name, exact: true });
    await expect(link, `header link ${name}`).toBeVisible();
    await expect(link).toHaveAttribute('href', href);
  }
}

export async function expectNotFoundPage(page: Page): Promise<void> {
  await expect(page).toHaveTitle('Page not found | Digital Health Wire');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NOT_FOUND_HEADING);
  await expect(page.getByText('The story or profile may have moved')).toBeVisible();
}

/** The `href` attributes of every link inside `scope`, in document order. */
export async function hrefsIn(scope: Locator | Page): Promise<string[]> {
  const links = scope.getByRole('link');
  return links.evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('href') ?? ''),
  );
}

/** Every page of the /news listing, following its "Older" links from the first. */
export async function allNewsListingHrefs(page: Page): Promise<string[]> {
  const hrefs: string[] = [];
  let url: string | null = '/news';
  for (let guard = 0; url && guard < 50; guard++) {
    await page.goto(url);
    hrefs.push(...(await hrefsIn(page.getByRole('main'))));
    const older = page.getByRole('navigation', { name: 'News pages' }).getByRole('link', {
      name: 'Older',
    });
    url = (await older.count()) > 0 ? await older.getAttribute('href') : null;
  }
  return hrefs;
}

/** Waits until an <img> has actually loaded pixels, not merely been put in the page. */
export async function expectImageLoaded(image: Locator): Promise<void> {
  await expect
    .poll(() =>
      image.evaluate((element) => {
        const img = element as HTMLImageElement;
        return img.complete ? img.naturalWidth : 0;
      }),
    )
    .toBeGreaterThan(0);
}
