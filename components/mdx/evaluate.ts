import { runSync } from '@mdx-js/mdx';
import type { MDXContent } from 'mdx/types';
import * as devRuntime from 'react/jsx-dev-runtime';
import * as runtime from 'react/jsx-runtime';

import type { CompiledBody } from '@/lib/content/types';

/**
 * The compiled body is code the MDX compiler generated from sanitised markup when the file was
 * indexed. It is evaluated when a page is rendered, which happens once per page and change:
 * the page is then kept (ISR). The indexer compiles for production (lib/content/compiler.ts);
 * a body compiled in a test calls jsxDEV, which React's development build provides.
 */
export function evaluateBody(body: CompiledBody): MDXContent {
  return runSync(body.code, { ...devRuntime, ...runtime, baseUrl: import.meta.url }).default;
}
