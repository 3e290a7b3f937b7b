/** Locators and measurements for the offering carousel (components/offering/offering-carousel.tsx). */
import { expect, type Locator, type Page } from '@playwright/test';

export interface Carousel {
  region: Locator;
  /** The scrolling list of cards. */
  track: Locator;
  previous: Locator;
  next: Locator;
  cardLinks: Locator;
}

export function carousel(page: Page, title = 'Related offerings'): Carousel {
  const region = page.getByRole('region', { name: title });
  const track = region.getByRole('list');
  return {
    region,
    track,
    previous: region.getByRole('button', { name: /^Previous/ }),
    next: region.getByRole('button', { name: /^Next/ }),
    cardLinks: track.getByRole('link'),
  };
}

/**
 * The controls are rendered disabled on the server and enabled by the client once it has
 * measured the track: "next" turning enabled is the sign that the carousel has hydrated.
 * Hydration waits for the page's scripts, which on a loaded CI machine (two browsers and the
 * server on two cores) has taken longer than the 5 s an assertion waits by default.
 */
export async function waitForHydration(c: Carousel): Promise<void> {
  await expect(c.next, 'the carousel hydrates and enables "next"').toBeEnabled({
    timeout: 20_000,
  });
}

/** Opens a page and returns its carousel once it has hydrated. */
export async function openCarousel(page: Page, path: string, title?: string): Promise<Carousel> {
  await page.goto(path);
  const c = carousel(page, title);
  await waitForHydration(c);
  return c;
}

export function scrollLeft(track: Locator): Promise<number> {
  return track.evaluate((element) => element.scrollLeft);
}

/** Waits until the track's scroll position has stayed put for a few animation frames. */
export async function settledScrollLeft(track: Locator): Promise<number> {
  return track.evaluate(
    (element) =>
      new Promise<number>((resolve) => {
        let last = element.scrollLeft;
        let still = 0;
        const tick = () => {
          const now = element.scrollLeft;
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 5) resolve(now);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/**
 * `inside` when the element's box lies within the track's visible box (1 px slack),
 * otherwise a description of both boxes, so a failure says how far out the card is.
 */
export async function placementInTrack(element: Locator, track: Locator): Promise<string> {
  return element.evaluate(
    (node, trackNode) => {
      const box = node.getBoundingClientRect();
      const view = (trackNode as Element).getBoundingClientRect();
      const inside = box.left >= view.left - 1 && box.right <= view.right + 1;
      const round = (n: number) => Math.round(n);
      return inside
        ? 'inside'
        : `card [${round(box.left)}, ${round(box.right)}] not within track [${round(view.left)}, ${round(view.right)}] at scrollLeft ${(trackNode as Element).scrollLeft}`;
    },
    await track.elementHandle(),
  );
}

/** Presses Tab until `target` has focus, at most `maxPresses` times. */
export async function tabTo(page: Page, target: Locator, maxPresses = 5): Promise<void> {
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  await expect(target, `focus after ${maxPresses} Tab presses`).toBeFocused();
}
