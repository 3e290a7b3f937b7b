import { isCollection, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

import { ContentError } from './problems';

/** Front matter may not expand into more than this many aliased nodes (stops alias bombs). */
const MAX_ALIAS_COUNT = 100;

export interface Location {
  line: number;
  column: number;
}

export interface ParsedSource {
  data: unknown;
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
  /** Where each front-matter field sits in the file (see `locate`): plain data, so it can be stored. */
  locations: Locations;
  /** Where a front-matter field sits in the file, for precise error messages. */
  locate: (path: ReadonlyArray<PropertyKey>) => Location;
}

/** Field path (`aliases.0`, `link.original`) -> [line, column]; `''` is the whole mapping. */
export type Locations = Record<string, [number, number]>;

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*\r?$/m;

interface Parts {
  yamlText: string;
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
}

const YAML_FIRST_LINE = 2;

/** The front matter's YAML and the body, or why the file cannot be split into them. */
function split(source: string): Parts | ContentError {
  const opening = OPENING.exec(source);
  if (!opening) {
    return new ContentError('the file must start with a front matter block opened by a line "---"');
  }
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    return new ContentError('the front matter block is never closed: add a line "---" after it');
  }
  return {
    yamlText: rest.slice(0, closing.index),
    body: rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, ''),
    bodyLine: YAML_FIRST_LINE + countLines(rest.slice(0, closing.index)) + 1,
  };
}

/** The line a file's body starts on, without parsing its front matter (1 when it has none). */
export function bodyLineOf(source: string): number {
  const parts = split(source);
  return parts instanceof ContentError ? 1 : parts.bodyLine;
}

/**
 * Splits a content file into YAML front matter and body. The YAML is parsed as data only
 * (YAML 1.2 core schema, no custom tags, no code-executing engines) with a cap on aliases.
 */
export function parseSource(source: string): ParsedSource {
  const parts = split(source);
  if (parts instanceof ContentError) throw parts;
  const { yamlText, body, bodyLine } = parts;

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, strict: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const position = lineCounter.linePos(firstError.pos[0]);
    throw new ContentError(
      `front matter is not valid YAML: ${firstLine(firstError.message)}`,
      position.line + YAML_FIRST_LINE - 1,
      position.col,
    );
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new ContentError(
      `front matter could not be read: ${error instanceof Error ? firstLine(error.message) : String(error)}`,
      YAML_FIRST_LINE,
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ContentError(
      'front matter must be a YAML mapping of field names to values',
      YAML_FIRST_LINE,
    );
  }

  const locations = locationsOf(doc, lineCounter, YAML_FIRST_LINE);
  return {
    data,
    body,
    bodyLine,
    locations,
    locate: (path) => locateIn(locations, path, YAML_FIRST_LINE),
  };
}

const MAX_LOCATED_DEPTH = 4;

/** Every node of the front matter, by its path, down to MAX_LOCATED_DEPTH. */
function locationsOf(doc: Document, lineCounter: LineCounter, yamlFirstLine: number): Locations {
  const locations: Locations = {};
  const at = (node: unknown): [number, number] | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return null;
    const position = lineCounter.linePos(range[0]);
    return [position.line + yamlFirstLine - 1, position.col];
  };
  const visit = (node: unknown, path: string, depth: number) => {
    const where = at(node);
    if (where) locations[path] = where;
    if (depth >= MAX_LOCATED_DEPTH || !isCollection(node)) return;
    node.items.forEach((item, index) => {
      if (isPair(item)) {
        const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
        visit(item.value ?? item.key, path ? `${path}.${key}` : key, depth + 1);
      } else {
        visit(item, path ? `${path}.${index}` : String(index), depth + 1);
      }
    });
  };
  visit(doc.contents, '', 0);
  return locations;
}

/** Walks up the path until a node exists: a missing field is reported where its parent is. */
export function locateIn(
  locations: Locations,
  path: ReadonlyArray<PropertyKey>,
  yamlFirstLine = YAML_FIRST_LINE,
): Location {
  const keys = path.filter((key) => typeof key !== 'symbol').map(String);
  for (let depth = keys.length; depth >= 0; depth--) {
    const found = locations[keys.slice(0, depth).join('.')];
    if (found) return { line: found[0], column: found[1] };
  }
  return { line: yamlFirstLine, column: 1 };
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
