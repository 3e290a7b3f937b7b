/**
 * Which inline scripts of a page may run: the ones the framework itself wrote, identified by
 * their exact shapes, each allowed by the SHA-256 hash of its text in the page's
 * Content-Security-Policy. Nothing else inline runs: a `<script>` or an `on…=` attribute that
 * reached the page from content gets no hash, so the browser refuses it, and it is reported
 * here so that the server can log it with its page.
 *
 * Cached pages cannot carry a per-response nonce (the same bytes go to every reader), which is
 * why the policy lists hashes. They are computed once per rendered page, when the front server
 * stores it (server/front-server.ts), never per request.
 *
 * The shapes are those of Next 16 with Turbopack and React 19. A framework upgrade that changes
 * them makes its scripts "foreign": the browser tests then see the page fail to hydrate and
 * Chromium report violations, and the server log names the scripts.
 */
import { createHash } from 'node:crypto';

import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export interface InlineScripts {
  /** CSP sources (`'sha256-…'`) of the framework's inline scripts, in page order, each once. */
  hashes: string[];
  /** The start of every other inline script and event-handler attribute: none of them runs. */
  foreign: string[];
}

/** Bootstrap of Next's inline flight data: `self.__next_f` collects the pushes below. */
const FLIGHT_BOOTSTRAP = '(self.__next_f=self.__next_f||[]).push([0])';
const FLIGHT_PUSH = 'self.__next_f.push(';
/** Turbopack's chunk registration: which chunks to load, and which modules to run first. */
const TURBOPACK_PUSH = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(';

/** Flight data pushes: `[1, text]` and `[3, base64]` carry payload, `[2, state]` form state. */
const FLIGHT_DATA = 1;
const FLIGHT_FORM_STATE = 2;
const FLIGHT_BINARY = 3;

const CHUNK_PATH = /^static\/chunks\/[\w.~-]+\.(js|css)$/;

/**
 * True only for the framework's own inline scripts. Each shape is a fixed prefix and suffix
 * around JSON: parsing the middle as JSON proves it is data, since JSON cannot hold code, and
 * the data is then checked to be of the kind that shape carries.
 */
export function isFrameworkScript(text: string): boolean {
  if (text === FLIGHT_BOOTSTRAP) return true;
  const formState = `${FLIGHT_BOOTSTRAP};${FLIGHT_PUSH}`;
  if (text.startsWith(formState)) {
    const data = jsonBetween(text, formState, ')');
    return isArray(data) && data.length === 2 && data[0] === FLIGHT_FORM_STATE;
  }
  if (text.startsWith(FLIGHT_PUSH)) {
    const data = jsonBetween(text, FLIGHT_PUSH, ')');
    return (
      isArray(data) &&
      data.length === 2 &&
      (data[0] === FLIGHT_DATA || data[0] === FLIGHT_BINARY) &&
      typeof data[1] === 'string'
    );
  }
  if (text.startsWith(TURBOPACK_PUSH)) {
    return isChunkRegistration(jsonBetween(text, TURBOPACK_PUSH, ');'));
  }
  return false;
}

function isChunkRegistration(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || isArray(data)) return false;
  const { otherChunks, runtimeModuleIds, ...rest } = data as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    isArray(otherChunks) &&
    otherChunks.every((chunk) => typeof chunk === 'string' && CHUNK_PATH.test(chunk)) &&
    isArray(runtimeModuleIds) &&
    runtimeModuleIds.every((id) => Number.isSafeInteger(id))
  );
}

const isArray = Array.isArray as (value: unknown) => value is unknown[];

/** The JSON value between `prefix` and `suffix`, or undefined when the middle is not JSON. */
function jsonBetween(text: string, prefix: string, suffix: string): unknown {
  if (!text.endsWith(suffix) || text.length < prefix.length + suffix.length) return undefined;
  try {
    return JSON.parse(text.slice(prefix.length, text.length - suffix.length));
  } catch {
    return undefined;
  }
}

/** `'sha256-…'`: the CSP source that allows exactly this script text. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Finds every inline script in an HTML document, as a browser's parser does (parse5 follows
 * the HTML standard, so a script hidden in SVG, MathML or a template is found too), and sorts
 * them into the framework's, which get hashes, and foreign ones.
 *
 * `nonce` is given for a page rendered for one request (search, preview), where Next put this
 * response's nonce on every script it wrote, React's streaming scripts included: a script that
 * carries it needs no hash. Cached pages have no nonce.
 */
export function inlineScripts(html: string, nonce?: string): InlineScripts {
  const hashes = new Set<string>();
  const foreign: string[] = [];
  visit(parse(html), (element) => {
    for (const attr of element.attrs) {
      if (/^on/i.test(attr.name)) foreign.push(`${attr.name}="${attr.value.slice(0, 60)}"`);
    }
    if (element.tagName !== 'script' || !runsAsScript(element)) return;
    if (element.attrs.some((attr) => attr.name === 'src')) return;
    if (nonce && element.attrs.some((attr) => attr.name === 'nonce' && attr.value === nonce))
      return;
    const text = textOf(element);
    if (isFrameworkScript(text)) hashes.add(scriptHash(text));
    else foreign.push(`<script>${text.slice(0, 80)}`);
  });
  return { hashes: [...hashes], foreign };
}

/** Classic scripts, modules, import maps and speculation rules run; other types are data. */
function runsAsScript(element: Element): boolean {
  const type = element.attrs
    .find((attr) => attr.name === 'type')
    ?.value.trim()
    .toLowerCase();
  if (type === undefined || type === '') return true;
  return /^(module|importmap|speculationrules|(text|application)\/(x-)?(java|ecma)script|text\/(javascript1\.[0-5]|jscript|livescript))$/.test(
    type,
  );
}

function textOf(element: Element): string {
  return element.childNodes.map((child) => ('value' in child ? child.value : '')).join('');
}

/** Depth-first, without recursion: content can nest elements deeply. */
function visit(root: Node, onElement: (element: Element) => void): void {
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if ('tagName' in node) onElement(node);
    if ('childNodes' in node)
      for (let i = node.childNodes.length - 1; i >= 0; i--) pending.push(node.childNodes[i]!);
    // A template's children live in its content fragment, not in childNodes.
    if ('content' in node && node.content) pending.push(node.content);
  }
}
