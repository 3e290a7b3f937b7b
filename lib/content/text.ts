/**
 * Text repair and slugs. Pure functions: no file system, safe to unit test anywhere.
 */

// Windows-1252 puts these characters at bytes 0x80-0x9F; latin-1 puts C1 controls there.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

const byteOfChar = new Map<string, number>();
for (let byte = 0x80; byte <= 0xff; byte++) byteOfChar.set(String.fromCharCode(byte), byte);
for (let i = 0; i < CP1252_HIGH.length; i++) byteOfChar.set(CP1252_HIGH.charAt(i), 0x80 + i);

const continuation = `[\\u0080-\\u00BF${CP1252_HIGH.replace(/[\u0080-\u009F]/g, '')}]`;
const MOJIBAKE = new RegExp(
  `[\\u00C2-\\u00DF]${continuation}|[\\u00E0-\\u00EF]${continuation}{2}|[\\u00F0-\\u00F4]${continuation}{3}`,
  'g',
);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Repairs UTF-8 text that was decoded as Windows-1252 somewhere upstream (`Â£` -> `£`,
 * `â€™` -> `’`). Only sequences that re-decode as valid UTF-8 are touched, so real text
 * such as "São Paulo" or "Ångström" is left alone.
 */
export function fixMojibake(text: string): string {
  let current = text;
  // Text can be mangled twice on its way through a pipeline; two passes undo both.
  for (let pass = 0; pass < 2; pass++) {
    const next = current.replace(MOJIBAKE, (sequence) => {
      const bytes = Uint8Array.from(sequence, (char) => byteOfChar.get(char) ?? 0);
      try {
        return strictUtf8.decode(bytes);
      } catch {
        return sequence;
      }
    });
    if (next === current) break;
    current = next;
  }
  return current;
}

/** `Medigy: Social Care` -> `medigy-social-care`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A source's key in URLs: its domain as written (`healthcareitnews.com`), or any other brand
 * made safe for a path segment (`Healthcare IT News` -> `healthcare-it-news`).
 */
export function brandSlug(brand: string): string {
  return brand
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
}

/** Collapses runs of white space, as a browser would when it shows the text. */
export function squashWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

const SENTENCE_END = /[.!?]["”’)\]]?$/;

/**
 * Summaries from the pipeline are sometimes cut mid-word ("…the introduction of annual
 * digita"). Shows whole sentences where there are any, else whole words with an ellipsis.
 */
export function tidySummary(text: string): string {
  const squashed = squashWhitespace(text);
  if (!squashed || SENTENCE_END.test(squashed)) return squashed;
  const sentences = squashed.match(/[^.!?]+[.!?]["”’)\]]?(?=\s|$)/g);
  const whole = sentences?.join('').trim() ?? '';
  if (whole.length >= 40) return whole;
  const lastSpace = squashed.lastIndexOf(' ');
  return `${lastSpace > 0 ? squashed.slice(0, lastSpace) : squashed}…`;
}
