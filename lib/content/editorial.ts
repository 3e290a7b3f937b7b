import 'server-only';

import { contentStore, indexChanges } from './database';
import type { EditorialQueue } from './store';
import { currentView } from './view';

/** Drafts, scheduled articles and every content problem, for the editors' page (preview only). */
export async function editorialQueue(): Promise<EditorialQueue | null> {
  const view = await currentView();
  if (!view.preview) return null;
  return (await contentStore()).editorialQueue(view);
}

/**
 * The canonical path of an article, topic or offering with this slug, whatever its status, as
 * the folder holds it now: what an editor turning preview on is taken to.
 */
export async function findForPreview(slug: string): Promise<string | null> {
  await indexChanges();
  return (await contentStore()).pathOfSlug(slug);
}
