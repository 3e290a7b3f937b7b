'use client';

import { useState, useSyncExternalStore } from 'react';

const subscribeToNothing = () => () => {};

/**
 * Copies the article's address. Before the script runs, and where the browser offers no
 * clipboard (plain HTTP), it is a link to that address, which the browser's own menu copies.
 */
export function CopyLink({ url, className }: { url: string; className: string }) {
  const canCopy = useSyncExternalStore(
    subscribeToNothing,
    () => Boolean(navigator.clipboard),
    () => false,
  );
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  if (!canCopy) {
    return (
      <a href={url} className={className}>
        Copy link
      </a>
    );
  }
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() =>
          navigator.clipboard.writeText(url).then(
            () => setStatus('copied'),
            () => setStatus('failed'),
          )
        }
      >
        {status === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      <span role="status" className="sr-only">
        {status === 'copied' ? 'Link copied' : status === 'failed' ? 'Could not copy the link' : ''}
      </span>
    </>
  );
}
