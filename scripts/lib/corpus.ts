/**
 * Synthetic content corpus generator for benchmarks and tests.
 *
 * Writes a content folder that follows /work/shared/CONTENT.md (news/, topics/, offerings/)
 * with articles shaped like the curation pipeline's output, plus, on request, a set of hostile
 * files that the portal must report and skip (or publish safely).
 *
 * Everything is derived from a seeded PRNG (mulberry32), so the same options give the same
 * bytes. Separate PRNG streams are used for topics, offerings, articles and hostile files, so
 * turning `hostile` on or off does not change any of the normal files.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import sharp from 'sharp';
import { Document, Scalar } from 'yaml';

export interface CorpusOptions {
  dir: string;
  articles: number;
  seed?: number;
  hostile?: boolean;
  now?: Date;
}

export interface HostileCase {
  file: string;
  slug: string | null;
  expect: 'skipped' | 'published';
  why: string;
}

export interface CorpusSummary {
  dir: string;
  articles: number;
  topics: number;
  offerings: number;
  images: number;
  hostile: HostileCase[];
  publishedSlugs: string[];
}

/** File the generator leaves in every folder it writes; only such folders may be emptied. */
export const CORPUS_MARKER = '.generated-corpus';
export const DEFAULT_SEED = 1;
export const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');
export const MAX_ARTICLES = 1_000_000;

const DAY_MS = 24 * 60 * 60 * 1000;
const IMAGE_WIDTH = 1200;
const IMAGE_HEIGHT = 630;
const WRITE_CONCURRENCY = 64;
const ORPHAN_TOPIC = 'Healthcare IT News: Digital Health';

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** Small deterministic PRNG (mulberry32) with helpers. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index in [0, length) skewed towards low indexes (a mild Zipf-like popularity curve). */
  skewedIndex(length: number): number {
    return Math.min(length - 1, Math.floor(length * Math.pow(this.next(), 1.6)));
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = a;
    }
    return copy;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}

