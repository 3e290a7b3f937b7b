/**
 * The in-process search engine: an inverted index built once from documents, queried in
 * memory. No I/O and no globals, so it can be built and tested anywhere.
 *
 * Ranking is BM25 over four weighted fields (title, keywords, summary, body), computed per
 * posting at build time so a query only sums. A query term matches
 *   - exactly,
 *   - as a prefix when it is the last term (the reader is still typing it): the index keeps its
 *     terms sorted, so the terms that start with it are one binary search away,
 *   - within one edit (insertion, deletion, substitution or swap of neighbours) when the term is
 *     not in the index at all: only terms one character shorter, as long or one longer are
 *     compared, with a linear check instead of an edit-distance table,
 * each weaker than the one before. Every term must match, except common words ("the", "of"),
 * which only add to the score. Among the best candidates, those containing the query as a
 * phrase (consecutive words) are boosted, more when the phrase is in the title.
 *
 * Visibility is judged per query (see SearchDocument.publicFrom and .requires), so a scheduled
 * article appears on its date without the index being rebuilt.
 */
import { highlight, plain, snippet } from './highlight';
import { termMatcher, terms as termsOf, type TermMatcher } from './text';
import {
  SEARCH_TYPES,
  type SearchCounts,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchOptions,
  type SearchQuery,
  type SearchResponse,
  type SearchType,
  type TopicCount,
} from './types';

const FIELDS = ['title', 'keywords', 'summary', 'body'] as const;
const FIELD_WEIGHTS = [6, 2.5, 1.5, 1];
/** BM25 term-frequency saturation and length normalisation. */
const K1 = 1.2;
const B = 0.75;
/** Term frequencies are packed a byte per field; BM25 saturates long before this. */
const MAX_TF = 255;

/** Terms a query can have; the rest are ignored (a query is at most 200 characters anyway). */
const MAX_QUERY_TERMS = 12;
const MIN_PREFIX_LENGTH = 2;
/** Expansions of a prefix kept, the most common first. */
const MAX_PREFIX_TERMS = 40;
/** Terms of a prefix range looked at before choosing; bounds the work for very short prefixes. */
const MAX_PREFIX_SCAN = 5000;
const MIN_TYPO_LENGTH = 4;
const MAX_TYPO_TERMS = 20;
/** Prefix and typo matches count for less than the word itself. */
const PREFIX_FACTOR = 0.7;
const TYPO_FACTOR = 0.5;
/** Best candidates checked for the query as a phrase. */
const RESCORE_WINDOW = 200;
const TITLE_PHRASE_BOOST = 2;
const PHRASE_BOOST = 1.5;
const MAX_TOPIC_COUNTS = 20;

/** Scored but not required: a query's meaning rarely hangs on them. */
const COMMON_WORDS = new Set(
  `a an and are as at be by for from in into is it of on or that the this to was were
   with`.split(/\s+/),
);

interface Expansion {
  term: number;
  kind: 'exact' | 'prefix' | 'typo';
  factor: number;
}

interface PreparedQuery {
  /** Folded terms, repeats kept, for phrases. */
  words: string[];
  /** The words without repeats; `expansions` and the bits of `required` follow this order. */
  distinct: string[];
  /** Per distinct term, the index terms it matches. */
  expansions: Expansion[][];
  /** Bit i set: distinct term i must match. */
  required: number;
  matcher: TermMatcher;
}

export function createSearchEngine(documents: readonly SearchDocument[]): SearchEngine {
  return new MemorySearchEngine(documents);
}

export class MemorySearchEngine implements SearchEngine {
  private readonly docs: readonly SearchDocument[];
  /** Term id -> term, in the order terms were first met. */
  private readonly termList: string[] = [];
  private readonly termIds = new Map<string, number>();
  /** Term ids in term order, for prefix search by binary search. */
  private readonly sortedTerms: Int32Array;
  private readonly postingDocs: Int32Array[] = [];
  /** Per posting, the document's BM25 weight for the term before idf. */
  private readonly postingWeights: Float32Array[] = [];
  private readonly idf: Float64Array;
  /** Term ids grouped by term length, for typo candidates. */
  private readonly termsByLength = new Map<number, number[]>();
  /** Per field, per document: its term ids in order, for phrases. */
  private readonly positions: Int32Array[][] = FIELDS.map(() => []);
  /** Index into SEARCH_TYPES. */
  private readonly docTypes: Uint8Array;
  private readonly publicFrom: Float64Array;
  private readonly requires: Array<Int32Array | null> = [];
  private readonly docTopics: Int32Array[] = [];
  private readonly topicSlugs: string[] = [];
  private readonly topicLabels: string[] = [];
  private readonly topicIds = new Map<string, number>();

