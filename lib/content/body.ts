import { serialize } from 'next-mdx-remote/serialize';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';

import {
  rehypeCollectText,
  rehypeHeadings,
  rehypeLimitDepth,
  rehypeMarkMarkdownParagraphs,
  rehypeRawWhenNeeded,
  rehypeReportUnsafe,
  rehypeResolveImages,
  rehypeSplitJoinedParagraphs,
  remarkNoIndentedCode,
  sanitizeSchema,
  type BodyWarning,
  type ResolvedImage,
} from './markup';
import { ContentError } from './problems';
import type { CompiledBody } from './types';
import { fixMojibake } from './text';

/** Larger bodies are reported and skipped: no real article comes near this. */
export const MAX_BODY_BYTES = 1_000_000;
/** Real article markup nests a dozen levels; thousands means a broken or hostile file. */
export const MAX_NESTING_DEPTH = 100;

export interface CompileBodyOptions {
  /** Maps a relative image path in the body to a served file, or null when it does not exist. */
  resolveImage: (src: string) => ResolvedImage | null;
}

export interface CompileBodyResult {
  body: CompiledBody;
  /** Lines are relative to the body's first line. */
  warnings: BodyWarning[];
}

/**
 * Compiles a body once, at load time. It is treated as Markdown with raw HTML (MDX's `md`
 * format): JSX, `{expressions}` and `import`/`export` are never evaluated and stay
 * visible as the text they are, so a stray brace in prose loses no words.
 * Throws ContentError (line relative to the body) when the body cannot be rendered.
 */
export async function compileBody(
  source: string,
  options: CompileBodyOptions,
): Promise<CompileBodyResult> {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    throw new ContentError(
      `the body is ${(bytes / 1_000_000).toFixed(1)} MB; the limit is ${MAX_BODY_BYTES / 1_000_000} MB`,
    );
  }

  const warnings: BodyWarning[] = [];
  const report = (warning: BodyWarning) => warnings.push(warning);
  let text = '';
  // next-mdx-remote flattens compiler errors into a message; keep our own errors intact.
  let failure: ContentError | null = null;
  const fail = (error: ContentError) => (failure = error);

  let compiledSource: string;
  try {
    ({ compiledSource } = await serialize(
      fixMojibake(source),
      {
        blockJS: true,
        mdxOptions: {
          format: 'md',
          remarkPlugins: [remarkGfm, remarkNoIndentedCode],
          rehypePlugins: [
            rehypeMarkMarkdownParagraphs,
            rehypeRawWhenNeeded,
            [rehypeLimitDepth, { maxDepth: MAX_NESTING_DEPTH, fail }],
            [rehypeReportUnsafe, { report }],
            rehypeSplitJoinedParagraphs,
            [rehypeSanitize, sanitizeSchema],
            [rehypeResolveImages, { report, resolve: options.resolveImage }],
            rehypeHeadings,
            [rehypeCollectText, { into: (value: string) => (text = value) }],
          ],
        },
      },
      true,
    ));
  } catch (error) {
    if (failure) throw failure;
    throw toContentError(error);
  }

  return { body: { code: compiledSource, text }, warnings };
}

function toContentError(error: unknown): ContentError {
  const message = error instanceof Error ? error.message : String(error);
  // Thousands of nested elements overflow the parsers' recursion before the depth check runs.
  if (error instanceof RangeError || /Maximum call stack size exceeded/.test(message)) {
    return new ContentError(
      `the body is nested too deeply to render (more than ${MAX_NESTING_DEPTH} levels); flatten the markup`,
    );
  }
  const cleaned = message
    .replace(/^\[next-mdx-remote\] error compiling MDX:\s*/, '')
    .replace(/\n\s*More information:.*$/s, '')
    .split('\n')[0]!
    .trim();
  const position = /(\d+):(\d+)(?:-\d+:\d+)?/.exec(cleaned);
  return new ContentError(
    `the body could not be rendered: ${cleaned}`,
    position ? Number(position[1]) : 1,
    position ? Number(position[2]) : 1,
  );
}
