/**
 * What reshaping one file finds besides its data: problems, each with its place in the file,
 * and the image files it uses. Fields are checked here where several kinds of file share them
 * (URLs, photos, featured images).
 */
import path from 'node:path';

import { mediaUrl, resolveImageFile } from '../files';
import type { ContentProblem, Severity } from '../problems';
import { imageSchema } from '../schema';
import { fixMojibake, squashWhitespace } from '../text';
import type { ImageAsset } from '../types';

import type { AssetUse, Source } from './reshape';

/** An author's photo is shown cropped to a square, whatever its size. */
const PHOTO_SIZE = 400;

/** Collects what one file's reshaping finds: problems with their place, images it uses. */
export class Collector {
  readonly problems: ContentProblem[] = [];
  readonly assets: AssetUse[] = [];

  constructor(readonly source: Source) {}

  report(severity: Severity, message: string, field: ReadonlyArray<PropertyKey>): void {
    const at = this.source.locate(field);
    this.problems.push({
      file: this.source.file,
      line: at.line,
      column: at.column,
      severity,
      message,
    });
  }

  httpUrl(field: (string | number)[], value: string | null): string | null {
    if (!value) return null;
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
    } catch {
      // reported below
    }
    this.report(
      'warning',
      `field "${field.join('.')}": "${value.slice(0, 80)}" is not an http(s) URL; it is ignored`,
      field,
    );
    return null;
  }

  photo(href: string | null, name: string): ImageAsset | null {
    if (!href) return null;
    const { dir, kind, file } = this.source;
    const image = resolveImageFile(dir, kind, href);
    if (!image) {
      this.report(
        'warning',
        `field "photo": image "${href}" is not a file beside ${path.posix.basename(file)}; initials are shown`,
        ['photo'],
      );
      return null;
    }
    this.assets.push(image);
    return { src: mediaUrl(image.key), alt: name, width: PHOTO_SIZE, height: PHOTO_SIZE };
  }

  image(fallbackSize: [number, number], fallbackAlt = ''): ImageAsset | null {
    const { dir, kind, file, data } = this.source;
    const parsed = imageSchema.safeParse((data as Record<string, unknown>).featuredImage);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = ['featuredImage', ...(issue?.path ?? [])] as PropertyKey[];
      this.report(
        'warning',
        `field "featuredImage${issue?.path.length ? `.${issue.path.join('.')}` : ''}": ${issue?.message ?? 'invalid'}; the image is not shown`,
        field,
      );
      return null;
    }
    if (!parsed.data) return null;
    const { href, alt, size } = parsed.data;
    const image = resolveImageFile(dir, kind, href);
    if (!image) {
      this.report(
        'warning',
        `field "featuredImage.href": image "${href}" is not a file beside ${path.posix.basename(file)}; a placeholder is shown`,
        ['featuredImage', 'href'],
      );
      return null;
    }
    this.assets.push(image);
    const [height, width] = size ?? fallbackSize;
    return {
      src: mediaUrl(image.key),
      alt: squashWhitespace(fixMojibake(alt ?? fallbackAlt)),
      width: width ?? fallbackSize[1],
      height: height ?? fallbackSize[0],
    };
  }
}
