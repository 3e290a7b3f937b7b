/** Dates as the pipeline writes them. */
import type { Rng } from './rng';

export const DAY_MS = 24 * 60 * 60 * 1000;

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isoSeconds(date: Date): string {
  return date.toISOString().slice(0, 19) + 'Z';
}

/** Like the pipeline's lastMod: microsecond precision, e.g. 2022-07-14T10:23:44.493007Z. */
export function isoMicros(date: Date, rng: Rng): string {
  return date.toISOString().slice(0, 23) + String(rng.int(0, 999)).padStart(3, '0') + 'Z';
}

export function startOfUtcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
