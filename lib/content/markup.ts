import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import rehypeRaw from 'rehype-raw';
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import type { Processor } from 'unified';
import { visit, EXIT, SKIP } from 'unist-util-visit';

import { ContentError } from './problems';
import { slugify } from './text';

/**
 * Unified plugins for article, topic and offering bodies. Bodies are rendered as Markdown
 * with raw HTML (never as JavaScript), parsed by a real HTML parser, checked against
 * limits and then sanitised, so nothing in a body can run in the reader's browser or on
 * the server.
 */

export interface BodyWarning {
  line: number;
  column: number;
  message: string;
}

type Report = (warning: BodyWarning) => void;

interface Positioned {
  position?: { start: { line: number; column: number } };
}

function at(node: Positioned): { line: number; column: number } {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

/** MDX also turns indented code off: HTML copied from a site is often indented. */
export function remarkNoIndentedCode(this: Processor) {
  // remark-parse reads extensions from this key; its type augmentation is not in scope here.
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } });
}

const MARKDOWN_PARAGRAPH = 'dataMarkdownParagraph';

/** Marks paragraphs that Markdown produced, so only HTML paragraphs are re-split later. */
export function rehypeMarkMarkdownParagraphs() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      // A string survives rehype-raw's round trip through HTML attributes; `true` would not.
      if (node.tagName === 'p') node.properties[MARKDOWN_PARAGRAPH] = '1';
    });
  };
}

/**
 * rehype-raw, for a body that needs it: one with raw HTML, or with footnotes (GFM marks them
 * with data attributes whose value the HTML round trip changes, `true` to `""`). Otherwise the
 * tree is what the HTML parser (parse5) would make of it again, and that round trip is a sixth
 * of a body's compile.
 */
export function rehypeRawWhenNeeded() {
  const parse = rehypeRaw();
  return (tree: Root, file: Parameters<typeof parse>[1]): Root => {
    let needed = false;
    visit(tree, (node) => {
      needed =
        node.type === 'raw' || (node.type === 'element' && 'dataFootnoteRef' in node.properties);
      return needed ? EXIT : undefined;
    });
    return needed ? (parse(tree, file) as Root) : tree;
  };
}

/** Fails the body (through `fail`, then by throwing) when elements nest deeper than allowed. */
export function rehypeLimitDepth(options: {
  maxDepth: number;
  fail: (error: ContentError) => void;
}) {
  return (tree: Root) => {
    const stack: Array<{ node: Root | Element; depth: number }> = [{ node: tree, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        if (depth + 1 > options.maxDepth) {
          const { line, column } = at(child);
          const error = new ContentError(
            `the body nests elements more than ${options.maxDepth} levels deep (<${child.tagName}>); flatten the markup`,
            line,
            column,
          );
          options.fail(error);
          throw error;
        }
        stack.push({ node: child, depth: depth + 1 });
      }
    }
  };
}

/** Elements removed together with everything inside them. */
const STRIPPED = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'template',
  'textarea',
  'select',
  'button',
  'form',
  'svg',
  'math',
  'title',
  'head',
  'base',
  'meta',
  'link',
];

function textLength(node: Root | RootContent): number {
  if (node.type === 'text') return node.value.trim().length;
  return 'children' in node ? node.children.reduce((sum, child) => sum + textLength(child), 0) : 0;
}

const UNSAFE_URL = /^\s*(?:javascript|vbscript|data|file):/i;

/** Tells the editor what sanitising is about to remove, with the line it was on. */
export function rehypeReportUnsafe(options: { report: Report }) {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (STRIPPED.includes(node.tagName)) {
        // An unclosed <style> or <textarea> takes the rest of the body with it: say how much.
        const removed = textLength(node);
        const lost =
          removed > 0
            ? `, with the ${removed.toLocaleString('en-US')} characters of text inside it`
            : '';
        options.report({
          ...at(node),
          message: `<${node.tagName}> is not allowed in a body and was removed${lost}`,
        });
        return SKIP;
      }
      for (const [name, value] of Object.entries(node.properties)) {
        if (/^on/i.test(name)) {
          options.report({
            ...at(node),
            message: `event handler attribute "${name.toLowerCase()}" on <${node.tagName}> was removed`,
          });
        } else if (
          (name === 'href' || name === 'src') &&
          typeof value === 'string' &&
          UNSAFE_URL.test(value)
        ) {
          options.report({
            ...at(node),
            message: `unsafe ${name} "${value.trim().slice(0, 40)}" on <${node.tagName}> was removed`,
          });
        }
      }
      return undefined;
    });
  };
}

