import { describe, expect, it } from 'vitest';

import { inlineScripts, isFrameworkScript, scriptHash } from '@/lib/server/script-policy';

const BOOTSTRAP = '(self.__next_f=self.__next_f||[]).push([0])';
const PUSH = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[22016,[],\\"\\"]\\n"])';
const BINARY_PUSH = 'self.__next_f.push([3,"AAEC"])';
const FORM_STATE = `${BOOTSTRAP};self.__next_f.push([2,["state",1]])`;
const TURBOPACK =
  '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/1pcw6gskne7pf.js","static/chunks/3uivo5xcy8kiy.js"],"runtimeModuleIds":[94553]});';

function page(body: string): string {
  return `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;
}

describe('the framework script shapes', () => {
  it.each([BOOTSTRAP, PUSH, BINARY_PUSH, FORM_STATE, TURBOPACK])('accepts %s', (script) => {
    expect(isFrameworkScript(script)).toBe(true);
  });

  it.each([
    ['code appended to a flight push', `${PUSH};alert(1)`],
    [
      'a call hidden after the data',
      'self.__next_f.push([1,"x"]);alert(1);self.__next_f.push([1,"y"])',
    ],
    ['code in place of the data', 'self.__next_f.push([1,alert(1)])'],
    ['a comment after the push', `${PUSH}//`],
    ['a push of something other than data', 'self.__next_f.push([1,"x",{"y":1}])'],
    ['an unknown push kind', 'self.__next_f.push([7,"x"])'],
    ['the bootstrap with code after it', `${BOOTSTRAP};alert(1)`],
    ['a form-state push of the wrong kind', `${BOOTSTRAP};self.__next_f.push([1,"x"])`],
    [
      'a chunk registration that loads from elsewhere',
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["https://evil.example/x.js"],"runtimeModuleIds":[1]});',
    ],
    [
      'a chunk registration with a key of its own',
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[],"runtimeModuleIds":[],"x":1});',
    ],
    ['a script of its own', 'alert(document.cookie)'],
    ['an empty script', ''],
  ])('refuses %s', (_, script) => {
    expect(isFrameworkScript(script)).toBe(false);
  });
});

describe('inlineScripts', () => {
  it('hashes the framework scripts of a page and nothing else', () => {
    const html = page(
      `<article><p>Story</p><script>alert(1)</script><img src="x.jpg" onerror="alert(2)"></article>` +
        `<script type="application/ld+json">{"@type":"NewsArticle"}</script>` +
        `<script src="/_next/static/chunks/a.js" async=""></script>` +
        `<script>${BOOTSTRAP}</script><script>${PUSH}</script><script>${TURBOPACK}</script>` +
        `<script>${PUSH};fetch('/steal')</script>`,
    );
    const { hashes, foreign } = inlineScripts(html);
    expect(hashes).toEqual([scriptHash(BOOTSTRAP), scriptHash(PUSH), scriptHash(TURBOPACK)]);
    expect(foreign).toEqual([
      '<script>alert(1)',
      'onerror="alert(2)"',
      `<script>${`${PUSH};fetch('/steal')`.slice(0, 80)}`,
    ]);
  });

  it('finds scripts where a browser would run them: in SVG, and in a template', () => {
    const html = page(
      '<svg><script>alert(1)</script></svg><template><script>alert(2)</script></template>',
    );
    expect(inlineScripts(html).foreign).toEqual(['<script>alert(1)', '<script>alert(2)']);
  });

  it('lists a page with no inline script as having none', () => {
    expect(inlineScripts(page('<p>Plain</p>'))).toEqual({ hashes: [], foreign: [] });
  });

  it('needs no hash for a script that carries the nonce of a page rendered per request', () => {
    const html = page(
      `<script nonce="abc">$RC("B:0","S:0")</script><script nonce="other">alert(1)</script>` +
        `<script>${PUSH}</script>`,
    );
    const { hashes, foreign } = inlineScripts(html, 'abc');
    expect(hashes).toEqual([scriptHash(PUSH)]);
    expect(foreign).toEqual(['<script>alert(1)']);
  });

  it('hashes the UTF-8 bytes of the text, as browsers do', () => {
    // SHA-256 of the empty string, a published test vector.
    expect(scriptHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});
