import { expect, test, type Page } from '@playwright/test';

import {
  carousel,
  openCarousel,
  placementInTrack,
  scrollLeft,
  settledScrollLeft,
  tabTo,
} from './support/carousel';
import { EXAMPLE_ARTICLE } from './support/site';

// Narrow enough that the five 256 px cards overflow the track.
test.use({ viewport: { width: 390, height: 844 } });

const CARD_COUNT = 5;

/** The last link before the carousel (the article's topics): Tab from here enters it. */
async function focusLastTopicLink(page: Page) {
  await page
    .getByRole('main')
    .getByRole('list', { name: 'Topics' })
    .getByRole('link')
    .last()
    .focus();
}

test.describe('offering carousel', () => {
  test('overflows, and at the start previous is disabled and next enabled', async ({ page }) => {
    const c = await openCarousel(page, EXAMPLE_ARTICLE.path);
    await expect(c.cardLinks).toHaveCount(CARD_COUNT);
    const track = await c.track.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
      overflowX: getComputedStyle(element).overflowX,
    }));
    expect(track.scrollWidth).toBeGreaterThan(track.clientWidth);
    expect(track.overflowX).toBe('auto');
    await expect(c.next).toBeEnabled();
    const start = await settledScrollLeft(c.track);
    await expect(c.previous, `previous at the start (track scrollLeft ${start})`).toBeDisabled();
  });

  test('next scrolls the track forward and enables previous; previous scrolls back', async ({
    page,
  }) => {
    const c = await openCarousel(page, EXAMPLE_ARTICLE.path);
    expect(await c.track.evaluate((element) => getComputedStyle(element).scrollBehavior)).toBe(
      'smooth',
    );
    const start = await settledScrollLeft(c.track);

    await c.next.click();
    await expect.poll(() => scrollLeft(c.track)).toBeGreaterThan(start);
    const forward = await settledScrollLeft(c.track);
    await expect(c.previous).toBeEnabled();

    await c.previous.click();
    await expect.poll(() => scrollLeft(c.track)).toBeLessThan(forward);
    expect(await settledScrollLeft(c.track)).toBe(start);
  });

  test('paging to the end shows the last card and disables next', async ({ page }) => {
    const c = await openCarousel(page, EXAMPLE_ARTICLE.path);
    let position = await settledScrollLeft(c.track);
    for (let click = 0; click < 10 && (await c.next.isEnabled()); click++) {
      await c.next.click();
      await expect.poll(() => scrollLeft(c.track)).toBeGreaterThan(position);
      position = await settledScrollLeft(c.track);
    }
    await expect(c.next).toBeDisabled();
    await expect(c.previous).toBeEnabled();
    const end = await c.track.evaluate((element) => ({
      reached: element.scrollLeft + element.clientWidth,
      scrollWidth: element.scrollWidth,
    }));
    expect(end.reached).toBeGreaterThanOrEqual(end.scrollWidth - 2);
    const lastCard = c.track.getByRole('listitem').last();
    expect(await placementInTrack(lastCard, c.track)).toBe('inside');
  });

  test('Enter and Space on the next button scroll the track', async ({ page }) => {
    const c = await openCarousel(page, EXAMPLE_ARTICLE.path);
    await focusLastTopicLink(page);
    await tabTo(page, c.next);
    const start = await settledScrollLeft(c.track);

    await page.keyboard.press('Enter');
    await expect.poll(() => scrollLeft(c.track)).toBeGreaterThan(start);
    const afterEnter = await settledScrollLeft(c.track);

    await expect(c.next).toBeFocused();
    await page.keyboard.press('Space');
    await expect.poll(() => scrollLeft(c.track)).toBeGreaterThan(afterEnter);
  });

  test('Tab moves focus through the cards and keeps each focused card in view', async ({
    page,
  }) => {
    const c = await openCarousel(page, EXAMPLE_ARTICLE.path);
    await expect(c.cardLinks).toHaveCount(CARD_COUNT);
    await c.next.focus();
    for (let index = 0; index < CARD_COUNT; index++) {
      await page.keyboard.press('Tab');
      const link = c.cardLinks.nth(index);
      await expect(link).toBeFocused();
      expect(await c.track.evaluate((element) => element.contains(document.activeElement))).toBe(
        true,
      );
      const card = link.locator('xpath=ancestor::li[1]');
      await expect
        .poll(() => placementInTrack(card, c.track), {
          message: `card ${index + 1} (${await link.textContent()}) is inside the track`,
        })
        .toBe('inside');
    }
  });
});

test.describe('offering carousel with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('jumps instead of animating', async ({ page }) => {
    const c = await openCarousel(page, EXAMPLE_ARTICLE.path);
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(
      true,
    );
    expect(await c.track.evaluate((element) => getComputedStyle(element).scrollBehavior)).toBe(
      'auto',
    );
    const start = await settledScrollLeft(c.track);
    // Click and read the position in the same task: only a jump can have moved it by then.
    const after = await c.track.evaluate(
      (element, button) => {
        (button as HTMLButtonElement).click();
        return element.scrollLeft;
      },
      await c.next.elementHandle(),
    );
    expect(after).toBeGreaterThan(start);
  });
});

test.describe('offering carousel without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every card is in the page and the track scrolls natively', async ({ page }) => {
    await page.goto(EXAMPLE_ARTICLE.path);
    const c = carousel(page);
    await expect(c.cardLinks).toHaveCount(CARD_COUNT);
    for (let index = 0; index < CARD_COUNT; index++) {
      await expect(c.cardLinks.nth(index)).toBeVisible();
      await expect(c.cardLinks.nth(index)).toHaveAttribute('href', /^\/offering\/[a-z0-9-]+$/);
    }
    const track = await c.track.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
      overflowX: getComputedStyle(element).overflowX,
    }));
    expect(track.scrollWidth).toBeGreaterThan(track.clientWidth);
    expect(['auto', 'scroll']).toContain(track.overflowX);
    // Buttons that cannot work without a script are not offered as working.
    await expect(c.previous).toBeDisabled();
    await expect(c.next).toBeDisabled();

    // A keyboard reader reaches the last card, and the browser scrolls it into view.
    const start = await scrollLeft(c.track);
    await focusLastTopicLink(page);
    await tabTo(page, c.cardLinks.last(), CARD_COUNT + 1);
    await expect.poll(() => scrollLeft(c.track)).toBeGreaterThan(start);
  });
});
