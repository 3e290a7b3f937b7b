import Image from 'next/image';

import type { Author } from '@/lib/content';

/** The author's photo, cropped to a circle, or their initials where there is none. */
export function AuthorPhoto({ author, size }: { author: Author; size: number }) {
  if (author.photo) {
    return (
      <Image
        src={author.photo.src}
        alt=""
        width={size}
        height={size}
        quality={70}
        className="shrink-0 rounded-full object-cover"
        style={{ width: size, height: size }}
      />
    );
  }
  const initials = author.name
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .filter((letter) => /\p{L}/u.test(letter))
    .slice(0, 2)
    .join('')
    .toUpperCase();
  return (
    <span
      aria-hidden="true"
      className="grid shrink-0 place-items-center rounded-full bg-brand-100 font-semibold text-brand-800"
      style={{ width: size, height: size, fontSize: size * 0.38 }}
    >
      {initials}
    </span>
  );
}
