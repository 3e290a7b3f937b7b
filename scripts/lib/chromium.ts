/**
 * Headless Chromium for Lighthouse: Lighthouse drives the browser through its remote
 * debugging port, Playwright only launches and closes it. Nothing is downloaded: the Debian
 * package's binary is used when installed, otherwise the browser Playwright already has.
 */
import { existsSync } from 'node:fs';

import { chromium, type Browser } from 'playwright';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export async function launchChromiumForLighthouse(debuggingPort: number): Promise<Browser> {
  return chromium.launch({
    headless: true,
    executablePath: existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined,
    args: [
      `--remote-debugging-port=${debuggingPort}`,
      // Chromium refuses to start its sandbox as root (containers, CI).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      // No update checks or other traffic of the browser's own during a measurement.
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
