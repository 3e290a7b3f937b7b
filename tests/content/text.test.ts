import { describe, expect, it } from 'vitest';

import { brandSlug, fixMojibake, slugify, tidySummary } from '@/lib/content/text';

describe('fixMojibake', () => {
  it('repairs UTF-8 read as Windows-1252', () => {
    expect(fixMojibake('Â£2 billion')).toBe('£2 billion');
    expect(fixMojibake('Englandâ€™s plan')).toBe('England’s plan');
    expect(fixMojibake('â€œdigital revolutionâ€\u009d')).toBe('“digital revolution”');
    expect(fixMojibake('caf\u00c3\u00a9 and 20\u00e2\u201a\u00ac')).toBe('café and 20€');
  });

  it('repairs text that was mangled twice', () => {
    const once = 'Â£';
    const twice = Buffer.from(once, 'utf8').toString('latin1');
    expect(fixMojibake(twice)).toBe('£');
  });

  it('leaves real accented text alone', () => {
    for (const text of [
      'São Paulo',
      'Ångström',
      'naïve café',
      'Zürich – 5 °C',
      '© 2024 ½ price',
      'Ã alone',
    ]) {
      expect(fixMojibake(text)).toBe(text);
    }
  });
});

describe('slugify', () => {
  it('makes URL slugs from topic names', () => {
    expect(slugify('Medigy: Social Care')).toBe('medigy-social-care');
    expect(slugify("DynamiCare's Digital Recovery Platform")).toBe(
      'dynamicares-digital-recovery-platform',
    );
    expect(slugify('  Ünïcode — Health  ')).toBe('unicode-health');
  });
});

describe('brandSlug', () => {
  it('keeps a domain as it is written, and makes any other brand a path segment', () => {
    expect(brandSlug('healthcareitnews.com')).toBe('healthcareitnews.com');
    expect(brandSlug('www.HealthcareITNews.com')).toBe('healthcareitnews.com');
    expect(brandSlug('Healthcare IT News')).toBe('healthcare-it-news');
    expect(brandSlug('Ärzteblatt.de')).toBe('arzteblatt.de');
    expect(brandSlug('../..')).toBe('');
    expect(brandSlug('a/b?c')).toBe('a-b-c');
  });
});

describe('tidySummary', () => {
  it('drops a sentence cut off mid-word', () => {
    expect(
      tidySummary(
        'The plan includes annual digital maturity assessments across the NHS.\nEngland’s plan has been released, including the introduction of annual digita',
      ),
    ).toBe('The plan includes annual digital maturity assessments across the NHS.');
  });

  it('ends a single unfinished sentence on a whole word', () => {
    expect(tidySummary('Hospitals are moving their records to the cl')).toBe(
      'Hospitals are moving their records to the…',
    );
  });

  it('keeps complete summaries as they are, with white space collapsed', () => {
    expect(tidySummary('One.  Two!\n Three?')).toBe('One. Two! Three?');
  });
});
