/**
 * Parses a page-number route segment. Only canonical positive integers ("2", not "02",
 * "2.0" or "-1") are pages; anything else is null and the route answers 404.
 */
export function parsePageParam(value: string): number | null {
  if (!/^[1-9]\d{0,5}$/.test(value)) return null;
  return Number(value);
}