  // Scratch buffers reused by every query (queries run one at a time, synchronously), so a
  // query allocates next to nothing: on a server holding a large site in memory, garbage
  // collection is what makes the slow queries slow.
  private readonly scores: Float64Array;
  private readonly matched: Uint32Array;
  private readonly termBest: Float64Array;
  private readonly touched: Int32Array;
  private readonly termTouched: Int32Array;
  private readonly results: Int32Array;

  constructor(documents: readonly SearchDocument[]) {
    this.docs = documents;
    const count = documents.length;
    const ids = new Map(documents.map((doc, index) => [doc.id, index]));
    if (ids.size !== count) throw new Error('Search documents must have unique ids');

    this.docTypes = Uint8Array.from(documents, (doc) => SEARCH_TYPES.indexOf(doc.type));
    this.publicFrom = Float64Array.from(documents, (doc) => doc.publicFrom ?? Infinity);
    const lengths = FIELDS.map(() => new Uint32Array(count));
    // Per term: its documents and, per document, its frequency in each field packed a byte each.
    const postingDocs: number[][] = [];
    const postingTfs: number[][] = [];
    // Per term, the document being read when it was last met, and its frequencies there.
    const lastDoc: number[] = [];
    const frequencies: number[] = [];
    const touched: number[] = [];

    documents.forEach((doc, index) => {
      const required = doc.requires.flatMap((id) => ids.get(id) ?? []);
      // A condition on documents that did not load can never be met.
      this.requires.push(doc.requires.length > 0 ? Int32Array.from(required) : null);
      this.docTopics.push(Int32Array.from(doc.topics, (topic) => this.topicId(topic)));

      for (let f = 0; f < FIELDS.length; f++) {
        const words = termsOf(doc[FIELDS[f]!]);
        const positions = new Int32Array(words.length);
        const one = 1 << (8 * f);
        for (let k = 0; k < words.length; k++) {
          const word = words[k]!;
          let term = this.termIds.get(word);
          if (term === undefined) {
            term = this.termList.length;
            this.termIds.set(word, term);
            this.termList.push(word);
            postingDocs.push([]);
            postingTfs.push([]);
            lastDoc.push(-1);
            frequencies.push(0);
          }
          positions[k] = term;
          if (lastDoc[term] !== index) {
            lastDoc[term] = index;
            frequencies[term] = 0;
            touched.push(term);
          }
          if (((frequencies[term]! >>> (8 * f)) & 0xff) < MAX_TF) frequencies[term]! += one;
        }
        lengths[f]![index] = words.length;
        this.positions[f]!.push(positions);
      }
      for (const term of touched) {
        postingDocs[term]!.push(index);
        postingTfs[term]!.push(frequencies[term]!);
      }
      touched.length = 0;
    });

    const averages = lengths.map((field) => Math.max(1, field.reduce((a, b) => a + b, 0) / count));
    this.idf = new Float64Array(this.termList.length);
    this.termList.forEach((word, term) => {
      const docs = Int32Array.from(postingDocs[term]!);
      const tfs = postingTfs[term]!;
      const weights = new Float32Array(docs.length);
      for (let k = 0; k < docs.length; k++) {
        const doc = docs[k]!;
        let weight = 0;
        for (let f = 0; f < FIELDS.length; f++) {
          const tf = (tfs[k]! >>> (8 * f)) & 0xff;
          if (tf === 0) continue;
          const norm = 1 - B + (B * lengths[f]![doc]!) / averages[f]!;
          weight += (FIELD_WEIGHTS[f]! * (tf * (K1 + 1))) / (tf + K1 * norm);
        }
        weights[k] = weight;
      }
      this.postingDocs.push(docs);
      this.postingWeights.push(weights);
      this.idf[term] = Math.log(1 + (count - docs.length + 0.5) / (docs.length + 0.5));
      let sameLength = this.termsByLength.get(word.length);
      if (!sameLength) this.termsByLength.set(word.length, (sameLength = []));
      sameLength.push(term);
    });
    this.sortedTerms = Int32Array.from(this.termList.keys()).sort((a, b) =>
      compareStrings(this.termList[a]!, this.termList[b]!),
    );

    this.scores = new Float64Array(count);
    this.matched = new Uint32Array(count);
    this.termBest = new Float64Array(count);
    this.touched = new Int32Array(count);
    this.termTouched = new Int32Array(count);
    this.results = new Int32Array(count);
  }

