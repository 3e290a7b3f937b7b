import { LogoMark } from '@/components/layout/logo-mark';
import { SITE_NAME } from '@/lib/site';

export interface OgCardProps {
  eyebrow: string;
  title: string;
  footer: string;
}

/** The generated share image (rendered by next/og, so only flexbox and inline styles). */
export function OgCard({ eyebrow, title, footer }: OgCardProps) {
  const size = title.length > 90 ? 52 : title.length > 50 ? 62 : 72;
  return (
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: '64px 72px',
        background: 'linear-gradient(135deg, #0b3b3c 0%, #0f766e 55%, #14b8a6 100%)',
        color: 'white',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 20, fontSize: 30 }}>
        <LogoMark tile="white" line="#0f766e" size={48} />
        {SITE_NAME}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 20 }}>
        {eyebrow && (
          <div
            style={{
              display: 'flex',
              fontSize: 28,
              textTransform: 'uppercase',
              letterSpacing: 3,
              opacity: 0.85,
            }}
          >
            {eyebrow}
          </div>
        )}
        <div style={{ display: 'flex', fontSize: size, lineHeight: 1.15 }}>{title}</div>
      </div>
      <div style={{ display: 'flex', fontSize: 26, opacity: 0.85 }}>{footer}</div>
    </div>
  );
}
