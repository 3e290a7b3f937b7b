import type { MDXComponents } from 'mdx/types';
import Link from 'next/link';
import type { ComponentPropsWithoutRef } from 'react';

import type { CompiledBody } from '@/lib/content';
import { siteUrl } from '@/lib/site';

import { evaluateBody } from './evaluate';

/** Internal links go through next/link; external ones open plainly, without leaking the opener. */
function BodyLink({ href = '', children, ...props }: ComponentPropsWithoutRef<'a'>) {
  const internal = toInternalPath(href);
  if (internal !== null) {
    return (
      <Link href={internal} {...props}>
        {children}
      </Link>
    );
  }
  if (href.startsWith('#')) {
    return (
      <a href={href} {...props}>
        {children}
      </a>
    );
  }
  return (
    <a href={href} rel="noopener noreferrer" {...props}>
      {children}
    </a>
  );
}

function toInternalPath(href: string): string | null {
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  try {
    const url = new URL(href);
    return url.origin === siteUrl().origin ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

function BodyImage({ alt = '', ...props }: ComponentPropsWithoutRef<'img'>) {
  // Body images come in any size and none is known in advance, which next/image requires.
  return (
    // eslint-disable-next-line @next/next/no-img-element
    <img
      alt={alt}
      loading="lazy"
      decoding="async"
      {...props}
      className="h-auto max-w-full rounded"
    />
  );
}

function Table(props: ComponentPropsWithoutRef<'table'>) {
  return (
    <div className="overflow-x-auto">
      <table {...props} />
    </div>
  );
}

function anchored(Tag: 'h2' | 'h3' | 'h4') {
  function Heading({ id, children, ...props }: ComponentPropsWithoutRef<'h2'>) {
    if (!id) return <Tag {...props}>{children}</Tag>;
    return (
      <Tag id={id} {...props} className="group scroll-mt-4">
        {children}
        <a
          href={`#${id}`}
          className="ml-2 text-slate-400 no-underline opacity-0 group-hover:opacity-100 focus:opacity-100"
        >
          <span aria-hidden="true">#</span>
          <span className="sr-only">Link to this section</span>
        </a>
      </Tag>
    );
  }
  Heading.displayName = `Anchored${Tag.toUpperCase()}`;
  return Heading;
}

const components: MDXComponents = {
  a: BodyLink,
  img: BodyImage,
  table: Table,
  h2: anchored('h2'),
  h3: anchored('h3'),
  h4: anchored('h4'),
};

/** The one place MDX bodies are rendered, with the site's component map. */
export function MdxContent({ body, className = '' }: { body: CompiledBody; className?: string }) {
  // Called as a function, not mounted as a component: it is pure JSX with no state to keep.
  const content = evaluateBody(body)({ components });
  return (
    <div
      data-content-body
      className={`prose max-w-none prose-site prose-a:text-brand-700 prose-img:rounded-lg ${className}`}
    >
      {content}
    </div>
  );
}
