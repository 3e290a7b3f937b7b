import { LineCounter, parseDocument, type Document } from 'yaml';

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
  /** Where a front-matter field sits in the file, for precise error messages. */
  locate: (path: ReadonlyArray<PropertyKey>) => Location;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*\r?$/m;

/**
 * Splits a content file into YAML front matter and body. The YAML is parsed as data only
 * (YAML 1.2 core schema, no custom tags, no code-executing engines) with a cap on aliases.
 */
export function parseSource(source: string): ParsedSource {
  const opening = OPENING.exec(source);
  if (!opening) {
    throw new ContentError('the file must start with a front matter block opened by a line "---"');
  }
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    throw new ContentError('the front matter block is never closed: add a line "---" after it');
  }
  const yamlText = rest.slice(0, closing.index);
  const yamlFirstLine = 2;
  const afterClosing = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, '');
  const bodyLine = yamlFirstLine + countLines(rest.slice(0, closing.index)) + 1;

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, strict: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const position = lineCounter.linePos(firstError.pos[0]);
    throw new ContentError(
      `front matter is not valid YAML: ${firstLine(firstError.message)}`,
      position.line + yamlFirstLine - 1,
      position.col,
    );
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new ContentError(
      `front matter could not be read: ${error instanceof Error ? firstLine(error.message) : String(error)}`,
      yamlFirstLine,
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ContentError('front matter must be a YAML mapping of field names to values', yamlFirstLine);
  }

  return {
    data,
    body: afterClosing,
    bodyLine,
    locate: (path) => locateIn(doc, lineCounter, path, yamlFirstLine),
  };
}

function locateIn(
  doc: Document,
  lineCounter: LineCounter,
  path: ReadonlyArray<PropertyKey>,
  yamlFirstLine: number,
): Location {
  // Walk up the path until a node exists: a missing field is reported where its parent is.
  for (let depth = path.length; depth >= 0; depth--) {
    const keys = path.slice(0, depth).filter((key) => typeof key !== 'symbol') as (string | number)[];
    const node = depth === 0 ? doc.contents : doc.getIn(keys, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const position = lineCounter.linePos(range[0]);
      return { line: position.line + yamlFirstLine - 1, column: position.col };
    }
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
