/** Lighthouse's performance category, mobile, the median of several runs per page. */
import lighthouse from 'lighthouse';

import { launchChromiumForLighthouse } from '../lib/chromium';

import type { PageName } from './http';
import { assertPortFree } from './processes';

const LIGHTHOUSE_TIMEOUT_MS = 180_000;
/** Lighthouse's own advice for a score that varies from run to run: take the median of several. */
export const LIGHTHOUSE_RUNS = 3;

/** The median run's figures, and every run's score. */
export interface LighthouseFigures {
  score: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  scores: number[];
}

type LighthouseRun = Omit<LighthouseFigures, 'scores'>;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Performance category with Lighthouse 12's defaults: mobile form factor, simulated throttling. */
export async function runLighthouse(
  origin: string,
  pages: Partial<Record<PageName, string>>,
  debuggingPort: number,
): Promise<Partial<Record<PageName, LighthouseFigures>>> {
  await assertPortFree(debuggingPort, 'Chromium remote debugging');
  const browser = await launchChromiumForLighthouse(debuggingPort);
  const figures: Partial<Record<PageName, LighthouseFigures>> = {};
  try {
    for (const [name, pathname] of Object.entries(pages) as [PageName, string][]) {
      const runs: LighthouseRun[] = [];
      for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
        runs.push(await lighthouseRun(`${origin}${pathname}`, debuggingPort));
      }
      const sorted = runs.toSorted((a, b) => a.score - b.score);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      figures[name] = { ...median, scores: runs.map((run) => run.score) };
    }
  } finally {
    await browser.close();
  }
  return figures;
}

async function lighthouseRun(url: string, debuggingPort: number): Promise<LighthouseRun> {
  const result = await withTimeout(
    lighthouse(url, {
      port: debuggingPort,
      onlyCategories: ['performance'],
      logLevel: 'error',
      output: 'json',
    }),
    LIGHTHOUSE_TIMEOUT_MS,
    `Lighthouse on ${url}`,
  );
  const lhr = result?.lhr;
  const score = lhr?.categories.performance?.score;
  if (!lhr || score === null || score === undefined) {
    throw new Error(`Lighthouse gave no score for ${url}: ${lhr?.runtimeError?.message ?? ''}`);
  }
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    score: Math.round(score * 100),
    lcpMs: metric('largest-contentful-paint'),
    cls: metric('cumulative-layout-shift'),
    tbtMs: metric('total-blocking-time'),
  };
}
