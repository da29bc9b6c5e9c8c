/**
 * Mutations of real source files: character deletes, duplicates, swaps, truncation, tokens of the
 * language injected (`{{`, `<`, quotes, entities, directives), deep nesting, and splices from
 * other files. Each input gets one to four mutations, so most stay close to real code and reach
 * past the parser into the transforms.
 */
import type { Rng } from './rng.js';

export type Language = 'wxml' | 'wxss' | 'wxs' | 'json' | 'expr';

const WEIRD_CHARS = ['\u0000', '\u0001', '\t', '\r', '\n', '\r\n', '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff', '\u00a0', '\\', '`', '$', '😀', '\u202e', ' '];

export const DICTIONARY: Record<Language, readonly string[]> = {
  wxml: [
    '{{', '}}', '}}}', '{{{', '<', '>', '</', '/>', '"', "'", '=', '&', '&amp;', '&lt;', '&#x110000;', '&#99999999999;', '&#0;', '&#xD800;',
    '<!--', '-->', '<view>', '</view>', '<view', '<text>', '</text>', '<block>', '</block>', '<slot/>', '<slot name="a"/>',
    '<wxs module="m">', '</wxs>', '<wxs module="m">module.exports={f:function(x){return x}}</wxs>', '<wxs src="./m.wxs" module="n"/>',
    'wx:if="{{', 'wx:if', 'wx:elif="{{a}}"', 'wx:else', 'wx:for="{{list}}"', 'wx:for="abc"', 'wx:for-item="it"', 'wx:for-index="i"', 'wx:key="id"', 'wx:key="*this"',
    '<template is="', '<template name="x">', '</template>', '<template is="{{n}}" data="{{...o, a: 1}}"/>', '<include src="inc.wxml"/>', '<include src="self.wxml"/>', '<import src="lib.wxml"/>',
    'bindtap="h"', 'catch:tap="{{h}}"', 'capture-bind:touchstart="h"', 'mut-bind:tap="h"', 'bind:tap="{{m.f}}"', 'model:value="{{form.a}}"', 'model:value="{{a+b}}"', 'change:p="{{m.f}}"', 'generic:g="x"', 'generic:g="{{x}}"',
    'class="{{a}} b"', 'style="width:{{w}}rpx"', 'id="{{id}}"', 'data-x="{{x}}"', 'hidden', 'src="./a.png"', 'src="{{src}}"', 'mark:k="{{v}}"',
    '{{a.b[0].c}}', '{{...x}}', '{{ {a:1} }}', '{{a?b:c}}', '{{class}}', '{{this}}', '{{m.f(a)}}', '{{f()}}', '{{a=1}}', '{{`t`}}', '{{new A}}', '{{a,b}}', '{{[1,,]}}', '{{__proto__}}', '{{constructor.constructor}}',
  ],
  wxss: [
    '{', '}', ';', ':', ',', '(', ')', '[', ']', '"', "'", '\\', '/*', '*/', '@', '@import "a.wxss";', '@import "a.wxss"\n', "@import url('b.wxss');", '@import "cycle.wxss";', '@import "missing.wxss";', '@import "/abs.wxss";', '@import "//cdn.example/x.css";',
    '@media (prefers-color-scheme: dark) {', '@media (prefers-color-scheme: light) and (min-width: 10px) {', '@keyframes k {', 'from {', '@font-face {', '@supports (display:grid) {',
    '10rpx', '-.5rpx', '1.5rpx', '0rpx', 'rpx', 'calc(100% - 20rpx)', ':host', ':host(.a)', ':host ', 'page', 'view', 'text', 'wx-view', '.a', '.b .c', '#id', '*', '>', '+', '~', '::after', ':not(view)',
    '[data-x=".a"]', '[', 'url(', 'url(javascript:alert(1))', 'expression(alert(1))', '</style>', '!important', 'color: red', 'width: 100rpx', '--x: 1rpx', 'var(--x)',
  ],
  wxs: [
    '{', '}', '(', ')', ';', ',', '"', "'", '`', '/', '/*', '*/', '//', 'var ', 'function ', 'return ', 'module.exports', 'module.exports = { f: f };', 'exports.a = 1;', "require('./b.wxs')", "require('./missing.wxs')", "require(x)",
    '.constructor', 'a.constructor.constructor', 'getRegExp("a", "g")', 'getDate()', '<!--', '-->', 'with (a) {}', '010', '"\\07"', 'await', 'yield', 'let', 'import x from "y";', 'export default 1;',
    'arguments', 'eval', 'delete x;', '</wxs>', 'this', 'new Function("1")', 'if (', 'for (;;) {}', '=>', '...', 'class A {}', 'async ', '#x', '?.', '??', '**', '\\u0061',
  ],
  json: [
    '{', '}', '[', ']', ':', ',', '"', 'null', 'true', 'false', '0', '-1', '1e999', '"\\u0000"', '"\\ud800"', '"pages"', '"usingComponents"', '"subpackages"', '"root"', '"tabBar"', '"list"',
    '"component": true', '"pagePath"', '"../../../etc/passwd"', '"/"', '"plugin://p/c"', '"__proto__"', '"constructor"', '"resolveAlias"', '"preloadRule"', '"componentGenerics"', '"window"', '"networkTimeout"',
    '"independent": true', '"custom": true', '"sitemapLocation"', '"miniprogramRoot"', '"useCompilerPlugins"', '["less"]', '{"a": {"b": {"c": {}}}}',
  ],
  expr: [
    '(', ')', '[', ']', '{', '}', '?', ':', '.', '?.', '??', '||', '&&', '!', '+', '-', '*', '/', '%', '**', '==', '===', '!=', '<', '>', '<=', '>>>', '&', '|', '^', '~', ',', '...', '=', '+=', '++', '=>',
    'a', 'b.c', 'd[0]', 'e["f"]', 'class', 'default', 'this', 'm.f', 'item', 'index', 'undefined', 'NaN', 'Infinity', '__proto__', 'constructor', '1', '0x1F', '1e400', '.5', '1n', '"s"', "'t'", '`u`', '/r/g', 'true', 'null',
    'new ', 'typeof ', 'void ', 'delete ', 'in ', 'instanceof ', 'function(){}', 'import("x")', 'import.meta', 'super', 'new.target', 'async', 'await', 'yield', '#p', '@d', '\\u0061', '$$rw_class',
  ],
};

