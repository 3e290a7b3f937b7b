interface LogoMarkProps {
  /** Fill of the rounded square. */
  tile: string;
  /** Colour of the pulse line. */
  line: string;
  size?: number;
  className?: string;
}

/** The site's mark: a pulse line on a rounded tile (also app/icon.svg). Plain SVG, so next/og can draw it too. */
export function LogoMark({ tile, line, size, className }: LogoMarkProps) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" width={size} height={size} className={className}>
      <rect width="24" height="24" rx="6" fill={tile} />
      <path
        d="M4 13h4l2-5 4 10 2-5h4"
        fill="none"
        stroke={line}
        strokeWidth="2"
        strokeLinejoin="round"
      />
    </svg>
  );
}
