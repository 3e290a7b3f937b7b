import Image from 'next/image';

import type { ImageAsset } from '@/lib/content';

interface FeaturedImageProps {
  image: ImageAsset | null;
  sizes: string;
  preload?: boolean;
  /** Tailwind aspect-ratio class of the frame. */
  aspect?: string;
}

/**
 * A fixed-ratio frame, so the layout never shifts; a missing file gets a quiet placeholder
 * instead of a broken image.
 */
export function FeaturedImage({
  image,
  sizes,
  preload = false,
  aspect = 'aspect-[1200/630]',
}: FeaturedImageProps) {
  return (
    <div className={`relative overflow-hidden rounded-lg bg-slate-100 ${aspect}`}>
      {image ? (
        <Image
          src={image.src}
          alt={image.alt}
          fill
          sizes={sizes}
          quality={70}
          preload={preload}
          className="object-cover"
        />
      ) : (
        <div
          aria-hidden="true"
          data-testid="image-placeholder"
          className="grid size-full place-items-center bg-linear-to-br from-brand-100 via-brand-50 to-slate-100"
        >
          <svg viewBox="0 0 24 24" className="w-1/5 max-w-20 text-brand-600/40">
            <path
              d="M2 13h5l2.5-6 5 12 2.5-6h5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
              strokeLinejoin="round"
            />
          </svg>
        </div>
      )}
    </div>
  );
}
