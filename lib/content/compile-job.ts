import { compileBody } from './body';
import { mediaUrl, resolveImageFile, type ContentKind } from './files';
import type { BodyWarning } from './markup';
import { ContentError } from './problems';
import type { CompiledBody } from './types';

/** One body to compile, as sent to the compile worker. */
export interface CompileJob {
  source: string;
  /** The content folder and the kind of file, to resolve the body's relative images. */
  dir: string;
  kind: ContentKind;
}

/** An image a body refers to, and the content file it resolved to when the body was compiled. */
export interface ImageDependency {
  src: string;
  key: string | null;
  absolute: string | null;
}

/** Plain data, so it can cross from the worker and be stored in the compile cache. */
export type CompileOutcome =
  | { ok: true; body: CompiledBody; warnings: BodyWarning[]; images: ImageDependency[] }
  | {
      ok: false;
      message: string;
      line: number;
      column: number;
      images: ImageDependency[];
      /** The compiler failed, not the body (a thread that crashed or did not load): try again next time. */
      transient?: boolean;
    };

export async function runCompileJob(job: CompileJob): Promise<CompileOutcome> {
  const images: ImageDependency[] = [];
  try {
    const result = await compileBody(job.source, {
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
}