  get size(): { documents: number; terms: number } {
    return { documents: this.docs.length, terms: this.termList.length };
  }

  async search(query: SearchQuery, options: SearchOptions = {}): Promise<SearchResponse> {
    return this.searchNow(query, options);
  }

  /** The synchronous core of `search`. */
  searchNow(query: SearchQuery, options: SearchOptions = {}): SearchResponse {
    const prepared = this.prepare(query.q);
    if (!prepared) return emptyResponse(query);
    const candidates = this.collect(prepared);
    try {
      const { results, counts } = this.filter(candidates, query, options);
      const end = query.page * query.limit;
      const hits = this.rank(results, prepared, end)
        .slice((query.page - 1) * query.limit, end)
        .map((doc) => this.hit(doc, prepared.matcher));
      return {
        query,
        total: results.length,
        pageCount: Math.ceil(results.length / query.limit),
        hits,
        counts,
      };
    } finally {
      for (const doc of candidates) this.scores[doc] = 0;
    }
  }

  private prepare(q: string): PreparedQuery | null {
    const words = termsOf(q).slice(0, MAX_QUERY_TERMS);
    const distinct = [...new Set(words)];
    if (distinct.length === 0) return null;
    const last = words[words.length - 1];
    const expansions = distinct.map((word) => this.expand(word, word === last));
    const allCommon = distinct.every((word) => COMMON_WORDS.has(word));
    let required = 0;
    distinct.forEach((word, i) => {
      if (allCommon || !COMMON_WORDS.has(word)) required |= 1 << i;
    });
    // Common words are not marked unless they are all there is: "the" lit up everywhere helps no one.
    const marked = expansions.filter((_, i) => (required & (1 << i)) !== 0);
    const matching = marked.flat().map(({ term }) => this.termList[term]!);
    const prefix =
      last !== undefined &&
      last.length >= MIN_PREFIX_LENGTH &&
      (allCommon || !COMMON_WORDS.has(last))
        ? last
        : null;
    return {
      words,
      distinct,
      expansions,
      required,
      matcher: termMatcher(matching, prefix),
    };
  }

  /** The index terms a query term matches, with how much each counts. */
  private expand(word: string, isLast: boolean): Expansion[] {
    const expansions: Expansion[] = [];
    const exact = this.termIds.get(word);
    if (exact !== undefined) expansions.push({ term: exact, kind: 'exact', factor: 1 });
    if (isLast && word.length >= MIN_PREFIX_LENGTH) {
      for (const term of this.prefixTerms(word)) {
        if (term === exact) continue;
        const length = this.termList[term]!.length;
        // "tele" says more about "telehealth" than about "telecommunications".
        const factor = PREFIX_FACTOR * (0.5 + (0.5 * word.length) / length);
        expansions.push({ term, kind: 'prefix', factor });
      }
    }
    if (expansions.length === 0 && word.length >= MIN_TYPO_LENGTH) {
      for (const term of this.typoTerms(word)) {
        expansions.push({ term, kind: 'typo', factor: TYPO_FACTOR });
      }
    }
    return expansions;
  }

  private prefixTerms(prefix: string): number[] {
    const { termList, sortedTerms } = this;
    let low = 0;
    let high = sortedTerms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (termList[sortedTerms[middle]!]! < prefix) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    for (let i = low; i < sortedTerms.length && found.length < MAX_PREFIX_SCAN; i++) {
      const term = sortedTerms[i]!;
      if (!termList[term]!.startsWith(prefix)) break;
      found.push(term);
    }
    return this.mostCommon(found, MAX_PREFIX_TERMS);
  }

  private typoTerms(word: string): number[] {
    const found: number[] = [];
    for (let length = word.length - 1; length <= word.length + 1; length++) {
      for (const id of this.termsByLength.get(length) ?? []) {
        if (withinOneEdit(word, this.termList[id]!)) found.push(id);
      }
    }
    return this.mostCommon(found, MAX_TYPO_TERMS);
  }

  private mostCommon(ids: number[], count: number): number[] {
    if (ids.length <= count) return ids;
    return ids
      .sort((a, b) => this.postingDocs[b]!.length - this.postingDocs[a]!.length || a - b)
      .slice(0, count);
  }

