const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** `2022-07-14T00:00:00.000Z` -> `July 14, 2022`. Dates are shown in UTC, as the pipeline writes them. */
export function formatDate(iso: string): string {
  return longDate.format(new Date(iso));
}

export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
