import 'server-only';

import { draftMode } from 'next/headers';
import { cache } from 'react';

import { indexChanges } from './database';
import type { View } from './store';

/**
 * Who is asking and when: visibility is decided from this, per query. An editor's preview
 * (Next's Draft Mode) sees drafts and scheduled articles, and what the folder holds now: the
 * files changed since the last index are indexed first, so a saved file shows on reload.
 * Outside a request (the build, scripts, tests) there is no preview.
 */
export const currentView = cache(async (): Promise<View> => {
  let preview = false;
  try {
    preview = (await draftMode()).isEnabled;
  } catch {
    // No request scope.
  }
  if (preview) await indexChanges();
  return { preview, now: Date.now() };
});

export async function isPreview(): Promise<boolean> {
  return (await currentView()).preview;
}