  /**
   * Documents matching every required term, their scores left in `this.scores` (the caller
   * clears them): per query term the best of its expansions, so "tele" does not count five
   * times in a text with five tele- words.
   */
  private collect(prepared: PreparedQuery): Int32Array {
    const { scores, matched, termBest, touched, termTouched } = this;
    let touchedCount = 0;
    for (let i = 0; i < prepared.expansions.length; i++) {
      let termCount = 0;
      for (const { term, factor } of prepared.expansions[i]!) {
        const weight = this.idf[term]! * factor;
        const docs = this.postingDocs[term]!;
        const weights = this.postingWeights[term]!;
        for (let k = 0; k < docs.length; k++) {
          const doc = docs[k]!;
          const score = weights[k]! * weight;
          const best = termBest[doc]!;
          if (best === 0) termTouched[termCount++] = doc;
          if (score > best) termBest[doc] = score;
        }
      }
      const bit = 1 << i;
      for (let k = 0; k < termCount; k++) {
        const doc = termTouched[k]!;
        if (matched[doc] === 0) touched[touchedCount++] = doc;
        matched[doc]! |= bit;
        scores[doc]! += termBest[doc]!;
        termBest[doc] = 0;
      }
    }

    // Candidates are compacted into the front of `touched`.
    let count = 0;
    for (let k = 0; k < touchedCount; k++) {
      const doc = touched[k]!;
      if ((matched[doc]! & prepared.required) === prepared.required) touched[count++] = doc;
      else scores[doc] = 0;
      matched[doc] = 0;
    }
    return touched.subarray(0, count);
  }

  /**
   * The candidates the reader may see that pass the filters, with the counts: per type within
   * the topic filter, per topic within the type filter (so each count says what choosing that
   * filter would show).
   */
  private filter(
    candidates: Int32Array,
    query: SearchQuery,
    options: SearchOptions,
  ): { results: Int32Array; counts: SearchCounts } {
    const now = (options.now ?? new Date()).getTime();
    const everything = options.includeUnpublished === true;
    const topic = query.topic === null ? null : (this.topicIds.get(query.topic) ?? -1);
    const type = query.type === null ? -1 : SEARCH_TYPES.indexOf(query.type);
    const typeCounts = [0, 0, 0];
    const topicCounts = new Uint32Array(this.topicSlugs.length);
    const results = this.results;
    let count = 0;
    for (const doc of candidates) {
      if (!everything && !this.visible(doc, now)) continue;
      const docType = this.docTypes[doc]!;
      const topics = this.docTopics[doc]!;
      const inTopic = topic === null || topics.includes(topic);
      const ofType = type === -1 || docType === type;
      if (inTopic) typeCounts[docType]!++;
      if (ofType) for (let t = 0; t < topics.length; t++) topicCounts[topics[t]!]!++;
      if (inTopic && ofType) results[count++] = doc;
    }
    const counts: SearchCounts = {
      type: Object.fromEntries(SEARCH_TYPES.map((name, i) => [name, typeCounts[i]!])) as Record<
        SearchType,
        number
      >,
      topic: this.topicCounts(topicCounts, topic),
    };
    return { results: results.subarray(0, count), counts };
  }

  private visible(doc: number, now: number): boolean {
    if (!(this.publicFrom[doc]! <= now)) return false;
    const required = this.requires[doc];
    if (!required) return true;
    for (const other of required) if (this.publicFrom[other]! <= now) return true;
    return false;
  }

  /**
   * The documents in rank order, at least the first `needed` of them: the best
   * RESCORE_WINDOW get their phrase boost and are ordered; the rest follow by plain score
   * (a boost only raises a score, so none of them can overtake the window).
   */
  private rank(results: Int32Array, prepared: PreparedQuery, needed: number): number[] {
    const { scores } = this;
    // Higher score first; ties in document order, which for articles is newest first.
    const byScore = (a: number, b: number) => scores[b]! - scores[a]! || a - b;
    const window = Math.min(results.length, Math.max(RESCORE_WINDOW, needed));
    const top =
      window < results.length
        ? best(results, window, scores, byScore)
        : Array.from(results.sort(byScore));
    const phrase = this.phrase(prepared);
    if (phrase) {
      const [title, ...others] = this.positions;
      for (const doc of top.slice(0, RESCORE_WINDOW)) {
        if (phrase(title![doc]!)) scores[doc]! *= TITLE_PHRASE_BOOST;
        else if (others.some((field) => phrase(field[doc]!))) scores[doc]! *= PHRASE_BOOST;
      }
      top.sort(byScore);
    }
    return top;
  }