/** Applies one to four random mutations to `source`. `others` are splice donors of the same language. */
export function mutate(rng: Rng, source: string, lang: Language, others: readonly string[]): string {
  let s = source;
  const n = rng.range(1, 4);
  for (let i = 0; i < n; i++) s = mutateOnce(rng, s, lang, others);
  return s;
}

function mutateOnce(rng: Rng, s: string, lang: Language, others: readonly string[]): string {
  const at = rng.int(s.length + 1);
  const dict = DICTIONARY[lang];
  switch (rng.int(11)) {
    case 0: // delete a range
      return s.slice(0, at) + s.slice(at + rng.size(64));
    case 1: {
      // duplicate a range somewhere else
      const len = rng.size(256);
      const chunk = s.slice(at, at + len);
      const to = rng.int(s.length + 1);
      return s.slice(0, to) + chunk + s.slice(to);
    }
    case 2: {
      // swap two characters
      if (s.length < 2) return s;
      const i = rng.int(s.length);
      const j = rng.int(s.length);
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      return s.slice(0, a) + s[b] + s.slice(a + 1, b) + s[a] + s.slice(b + 1);
    }
    case 3: // truncate
      return s.slice(0, at);
    case 4:
    case 5: // a token of the language
      return s.slice(0, at) + rng.pick(dict) + s.slice(at);
    case 6: // an odd character (controls, lone surrogates, BOM, line separators)
      return s.slice(0, at) + rng.pick(WEIRD_CHARS) + s.slice(at + (rng.chance(0.5) ? 1 : 0));
    case 7: {
      // one token many times (blow-up inputs: long runs, deep nesting)
      const tok = rng.pick(dict);
      return s.slice(0, at) + tok.repeat(rng.size(2000)) + s.slice(at);
    }
    case 8: {
      // nest a slice deeply
      const depth = rng.size(lang === 'wxml' ? 600 : 300);
      const end = at + rng.int(s.length - at + 1);
      const [open, close] = NESTERS[lang];
      return s.slice(0, at) + open.repeat(depth) + s.slice(at, end) + (rng.chance(0.8) ? close.repeat(depth) : '') + s.slice(end);
    }
    case 9: {
      // splice a chunk of another file in
      if (!others.length) return s;
      const donor = rng.pick(others);
      const from = rng.int(donor.length);
      return s.slice(0, at) + donor.slice(from, from + rng.size(400)) + s.slice(at);
    }
    default: {
      // replace a character by a near neighbour (a quote for another, a bracket for another)
      if (!s.length) return s;
      const i = rng.int(s.length);
      const c = s[i]!;
      const swap = NEIGHBOURS[c] ?? rng.pick(['"', "'", '<', '>', '{', '}', '/', '=', ' ']);
      return s.slice(0, i) + swap + s.slice(i + 1);
    }
  }
}

const NESTERS: Record<Language, [string, string]> = {
  wxml: ['<view>', '</view>'],
  wxss: ['@media screen {', '}'],
  wxs: ['(', ')'],
  json: ['[', ']'],
  expr: ['(', ')'],
};

const NEIGHBOURS: Record<string, string> = { '"': "'", "'": '"', '<': '>', '>': '<', '{': '}', '}': '{', '(': ')', ')': '(', '[': ']', ']': '[', '/': '\\', '=': ':', ':': '=' };
