import { compileBody } from './body';
import { mediaUrl, resolveImageFile } from './files';
import {
  parseFile,
  type CompileOutcome,
  type ImageDependency,
  type ParseJob,
  type ParseOutcome,
} from './parse-file';
import { ContentError } from './problems';

/** What a compile thread does with a job: the file's whole parse, its body compiled here. */
export function runParseJob(job: ParseJob): Promise<ParseOutcome> {
  return parseFile(job, async (source): Promise<CompileOutcome> => {
    const images: ImageDependency[] = [];
    try {
      const result = await compileBody(source, {
        resolveImage: (src) => {
          const resolved = resolveImageFile(job.dir, job.kind, src);
          images.push({ src, key: resolved?.key ?? null, absolute: resolved?.absolute ?? null });
          return resolved ? { src: mediaUrl(resolved.key) } : null;
        },
      });
      return { ok: true, body: result.body, warnings: result.warnings, images };
    } catch (error) {
      const failure = error instanceof ContentError ? error : new ContentError(String(error));
      return {
        ok: false,
        message: failure.message,
        line: failure.line,
        column: failure.column,
        images,
      };
    }
  });
}
