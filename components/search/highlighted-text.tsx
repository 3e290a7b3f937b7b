import type { Highlighted } from '@/lib/search/types';

/** Text with the words that matched a search marked; segments render as text, never as HTML. */
export function HighlightedText({ segments }: { segments: Highlighted }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.match ? (
          <mark key={index} className="rounded-sm bg-amber-100 px-0.5 text-inherit">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
