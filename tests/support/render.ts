import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

import { evaluateBody } from '@/components/mdx/evaluate';
import type { CompiledBody } from '@/lib/content/types';

/** Renders a compiled body as components/mdx does, without the component map. */
export function renderBody(body: CompiledBody): string {
  return renderToStaticMarkup(createElement(evaluateBody(body)));
}