export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  strip: STRIPPED,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== 'input'),
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), 'title'],
    img: [...(defaultSchema.attributes?.img ?? []), 'title', 'width', 'height'],
  },
};

export interface ResolvedImage {
  src: string;
  width?: number;
  height?: number;
}

/**
 * Body images must be files in the content folder: remote images would be requests to third
 * parties from the reader's browser and break when the source site changes. A missing or
 * remote image is removed (its alt text stays as a caption) and reported.
 */
export function rehypeResolveImages(options: {
  report: Report;
  resolve: (src: string) => ResolvedImage | null;
}) {
  return (tree: Root) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'img' || !parent || index === undefined) return undefined;
      const src = typeof node.properties.src === 'string' ? node.properties.src.trim() : '';
      const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : '';
      const isRemote = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(src);
      const resolved = src && !isRemote ? options.resolve(src) : null;
      if (resolved) {
        node.properties.src = resolved.src;
        if (resolved.width && resolved.height) {
          node.properties.width = resolved.width;
          node.properties.height = resolved.height;
        }
        return undefined;
      }
      options.report({
        ...at(node),
        message: !src
          ? '<img> without a src was removed'
          : isRemote
            ? `remote image "${src.slice(0, 80)}" is not shown: put the file beside the article and use a relative path`
            : `image file "${src}" does not exist beside the file and was removed`,
      });
      const replacement: ElementContent[] = alt
        ? [
            {
              type: 'element',
              tagName: 'span',
              properties: {},
              children: [{ type: 'text', value: alt }],
            },
          ]
        : [];
      parent.children.splice(index, 1, ...replacement);
      return [SKIP, index + replacement.length];
    });
  };
}

const SENTENCE_BREAK = /(?<=[.!?:"”’)\]])[ \t]*\n\s*(?=["“‘(\[]?[A-Z0-9])/;

/**
 * The pipeline often joins a source article's paragraphs with bare newlines inside one
 * HTML <p>. Where a line ends a sentence and the next starts one, split the paragraph, so
 * the article reads as it did at its source. Markdown paragraphs are left alone.
 */
export function rehypeSplitJoinedParagraphs() {
  return (tree: Root) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'p') return undefined;
      if (node.properties[MARKDOWN_PARAGRAPH] !== undefined) {
        delete node.properties[MARKDOWN_PARAGRAPH];
        return undefined;
      }
      if (!parent || index === undefined) return undefined;
      const paragraphs: ElementContent[][] = [[]];
      for (const child of node.children) {
        if (child.type !== 'text') {
          paragraphs.at(-1)!.push(child);
          continue;
        }
        const pieces = child.value.split(SENTENCE_BREAK);
        pieces.forEach((piece, i) => {
          if (i > 0) paragraphs.push([]);
          if (piece) paragraphs.at(-1)!.push({ ...child, value: piece } satisfies Text);
        });
      }
      if (paragraphs.length === 1) return undefined;
      const split: RootContent[] = paragraphs
        .filter((children) => children.length > 0)
        .map((children) => ({ ...node, properties: { ...node.properties }, children }));
      parent.children.splice(index, 1, ...(split as ElementContent[]));
      return [SKIP, index + split.length];
    });
  };
}

/** The page owns the only <h1>; body headings get stable ids for anchor links. */
export function rehypeHeadings() {
  return (tree: Root) => {
    const used = new Map<string, number>();
    visit(tree, 'element', (node) => {
      if (node.tagName === 'h1') node.tagName = 'h2';
      if (!/^h[2-6]$/.test(node.tagName)) return;
      const base = slugify(textOf(node)) || 'section';
      const count = used.get(base) ?? 0;
      used.set(base, count + 1);
      node.properties.id = count === 0 ? base : `${base}-${count}`;
    });
  };
}

export function rehypeCollectText(options: { into: (text: string) => void }) {
  return (tree: Root) => {
    options.into(textOf(tree).replace(/\s+/g, ' ').trim());
  };
}

const BLOCK = new Set([
  'p',
  'div',
  'li',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'blockquote',
  'pre',
]);

export function textOf(node: Root | Element): string {
  const parts: string[] = [];
  const walk = (current: Root | ElementContent) => {
    if (current.type === 'text') parts.push(current.value);
    else if (current.type === 'element' || current.type === 'root') {
      const block = current.type === 'element' && BLOCK.has(current.tagName);
      if (block) parts.push(' ');
      for (const child of current.children) walk(child as ElementContent);
      if (block) parts.push(' ');
    }
  };
  walk(node);
  return parts.join('');
}