/** Derives an independent stream seed from the corpus seed and a stream name. */
function streamSeed(seed: number, stream: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

export function kebab(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function truncateSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const dash = cut.lastIndexOf('-');
  return dash > 20 ? cut.slice(0, dash) : cut;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function titleCase(text: string): string {
  const small = new Set([
    'a',
    'an',
    'and',
    'as',
    'at',
    'by',
    'for',
    'in',
    'of',
    'on',
    'or',
    'the',
    'to',
  ]);
  return text
    .split(' ')
    .map((word, i) => (i > 0 && small.has(word) ? word : capitalize(word)))
    .join(' ');
}

function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Simulates UTF-8 text that was decoded as Windows-1252 somewhere upstream. */
function misDecode(text: string): string {
  return text
    .replace(/£/g, 'Â£')
    .replace(/’/g, 'â€™')
    .replace(/—/g, 'â€”')
    .replace(/é/g, 'Ã©')
    .replace(/€/g, 'â‚¬');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function isoSeconds(date: Date): string {
  return date.toISOString().slice(0, 19) + 'Z';
}

/** Like the pipeline's lastMod: microsecond precision, e.g. 2022-07-14T10:23:44.493007Z. */
function isoMicros(date: Date, rng: Rng): string {
  return date.toISOString().slice(0, 23) + String(rng.int(0, 999)).padStart(3, '0') + 'Z';
}

function startOfUtcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const AREAS = [
  'Social Care',
  'Digital Health',
  'Remote Patient Monitoring',
  'Telehealth',
  'Artificial Intelligence',
  'Cybersecurity',
  'Interoperability',
  'Population Health',
  'Behavioral Health',
  'Value-Based Care',
  'Revenue Cycle',
  'Clinical Decision Support',
  'Patient Engagement',
  'Precision Medicine',
  'Medical Devices',
  'Health Equity',
  'Home Care',
  'Mental Health',
  'Chronic Disease Management',
  'Care Coordination',
  'Electronic Health Records',
  'Pharmacy',
  'Clinical Trials',
  'Genomics',
  'Medical Imaging',
  'Diagnostics',
  'Wearables',
  'Digital Therapeutics',
  'Nursing',
  'Workforce',
  'Public Health',
  'Health Policy',
  'Payers',
  'Hospital Operations',
  'Supply Chain',
  'Cloud Computing',
  'Data Analytics',
  'Privacy',
  'Patient Safety',
  'Oncology',
  'Cardiology',
  'Diabetes Care',
  'Maternal Health',
  'Pediatrics',
  'Senior Care',
  'Rural Health',
  'Emergency Medicine',
  'Surgery',
  'Radiology',
  'Pathology',
  'Dermatology',
  'Ophthalmology',
  'Dental Health',
  'Nutrition',
  'Sleep Medicine',
  'Rehabilitation',
  'Hospital at Home',
  'Virtual Nursing',
  'Price Transparency',
  'Prior Authorization',
  'Health Information Exchange',
  'Medication Adherence',
  'Substance Use',
  'Primary Care',
  'Urgent Care',
  'Long-Term Care',
  'Life Sciences',
  'Blockchain',
  'Robotics',
  'Voice Assistants',
  'Natural Language Processing',
  'Machine Learning',
  'Quality Measurement',
  'Consumer Health',
  'Employer Health',
  'Medicaid',
  'Medicare',
  'Accountable Care',
  'Health Startups',
  'Venture Funding',
  'Mergers & Acquisitions',
  'Women’s Health',
  'Men’s Health',
  'Audiology',
];
const AREA_QUALIFIERS = [
  'Pediatric',
  'Rural',
  'Global',
  'Community',
  'Veteran',
  'Enterprise',
  'Urban',
  'Specialty',
];

const NAME_HEADS = [
  'Nova',
  'Care',
  'Medi',
  'Vita',
  'Heal',
  'Pulse',
  'Cura',
  'Thera',
  'Zen',
  'Omni',
  'Bio',
  'Ever',
  'Lumi',
  'Syn',
  'Aster',
  'Kin',
  'Clin',
  'Well',
  'Nura',
  'Helix',
  'Orbi',
  'Tela',
  'Viva',
  'Aura',
];
const NAME_TAILS = [
  'via',
  'link',
  'ly',
  'wise',
  'sense',
  'path',
  'bridge',
  'gen',
  'core',
  'point',
  'stream',
  'flow',
  'nest',
  'loop',
  'signal',
  'scope',
  'ra',
  'tix',
  'io',
  'able',
];
const ORG_SUFFIXES = [
  '',
  '',
  '',
  ' Health',
  ' Labs',
  ' Systems',
  ' Technologies',
  ' Inc.',
  ' AI',
  ' Medical',
];
const PRODUCT_WORDS = [
  'Platform',
  'Suite',
  'Connect',
  'Monitor',
  'Insights',
  'Care Hub',
  'Assist',
  'Analytics',
  'Cloud',
  'App',
  'Portal',
  'Navigator',
  'Smart Clinic',
  'Companion',
  'Engine',
  'Remote Care',
  'Pathways',
];

const PLACES = [
  'the UK',
  'England',
  'Scotland',
  'Wales',
  'Germany',
  'France',
  'Canada',
  'Australia',
  'India',
  'Singapore',
  'the United States',
  'California',
  'Texas',
  'Ohio',
  'Ontario',
  'New South Wales',
  'Kenya',
  'Brazil',
  'Japan',
  'the Netherlands',
  'Sweden',
  'Ireland',
  'New Zealand',
  'Québec',
];
const FIRST_NAMES = [
  'Athira',
  'Simon',
  'Maria',
  'José',
  'Zoë',
  'Łukasz',
  'Søren',
  'Priya',
  'Chen',
  'Amara',
  'David',
  'Fatima',
  'Hiroshi',
  'Olivia',
  'Mateo',
  'Aisha',
  'Liam',
  'Ngozi',
  'Sarah',
  'Rafael',
  'Elena',
];
const LAST_NAMES = [
  'Ravi',
  'Bolton',
  'García',
  'O’Brien',
  'Nguyen',
  'Kowalski',
  'Andersen',
  'Patel',
  'Okafor',
  'Smith',
  'Müller',
  'Tanaka',
  'Haddad',
  'Rossi',
  'Johnson',
  'Khan',
  'Silva',
  'Dubois',
  'Lee',
];
const ROLES = [
  'chief medical officer',
  'chief executive',
  'chief digital officer',
  'director of nursing informatics',
  'vice president of population health',
  'professor of medicine',
  'senior analyst',
  'chief information security officer',
  'head of virtual care',
  'chief nursing officer',
];
const TECH = [
  'remote patient monitoring',
  'AI-powered triage',
  'virtual nursing',
  'ambient clinical documentation',
  'predictive analytics',
  'a patient portal',
  'telehealth',
  'FHIR-based data exchange',
  'machine learning models',
  'a digital front door',
  'wearable sensors',
  'computer vision',
  'large language models',
  'a cloud-based EHR',
  'e-prescribing',
  'a conversational chatbot',
  'care management software',
  'digital therapeutics',
  'real-time location systems',
  'automated coding',
];
const CONDITIONS = [
  'heart failure',
  'type 2 diabetes',
  'COPD',
  'hypertension',
  'depression',
  'chronic kidney disease',
  'asthma',
  'sepsis',
  'breast cancer',
  'stroke',
  'dementia',
  'long COVID',
  'obesity',
  'opioid use disorder',
  'atrial fibrillation',
];
const METRICS = [
  'readmissions',
  'emergency department visits',
  'length of stay',
  'clinician burnout',
  'documentation time',
  'no-show rates',
  'costs',
  'wait times',
  'medication errors',
  'avoidable admissions',
  'claim denials',
  'staff turnover',
];
const GOALS = [
  'reduce hospital readmissions',
  'expand access to care in rural communities',
  'cut documentation time for clinicians',
  'improve medication adherence',
  'support patients at home',
  'close gaps in preventive care',
  'streamline prior authorization',
  'protect patient data',
  'shorten waiting lists',
  'connect social care and hospitals',
  'give patients access to their records',
  'ease pressure on emergency departments',
];
const FACILITIES = [
  'hospitals',
  'clinics',
  'health systems',
  'care homes',
  'pharmacies',
  'NHS trusts',
  'practices',
];
const INSTITUTION_KINDS = [
  'Regional Medical Center',
  'Health System',
  'University Hospitals',
  'Children’s Hospital',
  'NHS Foundation Trust',
  'Community Health',
];
const INSTITUTION_PLACES = [
  'St. Mary’s',
  'Mount Carver',
  'Eastbrook',
  'Northfield',
  'Riverside',
  'Lakeshore',
  'Valley',
  'Kingsgate',
  'Pine Hill',
];
const CONCERNS = [
  'data privacy',
  'reimbursement uncertainty',
  'clinician workload',
  'integration costs',
  'the digital divide',
  'algorithmic bias',
  'patchy broadband',
  'regulatory delays',
];
const BRANDS = [
  'healthcareitnews',
  'fiercehealthcare',
  'mobihealthnews',
  'healthleadersmedia',
  'statnews',
  'beckershospitalreview',
  'digitalhealth',
  'medcitynews',
  'hitconsultant',
  'modernhealthcare',
];
const TAGS = [
  'News',
  'AI',
  'Policy',
  'Funding',
  'Research',
  'Partnerships',
  'Product Launch',
  'Interview',
  'NHS',
  'Startups',
];
const HEADINGS = [
  'What the plan includes',
  'Why it matters',
  'The larger trend',
  'On the record',
  'How it works',
  'Early results',
  'What comes next',
  'Funding and partners',
  'Challenges ahead',
  'Background',
];

// ---------------------------------------------------------------------------------------------
// Prose generator
// ---------------------------------------------------------------------------------------------

class Prose {
  constructor(private readonly rng: Rng) {}

  org(): string {
    const r = this.rng;
    return r.pick(NAME_HEADS) + r.pick(NAME_TAILS) + r.pick(ORG_SUFFIXES);
  }

  person(): string {
    return `${this.rng.pick(FIRST_NAMES)} ${this.rng.pick(LAST_NAMES)}`;
  }

  institution(): string {
    return `${this.rng.pick(INSTITUTION_PLACES)} ${this.rng.pick(INSTITUTION_KINDS)}`;
  }

  money(): string {
    const r = this.rng;
    const currency = r.pick(['$', '$', '£', '€']);
    const form = r.int(0, 2);
    if (form === 0) return `${currency}${r.int(1, 9)}.${r.int(1, 9)} billion`;
    if (form === 1) return `${currency}${r.int(2, 950)} million`;
    return `${currency}${r.int(100, 999)},000`;
  }

  pct(): string {
    return `${this.rng.int(3, 72)}%`;
  }

  apostrophe(): string {
    return this.rng.chance(0.3) ? '’' : "'";
  }

  sentence(): string {
    const r = this.rng;
    const q = this.apostrophe();
    switch (r.int(0, 29)) {
      case 0:
        return `${this.org()} announced ${r.pick(TECH)} aimed to ${r.pick(GOALS)} across ${r.pick(PLACES)}.`;
      case 1:
        return `"We are committed to working with our partners to ${r.pick(GOALS)}," said ${this.person()}, ${r.pick(ROLES)} at ${this.org()}.`;
      case 2:
        return `The study found that ${r.pick(TECH)} reduced ${r.pick(METRICS)} by ${this.pct()} among patients with ${r.pick(CONDITIONS)}.`;
      case 3:
        return `More than ${r.int(2, 900)} ${r.pick(FACILITIES)} have already adopted the platform, the company said.`;
      case 4:
        return `Funding of ${this.money()} will support efforts to ${r.pick(GOALS)} over the next ${r.int(2, 10)} years.`;
      case 5:
        return `Critics warn that ${r.pick(CONCERNS)} could slow adoption unless providers ${r.pick(GOALS).replace(/^\w+/, 'also $&')}.`;
      case 6:
        return `${this.institution()} began a pilot of ${r.pick(TECH)} in ${r.int(2020, 2026)}, starting with ${r.int(20, 5000)} patients.`;
      case 7:
        return `According to ${this.person()}, ${r.pick(ROLES)}, the biggest barrier is not technology but ${r.pick(CONCERNS)}.`;
      case 8: {
        const [first, second] = r.shuffle(CONDITIONS);
        return `The programme${q}s second phase will focus on ${first} and ${second}.`;
      }
      case 9:
        return `Clinicians reported spending ${r.int(5, 90)} fewer minutes a day on ${r.pick(METRICS)} after the rollout.`;
      case 10:
        return `Regulators in ${r.pick(PLACES)} are expected to publish guidance on ${r.pick(TECH)} later this year.`;
      case 11:
        return `${capitalize(r.pick(TECH))} remains one of the fastest-growing segments, with ${this.money()} invested in ${r.int(2021, 2026)} alone.`;
      case 12:
        return `Patients enrolled in the scheme can share readings from home, and nurses are alerted when values fall outside agreed ranges.`;
      case 13:
        return `"It${q}s not about replacing clinicians — it${q}s about giving them time back," ${this.person()} said.`;
      case 14:
        return `The partnership with ${this.org()} brings together ${r.pick(TECH)} and ${r.pick(TECH)} in a single workflow.`;
      case 15:
        return `Early results suggest a ${this.pct()} drop in ${r.pick(METRICS)}, although the sample size was small.`;
      case 16:
        return `All integrated care systems are aiming to have core digital capabilities in place by March ${r.int(2025, 2029)}.`;
      case 17:
        return `Analysts at ${this.org()} estimate the market for ${r.pick(TECH)} will reach ${this.money()} by ${r.int(2027, 2032)}.`;
      case 18:
        return `The company said it would expand the service to ${r.int(3, 40)} more sites in ${r.pick(PLACES)}.`;
      case 19:
        return `${this.institution()} said the move would help ${r.pick(GOALS)} for people living with ${r.pick(CONDITIONS)}.`;
      case 20:
        return `In a survey of ${r.int(100, 4000)} ${r.pick(['nurses', 'physicians', 'patients', 'IT leaders', 'carers'])}, ${this.pct()} said ${r.pick(TECH)} had changed how they work.`;
      case 21:
        return `The ${r.pick(['Department of Health', 'health ministry', 'state regulator', 'national audit office'])} in ${r.pick(PLACES)} published the detailed paper on ${r.pick(['January', 'March', 'June', 'September', 'November'])} ${r.int(1, 28)}.`;
      case 22:
        return `${this.person()}, who leads the ${r.pick(AREAS).toLowerCase()} team at ${this.org()}, described the results as "encouraging but early."`;
      case 23:
        return `Interoperability remains a sticking point: only ${this.pct()} of ${r.pick(FACILITIES)} can exchange records electronically with social care.`;
      case 24:
        return `Under the contract, ${this.org()} will provide ${r.pick(TECH)} to ${r.int(2, 60)} ${r.pick(FACILITIES)} for ${r.int(2, 7)} years.`;
      case 25:
        return `Independent evaluators will track ${r.pick(METRICS)} and patient satisfaction for ${r.int(6, 36)} months.`;
      case 26:
        return `The rollout follows a ${this.money()} investment announced last year to ${r.pick(GOALS)}.`;
      case 27:
        return `Privacy advocates asked how long data from ${r.pick(TECH)} would be kept and who could see it.`;
      case 28:
        return `"${capitalize(r.pick(TECH))} only works if it fits into the clinician${this.apostrophe()}s day," said ${this.person()}.`;
      default:
        return `${capitalize(r.pick(CONDITIONS))} affects roughly ${r.int(1, 30)} million people in ${r.pick(PLACES)}, and demand for ${r.pick(TECH)} keeps rising.`;
    }
  }

  headline(): string {
    const r = this.rng;
    const area = r.pick(AREAS);
    const tech = titleCase(r.pick(TECH).replace(/^an? /, ''));
    const goal = titleCase(r.pick(GOALS));
    switch (r.int(0, 13)) {
      case 0: {
        const place = r.pick(['UK', 'Canada', 'Australia', 'Germany', 'India', 'Ireland']);
        return `${place}: Experts Welcome ${place}'s ${this.money().replace(' billion', 'B').replace(' million', 'M')} Plan for ${area}`;
      }
      case 1:
        return `${this.org()} Launches ${tech} to ${goal}`;
      case 2:
        return `${r.int(3, 400)} Hospitals Adopt ${tech} as ${area} Push Accelerates`;
      case 3:
        return `Study: ${tech} Cuts ${titleCase(r.pick(METRICS))} by ${this.pct()}`;
      case 4:
        return `Q&A: ${this.person()} on the Future of ${area}`;
      case 5:
        return `How ${this.institution()} Uses ${tech} to ${goal}`;
      case 6:
        return `${this.org()} Raises ${this.money()} for ${area} Platform`;
      case 7:
        return `"${capitalize(r.pick(CONCERNS))} Is the Real Problem," Says ${titleCase(r.pick(ROLES))}`;
      case 8:
        return `${this.org()} and ${this.org()} Partner on ${area}`;
      case 9:
        return `Why ${area} Is the Next Frontier for ${tech}`;
      case 10:
        return `#${r.int(1, 10)} Trend in ${area}: ${tech}`;
      case 11:
        return `[Webinar] ${area} in ${r.int(2024, 2027)} — What${this.apostrophe()}s Next?`;
      case 12:
        return `${area} & ${r.pick(AREAS)}: ${this.org()} Bets on ${tech}`;
      default:
        return `${r.pick(PLACES).replace(/^the /, 'The ')} to Spend ${this.money()} on ${tech} for ${titleCase(r.pick(CONDITIONS))}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

interface Topic {
  name: string;
  label: string;
  slug: string;
}

interface OfferingRef {
  label: string;
  slug: string;
  offeringId: number;
  categories: string[];
}

interface BodyFlags {
  braces: boolean;
  lessThan: boolean;
  mojibake: boolean;
}

type FrontMatter = Record<string, unknown>;

/** Sets the YAML style of top-level string fields, keeping the pipeline's look. */
function toYaml(data: FrontMatter, styles: Record<string, Scalar.Type> = {}): string {
  const doc = new Document(data, { aliasDuplicateObjects: false });
  for (const [key, type] of Object.entries(styles)) {
    const node = doc.get(key, true);
    if (node instanceof Scalar && typeof node.value === 'string') node.type = type;
  }
  return doc.toString({ singleQuote: true, lineWidth: 80 });
}

function mdxFile(yamlText: string, body: string): string {
  return `---\n${yamlText}---\n${body}`;
}

class WriteQueue {
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly limit: number) {}

  async add(file: string, data: string | Buffer): Promise<void> {
    while (this.inflight.size >= this.limit) await Promise.race(this.inflight);
    const pending: Promise<void> = writeFile(file, data).then(() => {
      this.inflight.delete(pending);
    });
    this.inflight.add(pending);
  }

  async drain(): Promise<void> {
    await Promise.all(this.inflight);
  }
}

/** One small valid JPEG (a soft diagonal gradient), made once and copied for every image. */
async function makeJpeg(): Promise<Buffer> {
  const pixels = Buffer.alloc(IMAGE_WIDTH * IMAGE_HEIGHT * 3);
  let i = 0;
  for (let y = 0; y < IMAGE_HEIGHT; y++) {
    for (let x = 0; x < IMAGE_WIDTH; x++) {
      const t = (x + y) / (IMAGE_WIDTH + IMAGE_HEIGHT);
      pixels[i++] = Math.round(20 + 40 * t);
      pixels[i++] = Math.round(90 + 80 * t);
      pixels[i++] = Math.round(140 + 90 * t);
    }
  }
  return sharp(pixels, { raw: { width: IMAGE_WIDTH, height: IMAGE_HEIGHT, channels: 3 } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

// ---------------------------------------------------------------------------------------------
// Topics
// ---------------------------------------------------------------------------------------------

function buildTopics(rng: Rng, count: number): Topic[] {
  const areas = rng.shuffle(AREAS);
  const names: string[] = areas.slice(0, count);
  const seen = new Set(names);
  for (let round = 0; names.length < count; round++) {
    const candidate = `${rng.pick(AREA_QUALIFIERS)} ${rng.pick(AREAS)}${round > 5000 ? ` ${round}` : ''}`;
    if (!seen.has(candidate)) {
      seen.add(candidate);
      names.push(candidate);
    }
  }
  return names.map((area) => ({
    name: `Medigy: ${area}`,
    label: area,
    slug: kebab(`medigy-${area}`),
  }));
}

function topicFile(rng: Rng, prose: Prose, topic: Topic): string {
  const description = `News, analysis and offerings about ${topic.label.toLowerCase()} in health technology, curated by the Medigy editors.`;
  const data: FrontMatter = {
    title: topic.label,
    name: topic.name,
    slug: topic.slug,
    description,
  };
  const lines = [`${prose.sentence()} ${prose.sentence()}`, ''];
  if (rng.chance(0.5)) {
    lines.push(`## Why ${topic.label} matters`, '', prose.sentence(), '');
  }
  return mdxFile(toYaml(data), lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Offerings
// ---------------------------------------------------------------------------------------------

interface OfferingPlan {
  ref: OfferingRef;
  vendor: string;
  hasFile: boolean;
  hasImage: boolean;
}

function buildOfferings(
  rng: Rng,
  prose: Prose,
  count: number,
  phantoms: number,
  topics: Topic[],
): OfferingPlan[] {
  const slugs = new Set<string>();
  const categoryPool = [...topics.map((t) => t.name), ORPHAN_TOPIC];
  const plans: OfferingPlan[] = [];
  let offeringId = 17000;
  for (let i = 0; i < count + phantoms; i++) {
    const vendor = prose.org();
    let label = `${vendor.replace(/ (Inc\.|Health|Labs|Systems|Technologies|AI|Medical)$/, '')} ${rng.pick(PRODUCT_WORDS)}`;
    if (rng.chance(0.08))
      label = `${vendor.split(' ')[0] ?? vendor}’s Digital ${rng.pick(PRODUCT_WORDS)}`;
    let slug = kebab(label);
    for (let n = 2; slugs.has(slug); n++) slug = `${kebab(label)}-${n}`;
    slugs.add(slug);
    offeringId += rng.int(1, 40);
    const categories = new Set<string>();
    const wanted = rng.int(1, 3);
    while (categories.size < Math.min(wanted, categoryPool.length)) {
      categories.add(categoryPool[rng.skewedIndex(categoryPool.length)] as string);
    }
    const hasFile = i < count;
    plans.push({
      ref: { label, slug, offeringId, categories: [...categories] },
      vendor,
      hasFile,
      hasImage: hasFile && rng.chance(1 / 3),
    });
  }
  return plans;
}

function offeringFile(rng: Rng, prose: Prose, plan: OfferingPlan, now: Date): string {
  const { ref } = plan;
  const date = new Date(startOfUtcDay(now) - rng.int(30, 6 * 365) * DAY_MS);
  const data: FrontMatter = {
    title: ref.label,
    slug: ref.slug,
    offeringId: ref.offeringId,
    vendor: plan.vendor,
    website: `https://www.${kebab(plan.vendor)}.example/`,
    categories: ref.categories.slice(),
    description: `${ref.label} helps ${rng.pick(FACILITIES)} ${rng.pick(GOALS)} with ${rng.pick(TECH)}.`,
    date: isoDate(date),
    featuredImage: plan.hasImage
      ? {
          alt: `${ref.label} screenshot`,
          href: `${ref.slug}-featuredImage.jpeg`,
          format: 'JPEG',
          size: [IMAGE_HEIGHT, IMAGE_WIDTH],
        }
      : null,
  };
  const features = Array.from(
    { length: rng.int(3, 6) },
    () => capitalize(rng.pick(TECH)) + ' for ' + rng.pick(CONDITIONS),
  );
  const body = [
    `## About ${ref.label}`,
    '',
    `${prose.sentence()} ${prose.sentence()}`,
    '',
    '### Key capabilities',
    '',
    ...features.map((f) => `- ${f}`),
    '',
    `Learn more on the [${plan.vendor} website](https://www.${kebab(plan.vendor)}.example/).`,
    '',
  ].join('\n');
  return mdxFile(toYaml(data, { date: Scalar.QUOTE_SINGLE }), body);
}

// ---------------------------------------------------------------------------------------------
// Article bodies
// ---------------------------------------------------------------------------------------------

const BRACE_SNIPPETS = [
  'the {beta} cohort',
  'Dear {{first_name}},',
  'a stray } in the export',
  'results { pending',
  'the {region} rollout',
];
const LESS_THAN_SNIPPETS = [
  '<5% of patients',
  'p < 0.05',
  '<10 minutes',
  'fewer than <20 sites',
  'a score of <3',
];

function sprinkle(rng: Rng, sentence: string, flags: BodyFlags): string {
  let out = sentence;
  if (flags.braces && rng.chance(0.06))
    out = out.replace(/\.$/, `, including ${rng.pick(BRACE_SNIPPETS)}.`);
  if (flags.lessThan && rng.chance(0.06))
    out = out.replace(/\.$/, ` (${rng.pick(LESS_THAN_SNIPPETS)}).`);
  return out;
}

function sourceUrl(rng: Rng): string {
  return `https://www.${rng.pick(BRANDS)}.example/news/${rng.hex(6)}/${kebab(rng.pick(GOALS))}`;
}

function htmlBody(rng: Rng, prose: Prose, targetWords: number, flags: BodyFlags): string {
  const blocks: string[] = [];
  let words = 0;
  const comments = rng.chance(0.4);
  while (words < targetWords) {
    const kind = rng.int(0, 9);
    if (kind === 0 && blocks.length > 0) {
      const heading = rng.pick(HEADINGS);
      blocks.push(`<h2>${heading}</h2>`);
      words += countWords(heading);
      continue;
    }
    if (kind === 1 && blocks.length > 0) {
      const items = Array.from({ length: rng.int(2, 5) }, () =>
        sprinkle(rng, prose.sentence(), flags),
      );
      words += items.reduce((n, s) => n + countWords(s), 0);
      blocks.push(`<ul>\n${items.map((s) => `<li>${s}</li>`).join('\n')}\n</ul>`);
      continue;
    }
    const lines: string[] = [];
    for (let i = rng.int(2, 6); i > 0 && words < targetWords; i--) {
      let s = sprinkle(rng, prose.sentence(), flags);
      words += countWords(s);
      if (rng.chance(0.12)) {
        s = s.replace(/(\w+ \w+)\.$/, `<a href="${sourceUrl(rng)}">$1</a>.`);
      } else if (rng.chance(0.08)) {
        s = `<strong>${s}</strong>`;
      } else if (rng.chance(0.05)) {
        s = `<em>${s}</em>`;
      }
      lines.push(s);
    }
    const joiner = rng.chance(0.25) ? '<br>\n' : '\n';
    let block = `<p>${lines.join(joiner)}</p>`;
    if (rng.chance(0.04)) {
      block += `\n<img src="https://cdn.${rng.pick(BRANDS)}.example/images/${rng.hex(8)}.jpg" alt="${escapeHtml(rng.pick(HEADINGS))}">`;
    }
    if (comments) block = `<!-- wp:paragraph -->\n${block}\n<!-- /wp:paragraph -->`;
    blocks.push(block);
  }
  if (rng.chance(0.3)) blocks.splice(Math.min(1, blocks.length), 0, '<!-- more -->');
  if (rng.chance(0.2))
    blocks.push(
      `<p>Source: <a href="${sourceUrl(rng)}" target="_blank" rel="noopener">original article</a>&nbsp;&amp; more</p>`,
    );
  return blocks.join(rng.chance(0.5) ? '\n' : '\n\n');
}

function markdownBody(rng: Rng, prose: Prose, targetWords: number, flags: BodyFlags): string {
  const blocks: string[] = [];
  let words = 0;
  while (words < targetWords) {
    const kind = rng.int(0, 11);
    if (kind <= 1 && blocks.length > 0) {
      const heading = rng.pick(HEADINGS);
      blocks.push(`${rng.chance(0.85) ? '##' : '###'} ${heading}`);
      words += countWords(heading);
    } else if (kind === 2 && blocks.length > 0) {
      const ordered = rng.chance(0.3);
      const bullet = rng.pick(['-', '*']);
      const items = Array.from({ length: rng.int(2, 6) }, () =>
        sprinkle(rng, prose.sentence(), flags),
      );
      words += items.reduce((n, s) => n + countWords(s), 0);
      blocks.push(items.map((s, i) => (ordered ? `${i + 1}. ${s}` : `${bullet} ${s}`)).join('\n'));
    } else if (kind === 3 && blocks.length > 0) {
      const s = prose.sentence();
      words += countWords(s);
      blocks.push(`> ${s}`);
    } else if (kind === 4 && blocks.length > 2 && rng.chance(0.15)) {
      blocks.push('---');
    } else {
      const sentences: string[] = [];
      for (let i = rng.int(2, 6); i > 0 && words < targetWords; i--) {
        let s = sprinkle(rng, prose.sentence(), flags);
        words += countWords(s);
        const style = rng.next();
        if (style < 0.1) s = s.replace(/(\w+ \w+)\.$/, `[$1](${sourceUrl(rng)}).`);
        else if (style < 0.16) s = s.replace(/^(\S+ \S+)/, '**$1**');
        else if (style < 0.22) s = s.replace(/(\w+)\.$/, '*$1*.');
        else if (style < 0.25) s = s.replace(/(\w+)\.$/, '_$1_.');
        sentences.push(s);
      }
      blocks.push(sentences.join(rng.chance(0.3) ? '\n' : ' '));
    }
  }
  if (rng.chance(0.2)) blocks.push(`Read the [original article](${sourceUrl(rng)}).`);
  return blocks.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------------------------

interface ArticlePlan {
  file: string;
  slug: string;
  status: 'published' | 'draft' | 'scheduled';
  text: string;
  image: string | null;
}

interface ArticleContext {
  rng: Rng;
  prose: Prose;
  topics: Topic[];
  offerings: OfferingPlan[];
  phantomOfferings: OfferingPlan[];
  now: Date;
  slugs: Set<string>;
  ids: Set<string>;
  nextWorkPackage: number;
}

function uuidLike(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const variant = rng.pick(['8', '9', 'a', 'b']);
    const id = `${rng.hex(8)}-${rng.hex(4)}-5${rng.hex(3)}-${variant}${rng.hex(3)}-${rng.hex(12)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function pickTopics(rng: Rng, topics: Topic[]): Topic[] {
  const chosen = new Map<string, Topic>();
  const wanted = rng.pick([1, 1, 2, 2, 2, 3]);
  const orphan: Topic = { name: ORPHAN_TOPIC, label: 'Digital Health', slug: kebab(ORPHAN_TOPIC) };
  while (chosen.size < Math.min(wanted, topics.length + 1)) {
    const topic = rng.chance(0.06) ? orphan : (topics[rng.skewedIndex(topics.length)] as Topic);
    chosen.set(topic.slug, topic);
  }
  return [...chosen.values()];
}

function metaDescription(rng: Rng, description: string, title: string) {
  const flat = description.replace(/\s+/g, ' ');
  return {
    html: {
      author: null,
      description: rng.chance(0.2) ? flat : null,
      generator: null,
      viewport: null,
      articlemodified_time: null,
      articlepublished_time: null,
      'msvalidate.01': null,
      ogdescription: rng.chance(0.6) ? flat : null,
      ogimage: null,
      ogsite_name: null,
      ogtitle: rng.chance(0.6) ? title : null,
      ogtype: null,
      ogupdated_time: null,
      ogurl: null,
      'yandex-verification': null,
      robots: null,
      fbapp_id: null,
      oglocale: null,
      fbadmins: null,
      articlepublisher: null,
      'google-site-verification': null,
      keywords: rng.chance(0.1) ? 'digital health, health IT' : null,
    },
    og: {
      ogdescription: rng.chance(0.6) ? flat : null,
      ogtitle: rng.chance(0.6) ? title : null,
      ogurl: null,
      ogimage: null,
      ogsite_name: null,
      ogtype: rng.chance(0.2) ? 'article' : null,
      ogupdated_time: null,
      ogimageheight: null,
    },
    twitter: {
      twittercard: rng.chance(0.3) ? 'summary_large_image' : null,
      twitterdescription: rng.chance(0.6) ? flat : null,
      twittertitle: rng.chance(0.6) ? title : null,
      twitterimage: null,
      twitterurl: null,
    },
  };
}

function buildArticle(ctx: ArticleContext, index: number): ArticlePlan {
  const { rng, prose, now } = ctx;
  const id = uuidLike(rng, ctx.ids);
  const file = `${id}.mdx`;

  const mojibake = rng.chance(0.06);
  let title = prose.headline();
  if (mojibake && rng.chance(0.2)) title = misDecode(title.replace(/'/g, '’'));
  const brand = rng.pick(BRANDS);
  const base = truncateSlug(`${brand}-${kebab(title)}`, 90);
  let slug = base;
  for (let n = 2; ctx.slugs.has(slug); n++) slug = `${base}-${n}`;
  ctx.slugs.add(slug);

  const roll = rng.next();
  const status: ArticlePlan['status'] =
    roll < 0.01 ? 'draft' : roll < 0.02 ? 'scheduled' : 'published';
  const today = startOfUtcDay(now);
  const day =
    status === 'scheduled'
      ? today + rng.int(2, 180) * DAY_MS
      : today - rng.int(1, 3 * 365) * DAY_MS;
  const published = new Date(day + rng.int(0, DAY_MS / 1000 - 1) * 1000);
  const dateText = rng.chance(0.1) ? isoSeconds(published) : isoDate(published);
  const lastMod = new Date(published.getTime() + rng.int(0, 72 * 3600) * 1000);

  const lead = prose.sentence();
  let description = rng.chance(0.5) ? `${lead} ${prose.sentence()}` : lead;
  const multiLine = rng.chance(0.25);
  if (multiLine) description = `${lead}\n${prose.sentence()} ${prose.sentence()}`;
  if (mojibake) description = misDecode(description);

  const topics = pickTopics(rng, ctx.topics);
  const categories = topics.map((t) => t.name);

  let image: string | null = null;
  let featuredImage: FrontMatter | null = null;
  if (rng.chance(0.3)) {
    const href = `${id}-featuredImage.jpeg`;
    const missing = rng.chance(0.02 / 0.3);
    if (!missing) image = href;
    ctx.nextWorkPackage += 1;
    featuredImage = {
      alt: title,
      format: 'JPEG',
      href,
      size: [IMAGE_HEIGHT, IMAGE_WIDTH],
      valid: true,
      workPackage: ctx.nextWorkPackage,
      wpAttachment: {
        fileName: 'Curated_Featured_Image.jpg',
        link: `/api/v3/attachments/${ctx.nextWorkPackage + 11000}/content`,
      },
    };
  }

  const related: OfferingPlan[] = [];
  const relatedCount = rng.pick([0, 0, 1, 1, 2, 2, 3, 4, 5]);
  const pool = ctx.offerings;
  for (let i = 0; i < relatedCount * 3 && related.length < relatedCount; i++) {
    const candidate =
      rng.chance(0.05) && ctx.phantomOfferings.length > 0
        ? rng.pick(ctx.phantomOfferings)
        : (pool[rng.skewedIndex(pool.length)] as OfferingPlan);
    if (!related.includes(candidate)) related.push(candidate);
  }
  // Every reference-only offering is named by at least one article.
  const forced = ctx.phantomOfferings[index];
  if (forced && !related.includes(forced)) related.push(forced);
  if (related.length > 5) related.shift();

  const linkPath = `https://www.${brand}.example/news/${rng.pick(['emea', 'us', 'apac', 'global'])}/${truncateSlug(kebab(title), 70)}`;
  const workPackage = 14000 + index;
  const meta = metaDescription(rng, description, title);

  const data: FrontMatter = {};
  if (rng.chance(0.01)) {
    const alias = `/news/old-${slug}`;
    data.aliases = rng.chance(0.5) ? alias : [alias, `/news/old-${id.slice(0, 8)}`];
  }
  Object.assign(data, {
    archetype: 'curated-content',
    author: Array.from({ length: rng.pick([1, 1, 1, 2, 3]) }, () => prose.person()),
    basePath: '/news/',
    breadcrumbLinks: ['/', '/news/', ''],
    breadcrumbs: ['Home', 'News', title],
    categories,
    categorySlug: categories.map((c) => c.toLowerCase()),
    categoryUrl: topics.map((t) => `topic/${t.slug}`),
    categoryLabel: topics.map((t) => t.label),
    contentCategories: 'netspective-medigy-news-curated-content',
    institution: null,
    offering: null,
    layOut: 'single',
    date: dateText,
    description,
    favIconImage: null,
    featuredImage,
    featuredPdf: null,
    htmlMetaData: meta.html,
    id: workPackage,
    identifier: 'News',
    lastMod: isoMicros(lastMod, rng),
    link: { brand: `${brand}.example`, href: linkPath, original: linkPath },
    href: linkPath,
    original: linkPath,
    mastHead: 'NEWS',
    mdName: `${id}.md`,
    openGraphMetaData: meta.og,
    openProjectCustomFields: {
      cleanUrl: linkPath,
      medigyTopics: categories.slice(),
      sourceUrl: linkPath,
    },
    openProjectWorkPackageType: 'Curated Content',
    searchCategory: 'News',
    slug,
    source: 'open-project-curations',
    status: status === 'draft' ? 'draft' : '',
    sub: 'brief',
    tags: ['News', ...new Set(Array.from({ length: rng.int(0, 2) }, () => rng.pick(TAGS)))].filter(
      (t, i, a) => a.indexOf(t) === i,
    ),
    title,
    via: ' ',
    insights_description: null,
    insights_name: null,
    viaLink: null,
  });
  if (related.length > 0 || rng.chance(0.9)) {
    data.relatedOfferings = related.map((o) => ({
      label: o.ref.label,
      permalink: `/offering/${o.ref.slug}`,
      categories: o.ref.categories.slice(),
      offeringId: o.ref.offeringId,
    }));
  }
  data.twitterMetaData = meta.twitter;
  // Fields the pipeline added later; the portal must ignore them.
  if (rng.chance(0.05)) data.curationScore = Math.round(rng.next() * 100) / 100;
  if (rng.chance(0.05)) data.pipelineVersion = `3.${rng.int(0, 9)}`;
  if (rng.chance(0.03))
    data.sentiment = {
      label: rng.pick(['positive', 'neutral', 'negative']),
      score: Math.round(rng.next() * 100) / 100,
    };
  if (rng.chance(0.03)) data['x-source-hash'] = rng.hex(40);
  if (rng.chance(0.02)) data.legacyIds = [rng.int(1000, 9999), rng.int(1000, 9999)];

  const flags: BodyFlags = { braces: rng.chance(0.12), lessThan: rng.chance(0.1), mojibake };
  const targetWords = rng.int(200, 1100);
  let body = rng.chance(0.5)
    ? htmlBody(rng, prose, targetWords, flags)
    : markdownBody(rng, prose, targetWords, flags);
  if (mojibake) body = misDecode(body.replace(/'/g, '’'));
  if (!body.endsWith('\n')) body += '\n';

  const styles: Record<string, Scalar.Type> = {
    date: Scalar.QUOTE_SINGLE,
    lastMod: Scalar.QUOTE_SINGLE,
  };
  if (multiLine) styles.description = Scalar.BLOCK_FOLDED;
  return { file, slug, status, text: mdxFile(toYaml(data, styles), body), image };
}

// ---------------------------------------------------------------------------------------------
// Hostile files
// ---------------------------------------------------------------------------------------------

interface HostileFile {
  info: HostileCase;
  text: string;
}

function hostileFrontMatter(
  rng: Rng,
  prose: Prose,
  slug: string,
  title: string,
  now: Date,
): FrontMatter {
  const date = isoDate(new Date(startOfUtcDay(now) - rng.int(5, 300) * DAY_MS));
  return {
    archetype: 'curated-content',
    author: [prose.person()],
    categories: ['Medigy: Cybersecurity'],
    categoryUrl: ['topic/medigy-cybersecurity'],
    categoryLabel: ['Cybersecurity'],
    date,
    description: `Hostile test file: ${title}.`,
    featuredImage: null,
    lastMod: `${date}T08:00:00.000000Z`,
    link: {
      brand: 'hostile.example',
      href: 'https://hostile.example/',
      original: 'https://hostile.example/',
    },
    relatedOfferings: [],
    slug,
    status: '',
    tags: ['News'],
    title,
  };
}

function proseParagraphs(prose: Prose, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(`${prose.sentence()} ${prose.sentence()} ${prose.sentence()}`);
  return out;
}

function buildHostile(rng: Rng, prose: Prose, now: Date, duplicateSlug: string): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (
    file: string,
    slug: string | null,
    expect: HostileCase['expect'],
    why: string,
    text: string,
  ) => {
    files.push({ info: { file: `news/${file}`, slug, expect, why }, text });
  };
  const standard = (slug: string, title: string, overrides: FrontMatter = {}) =>
    toYaml(
      { ...hostileFrontMatter(rng, prose, slug, title, now), ...overrides },
      { date: Scalar.QUOTE_SINGLE },
    );

  // 1. Not YAML at all: an unclosed quote and a mis-indented key.
  add(
    'hostile-bad-yaml.mdx',
    null,
    'skipped',
    'front matter is not valid YAML (unclosed quote, bad indentation)',
    [
      '---',
      "title: 'An unclosed quote in the title",
      'slug: hostile-bad-yaml',
      "date: '2025-03-01'",
      '  author:',
      '   - Nobody',
      'status: ""',
      '---',
      '<p>This article must never be published.</p>',
      '',
    ].join('\n'),
  );

  // 2. Valid YAML without a title.
  {
    const data = hostileFrontMatter(rng, prose, 'hostile-no-title', 'unused', now);
    delete data.title;
    add(
      'hostile-no-title.mdx',
      'hostile-no-title',
      'skipped',
      'required field title is missing',
      mdxFile(toYaml(data), `${proseParagraphs(prose, 2).join('\n\n')}\n`),
    );
  }

  // 3. A date that is not a date.
  add(
    'hostile-bad-date.mdx',
    'hostile-bad-date',
    'skipped',
    "date is not an ISO 8601 date ('not a date')",
    mdxFile(
      standard('hostile-bad-date', 'Hostile: Bad Date', { date: 'not a date' }),
      `${proseParagraphs(prose, 2).join('\n\n')}\n`,
    ),
  );

  // 4. Same slug as a normal article whose file name sorts first.
  add(
    'hostile-duplicate-slug.mdx',
    duplicateSlug,
    'skipped',
    'slug duplicates an earlier file (first file in name order wins); the original article must keep working',
    mdxFile(
      standard(duplicateSlug, 'Hostile: Duplicate Slug'),
      `<p>This duplicate must not replace the original article.</p>\n`,
    ),
  );

  // 5. About 3 MB of prose.
  {
    const target = 3 * 1024 * 1024;
    const paragraphs: string[] = [];
    let size = 0;
    while (size < target) {
      const p = `${prose.sentence()} ${prose.sentence()} ${prose.sentence()} ${prose.sentence()}`;
      paragraphs.push(p);
      size += Buffer.byteLength(p) + 2;
    }
    add(
      'hostile-huge-body.mdx',
      'hostile-huge-body',
      'skipped',
      'body is about 3 MB, over the 1 MB body size limit',
      mdxFile(standard('hostile-huge-body', 'Hostile: Huge Body'), `${paragraphs.join('\n\n')}\n`),
    );
  }

  // 6. 5,000 nested <div> elements.
  add(
    'hostile-deep-nesting.mdx',
    'hostile-deep-nesting',
    'skipped',
    '5,000 nested <div> elements exceed the nesting limit',
    mdxFile(
      standard('hostile-deep-nesting', 'Hostile: Deep Nesting'),
      `<p>Intro paragraph.</p>\n\n${'<div>'.repeat(5000)}deep${'</div>'.repeat(5000)}\n`,
    ),
  );

  // 7. Billion laughs: 9 levels of anchors, each a list of 9 aliases of the previous one.
  {
    const bomb: string[] = ['lols:', "  l0: &l0 'lol'"];
    for (let level = 1; level <= 9; level++) {
      bomb.push(
        `  l${level}: &l${level} [${Array.from({ length: 9 }, () => `*l${level - 1}`).join(', ')}]`,
      );
    }
    add(
      'hostile-alias-bomb.mdx',
      'hostile-alias-bomb',
      'skipped',
      'front matter is a YAML alias bomb (9 levels x 9 aliases, 387 million nodes); the alias limit must reject it',
      mdxFile(
        standard('hostile-alias-bomb', 'Hostile: Alias Bomb') + bomb.join('\n') + '\n',
        '<p>Never published.</p>\n',
      ),
    );
  }

  // 8. Script injection in raw HTML.
  {
    const [p1, p2, p3] = proseParagraphs(prose, 3);
    const body = [
      `<p>${p1}</p>`,
      '<script>alert(1)</script>',
      `<p>${p2} <img src=x onerror="alert(1)"></p>`,
      '<p>Read more: <a href="javascript:alert(1)">click</a></p>',
      '<iframe src="https://evil.example/"></iframe>',
      `<p>${p3}</p>`,
      '',
    ].join('\n');
    add(
      'hostile-script.mdx',
      'hostile-script',
      'published',
      'script, event handler, javascript: URL and iframe must be removed; the prose must render',
      mdxFile(standard('hostile-script', 'Hostile: Script Injection'), body),
    );
  }

  // 9. MDX ESM and expressions.
  {
    const [p1, p2] = proseParagraphs(prose, 2);
    const body = [
      "import fs from 'fs'",
      '',
      'export const x = 1',
      '',
      p1,
      '',
      '{process.exit(1)}',
      '',
      "{globalThis.fetch('https://evil.example')}",
      '',
      'Price {sharply} higher',
      '',
      p2,
      '',
    ].join('\n');
    add(
      'hostile-mdx-expressions.mdx',
      'hostile-mdx-expressions',
      'published',
      'MDX import/export and {expressions} must not run; the word "sharply" stays on the page',
      mdxFile(standard('hostile-mdx-expressions', 'Hostile: MDX Expressions'), body),
    );
  }

  // 10. Prototype pollution keys in the front matter.
  add(
    'hostile-proto.mdx',
    'hostile-proto',
    'published',
    '__proto__ and constructor keys in front matter must not pollute prototypes',
    mdxFile(
      standard('hostile-proto', 'Hostile: Prototype Keys') +
        [
          '__proto__:',
          '  polluted: true',
          'constructor:',
          '  prototype:',
          '    polluted: true',
          '',
        ].join('\n'),
      `${proseParagraphs(prose, 2).join('\n\n')}\n`,
    ),
  );

  // 11. Pathological emphasis and brackets in one paragraph.
  {
    const parts: string[] = ['Emphasis storm:'];
    for (let i = 0; i < 30000; i++) {
      parts.push(i % 3 === 2 ? `*a _b` : `*a _b [c`);
    }
    const paragraph = parts.join(' ');
    add(
      'hostile-emphasis.mdx',
      'hostile-emphasis',
      'published',
      'pathological markdown must not hang (30,000 * and 30,000 _ markers, 20,000 [ in one paragraph); skipping is also acceptable if the build finishes',
      mdxFile(
        standard('hostile-emphasis', 'Hostile: Emphasis Storm'),
        `<p>Before the storm.</p>\n\n${paragraph}\n\nAfter the storm.\n`,
      ),
    );
  }

  // 12. A 400 KB table: linear to read, but minutes to compile. The time limit must stop it.
  {
    const row = `${'| a '.repeat(1000)}|\n`;
    add(
      'hostile-huge-table.mdx',
      'hostile-huge-table',
      'skipped',
      'a 1,000-column, 200-row table takes over 20 s to compile; the compile time limit must stop and skip it',
      mdxFile(
        standard('hostile-huge-table', 'Hostile: Huge Table'),
        `<p>Before the table.</p>\n\n${row}${'| - '.repeat(1000)}|\n${row.repeat(200)}`,
      ),
    );
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/**
 * Makes `dir` ready for a new corpus: creates it, or empties it when it holds a previous
 * corpus (has the marker file). Refuses to touch any other non-empty folder.
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  const target = path.resolve(dir);
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      await mkdir(target, { recursive: true });
      return;
    }
    throw error;
  }
  if (!info.isDirectory()) throw new Error(`${target} exists and is not a directory`);
  const entries = await readdir(target);
  if (entries.length === 0) return;
  if (!entries.includes(CORPUS_MARKER)) {
    throw new Error(
      `${target} is not empty and has no ${CORPUS_MARKER} marker; refusing to delete it`,
    );
  }
  for (const entry of entries) {
    await rm(path.join(target, entry), { recursive: true, force: true });
  }
}

export async function generateCorpus(options: CorpusOptions): Promise<CorpusSummary> {
  const articleCount = options.articles;
  if (!Number.isInteger(articleCount) || articleCount < 1 || articleCount > MAX_ARTICLES) {
    throw new RangeError(`articles must be an integer from 1 to ${MAX_ARTICLES}`);
  }
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const now = options.now ?? DEFAULT_NOW;
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date');
  const dir = path.resolve(options.dir);

  const newsDir = path.join(dir, 'news');
  const topicsDir = path.join(dir, 'topics');
  const offeringsDir = path.join(dir, 'offerings');
  await Promise.all([newsDir, topicsDir, offeringsDir].map((d) => mkdir(d, { recursive: true })));
  await writeFile(
    path.join(dir, CORPUS_MARKER),
    `${JSON.stringify({ generator: 'scripts/generate-corpus.ts', seed, articles: articleCount, hostile: options.hostile === true, now: now.toISOString() })}\n`,
  );

  const queue = new WriteQueue(WRITE_CONCURRENCY);
  const jpeg = await makeJpeg();
  let images = 0;

  // Topics.
  const topicRng = new Rng(streamSeed(seed, 'topics'));
  const topicProse = new Prose(topicRng);
  const topics = buildTopics(topicRng, Math.max(6, Math.round(articleCount / 100)));
  for (const topic of topics) {
    await queue.add(
      path.join(topicsDir, `${topic.slug}.mdx`),
      topicFile(topicRng, topicProse, topic),
    );
  }

  // Offerings (plus a few that exist only as references in articles).
  const offeringRng = new Rng(streamSeed(seed, 'offerings'));
  const offeringProse = new Prose(offeringRng);
  const offeringCount = Math.max(10, Math.round(articleCount / 10));
  const phantomCount = Math.max(3, Math.round(offeringCount * 0.03));
  const plans = buildOfferings(offeringRng, offeringProse, offeringCount, phantomCount, topics);
  for (const plan of plans) {
    if (!plan.hasFile) continue;
    await queue.add(
      path.join(offeringsDir, `${plan.ref.slug}.mdx`),
      offeringFile(offeringRng, offeringProse, plan, now),
    );
    if (plan.hasImage) {
      await queue.add(path.join(offeringsDir, `${plan.ref.slug}-featuredImage.jpeg`), jpeg);
      images++;
    }
  }

  // Articles.
  const articleRng = new Rng(streamSeed(seed, 'articles'));
  const ctx: ArticleContext = {
    rng: articleRng,
    prose: new Prose(articleRng),
    topics,
    offerings: plans.filter((p) => p.hasFile),
    phantomOfferings: plans.filter((p) => !p.hasFile),
    now,
    slugs: new Set(),
    ids: new Set(),
    nextWorkPackage: 20000,
  };
  const publishedSlugs: string[] = [];
  let duplicateOf: { file: string; slug: string } | null = null;
  let firstArticle: { file: string; slug: string } | null = null;
  for (let i = 0; i < articleCount; i++) {
    const article = buildArticle(ctx, i);
    await queue.add(path.join(newsDir, article.file), article.text);
    if (article.image) {
      await queue.add(path.join(newsDir, article.image), jpeg);
      images++;
    }
    firstArticle ??= article;
    if (article.status === 'published') {
      publishedSlugs.push(article.slug);
      duplicateOf ??= article;
    }
  }

  // Hostile files.
  const hostile: HostileCase[] = [];
  if (options.hostile) {
    const original = duplicateOf ?? firstArticle;
    if (!original) throw new Error('no article to duplicate');
    const hostileRng = new Rng(streamSeed(seed, 'hostile'));
    const files = buildHostile(hostileRng, new Prose(hostileRng), now, original.slug);
    for (const { info, text } of files) {
      const name = path.basename(info.file);
      if (
        info.file === 'news/hostile-duplicate-slug.mdx' &&
        !(original.file < name && original.file.localeCompare(name) < 0)
      ) {
        throw new Error(`duplicate-slug case: ${original.file} does not sort before ${name}`);
      }
      await queue.add(path.join(newsDir, name), text);
      hostile.push(info);
      if (info.expect === 'published' && info.slug) publishedSlugs.push(info.slug);
    }
  }
  await queue.drain();

  return {
    dir,
    articles: articleCount,
    topics: topics.length,
    offerings: offeringCount,
    images,
    hostile,
    publishedSlugs: publishedSlugs.sort(),
  };
}
