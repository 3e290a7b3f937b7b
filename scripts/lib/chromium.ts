/**
 * How this project launches headless Chromium: the browser tests (playwright.config.ts) and
 * Lighthouse. Nothing is downloaded: the Debian package's binary is used when installed,
 * otherwise the browser Playwright already has.
 */
import { existsSync } from 'node:fs';

import { chromium, type Browser, type LaunchOptions } from 'playwright';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function chromiumLaunchOptions(extraArgs: string[] = []): LaunchOptions {
  return {
    headless: true,
    executablePath: existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined,
    args: [
      ...extraArgs,
      // Chromium refuses to start its sandbox as root (containers, CI).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      // No update checks or other traffic of the browser's own: there is no internet here.
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  };
}

/** Lighthouse drives the browser through its remote debugging port; Playwright only launches it. */
export async function launchChromiumForLighthouse(debuggingPort: number): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions([`--remote-debugging-port=${debuggingPort}`]));
}