  /**
   * A test for the query's words in a row in a field (its term ids), the last one possibly
   * a prefix; null for a single word, or words the index does not have.
   */
  private phrase(prepared: PreparedQuery): ((field: Int32Array) => boolean) | null {
    const { words, expansions, distinct } = prepared;
    if (words.length < 2) return null;
    const steps = words.map((word, i) => {
      const exact = this.termIds.get(word);
      if (i < words.length - 1) return exact === undefined ? [] : [exact];
      const last = expansions[distinct.indexOf(word)] ?? [];
      return last.filter(({ kind }) => kind !== 'typo').map(({ term }) => term);
    });
    if (steps.some((step) => step.length === 0)) return null;
    const [first, ...rest] = steps.map((step) => Int32Array.from(step));
    const has = (step: Int32Array, term: number) => {
      for (let i = 0; i < step.length; i++) if (step[i] === term) return true;
      return false;
    };
    return (field) => {
      const end = field.length - rest.length;
      for (let start = 0; start < end; start++) {
        if (!has(first!, field[start]!)) continue;
        let j = 0;
        while (j < rest.length && has(rest[j]!, field[start + 1 + j]!)) j++;
        if (j === rest.length) return true;
      }
      return false;
    };
  }

  private hit(doc: number, matches: TermMatcher): SearchHit {
    const document = this.docs[doc]!;
    const passage =
      snippet(document.summary, matches) ??
      snippet(document.body, matches) ??
      plain(document.summary || document.body);
    return {
      id: document.id,
      type: document.type,
      slug: document.slug,
      url: document.url,
      title: document.title,
      titleHighlight: highlight(document.title, matches),
      snippet: passage,
      publishedAt: document.publishedAt,
      detail: document.detail,
    };
  }

  private topicId(topic: { slug: string; label: string }): number {
    let id = this.topicIds.get(topic.slug);
    if (id === undefined) {
      id = this.topicSlugs.length;
      this.topicIds.set(topic.slug, id);
      this.topicSlugs.push(topic.slug);
      this.topicLabels.push(topic.label);
    }
    return id;
  }

  private topicCounts(counts: Uint32Array, selected: number | null): TopicCount[] {
    const listed: number[] = [];
    counts.forEach((count, id) => {
      if (count > 0) listed.push(id);
    });
    listed.sort(
      (a, b) => counts[b]! - counts[a]! || this.topicLabels[a]!.localeCompare(this.topicLabels[b]!),
    );
    const shown = listed.slice(0, MAX_TOPIC_COUNTS);
    // The selected topic is always listed, with 0 when nothing in it matched.
    if (selected !== null && selected >= 0 && !shown.includes(selected)) shown.push(selected);
    return shown.map((id) => ({
      slug: this.topicSlugs[id]!,
      label: this.topicLabels[id]!,
      count: counts[id]!,
    }));
  }
}

function emptyResponse(query: SearchQuery): SearchResponse {
  const counts: SearchCounts = {
    type: Object.fromEntries(SEARCH_TYPES.map((type) => [type, 0])) as Record<SearchType, number>,
    topic: [],
  };
  return { query, total: 0, pageCount: 0, hits: [], counts };
}

/** UTF-16 code unit order, as `<` compares strings: what prefix search's binary search needs. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * True when `b` is `a` with at most one character inserted, deleted or substituted, or two
 * neighbours swapped. Linear: after the common start and end, what is left must be that edit.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) {
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const restA = endA - start;
  const restB = endB - start;
  if (restA <= 1 && restB <= 1) return true;
  return (
    restA === 2 &&
    restB === 2 &&
    a.charCodeAt(start) === b.charCodeAt(start + 1) &&
    a.charCodeAt(start + 1) === b.charCodeAt(start)
  );
}

/**
 * The best `n` of `docs` (higher score, then lower index), ordered by `order`, without
 * sorting them all: a heap keeps the n best seen so far with the worst at its root.
 */
function best(
  docs: Int32Array,
  n: number,
  scores: Float64Array,
  order: (a: number, b: number) => number,
): number[] {
  const heap = new Int32Array(n);
  let size = 0;
  const worse = (a: number, b: number) =>
    scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  for (const doc of docs) {
    let index: number;
    if (size < n) {
      index = size++;
      while (index > 0) {
        const parent = (index - 1) >> 1;
        if (!worse(doc, heap[parent]!)) break;
        heap[index] = heap[parent]!;
        index = parent;
      }
      heap[index] = doc;
    } else if (worse(heap[0]!, doc)) {
      index = 0;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && worse(heap[right]!, heap[left]!) ? right : left;
        if (!worse(heap[child]!, doc)) break;
        heap[index] = heap[child]!;
        index = child;
      }
      heap[index] = doc;
    }
  }
  return Array.from(heap.subarray(0, size)).sort(order);
}
