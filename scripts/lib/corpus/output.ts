/** The output folder: made ready for a corpus, then written to with bounded concurrency. */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** File the generator leaves in every folder it writes; only such folders may be emptied. */
export const CORPUS_MARKER = '.generated-corpus';

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

/** Writes files with at most `limit` in flight, so a large corpus does not run out of handles. */
export class WriteQueue {
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
