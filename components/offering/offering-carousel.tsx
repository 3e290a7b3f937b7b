'use client';

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface OfferingCarouselProps {
  title: string;
  /** Server-rendered slides, one <li> each: every card is in the HTML before any script runs. */
  children: ReactNode;
}

/**
 * A horizontally scrolling list that works without JavaScript (native overflow and scroll
 * snapping); once hydrated, previous/next buttons page through it.
 */
export function OfferingCarousel({ title, children }: OfferingCarouselProps) {
  const trackId = useId();
  const headingId = useId();
  const track = useRef<HTMLUListElement>(null);
  const [edges, setEdges] = useState({ atStart: true, atEnd: true });

  const measure = useCallback(() => {
    const element = track.current;
    if (!element) return;
    const slack = 2;
    setEdges({
      atStart: element.scrollLeft <= slack,
      atEnd: element.scrollLeft + element.clientWidth >= element.scrollWidth - slack,
    });
  }, []);

  useEffect(() => {
    const element = track.current;
    if (!element) return;
    measure();
    // Mandatory snapping can pull a card that received focus by Tab half out of view again.
    const reveal = (event: FocusEvent) =>
      (event.target as Element)
        .closest('li')
        ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    element.addEventListener('scroll', measure, { passive: true });
    element.addEventListener('focusin', reveal);
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      element.removeEventListener('focusin', reveal);
      resize.disconnect();
    };
  }, [measure]);

  const page = (direction: 1 | -1) => {
    const element = track.current;
    if (!element) return;
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.scrollBy({
      left: direction * element.clientWidth * 0.9,
      behavior: reduceMotion ? 'auto' : 'smooth',
    });
  };

  const buttonClass =
    'grid size-10 place-items-center rounded-full border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40';

  return (
    <section
      aria-labelledby={headingId}
      aria-roledescription="carousel"
      className="flex flex-col gap-4"
    >
      <div className="flex items-center justify-between gap-4">
        <h2 id={headingId} className="text-xl font-bold text-slate-900">
          {title}
        </h2>
        <div className="flex gap-2">
          <button
            type="button"
            className={buttonClass}
            aria-controls={trackId}
            aria-label={`Previous: scroll ${title} back`}
            disabled={edges.atStart}
            onClick={() => page(-1)}
          >
            <span aria-hidden="true">←</span>
          </button>
          <button
            type="button"
            className={buttonClass}
            aria-controls={trackId}
            aria-label={`Next: scroll ${title} forward`}
            disabled={edges.atEnd}
            onClick={() => page(1)}
          >
            <span aria-hidden="true">→</span>
          </button>
        </div>
      </div>
      <ul
        id={trackId}
        ref={track}
        data-testid="carousel-track"
        className="-mx-1 flex snap-x snap-mandatory scroll-px-1 gap-4 overflow-x-auto px-1 pb-3 motion-safe:scroll-smooth [&>li]:w-64 [&>li]:shrink-0 [&>li]:snap-start"
      >
        {children}
      </ul>
    </section>
  );
}
