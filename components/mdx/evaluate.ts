import { runSync } from '@mdx-js/mdx';
import type { MDXContent } from 'mdx/types';
import * as devRuntime from 'react/jsx-dev-runtime';
import * as runtime from 'react/jsx-runtime';

import type { CompiledBody } from '@/lib/content/types';

// The compiled body is code the MDX compiler generated from sanitised markup at load time;
// evaluate it once per body and keep the component.
const evaluated = new WeakMap<CompiledBody, MDXContent>();

export function evaluateBody(body: CompiledBody): MDXContent {
  let Content = evaluated.get(body);
  if (!Content) {
    // Bodies compiled outside production call jsxDEV; production bodies call jsx/jsxs.
    Content = runSync(body.code, { ...devRuntime, ...runtime, baseUrl: import.meta.url }).default;
    evaluated.set(body, Content);
  }
  return Content;
}
