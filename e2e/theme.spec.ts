/**
 * The dark theme: it follows the system setting, a toggle overrides it and is remembered, and
 * neither ever paints the other theme first.
 */
import { expect, test, type Page } from '@playwright/test';

import { EXAMPLE_ARTICLE } from './support/site';

/**
 * Records the page's background as it is in the first frame the browser draws (the first
 * animation frame after <body> exists), before any script of the page's own has run.
 */
async function recordFirstFrame(page: Page): Promise<void> {
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        (window as unknown as { firstFrame: string }).firstFrame = getComputedStyle(
          document.body,
        ).backgroundColor;
      });
    }).observe(document, { childList: true, subtree: true });
  });
}

/** Relative luminance (0 black, 1 white) of a CSS colour, converted to sRGB by a canvas. */
function luminance(page: Page, colour: string): Promise<number> {
  return page.evaluate((css) => {
    const canvas = document.createElement('canvas').getContext('2d')!;
    canvas.fillStyle = css;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...canvas.getImageData(0, 0, 1, 1).data].map((channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  }, colour);
}

async function firstFrameLuminance(page: Page): Promise<number> {
  const colour = await page.waitForFunction(
    () => (window as unknown as { firstFrame?: string }).firstFrame,
  );
  return luminance(page, (await colour.jsonValue()) as string);
}

async function currentLuminance(page: Page): Promise<number> {
  return luminance(
    page,
    await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
  );
}

const DARK = 0.05;
const LIGHT = 0.8;

function toggle(page: Page) {
  return page.getByRole('banner').getByRole('button', { name: 'Dark theme' });
}

test.describe('with a dark system setting', () => {
  test.use({ colorScheme: 'dark' });

  for (const path of ['/', EXAMPLE_ARTICLE.path, '/search?q=telehealth']) {
    test(`${path} is dark from its first frame`, async ({ page }) => {
      await recordFirstFrame(page);
      await page.goto(path);
      expect(await firstFrameLuminance(page)).toBeLessThan(DARK);
      await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');
    });
  }

  test('without JavaScript too', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark', javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto('/');
      expect(await currentLuminance(page)).toBeLessThan(DARK);
    } finally {
      await context.close();
    }
  });

  test('a reader who chose light gets light from the first frame', async ({ page }) => {
    await page.goto('/');
    await toggle(page).click();
    await expect(toggle(page)).toHaveAttribute('aria-pressed', 'false');
    await recordFirstFrame(page);
    await page.goto(EXAMPLE_ARTICLE.path);
    expect(await firstFrameLuminance(page)).toBeGreaterThan(LIGHT);
  });
});

test.describe('with a light system setting', () => {
  test.use({ colorScheme: 'light' });

  test('the page is light, and the toggle waits for the script before it can be pressed', async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme: 'light', javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto('/');
      await expect(toggle(page)).toBeDisabled();
    } finally {
      await context.close();
    }
  });

  test('the toggle switches to dark at once, and the choice is remembered from the first frame of the next page', async ({
    page,
  }) => {
    await recordFirstFrame(page);
    await page.goto('/');
    expect(await firstFrameLuminance(page)).toBeGreaterThan(LIGHT);
    await expect(toggle(page)).toHaveAttribute('aria-pressed', 'false');
    await toggle(page).click();
    await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');
    expect(await currentLuminance(page)).toBeLessThan(DARK);

    await page.goto(EXAMPLE_ARTICLE.path);
    expect(await firstFrameLuminance(page)).toBeLessThan(DARK);
    await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');
  });
});
