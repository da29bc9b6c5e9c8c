/**
 * Generators of fresh inputs from small grammars: WXML trees with every directive, `{{ }}`
 * expressions (well-formed and token soup), WXSS rules and at-rules, WXS modules and JSON
 * documents shaped like app.json. Grammar inputs are mostly valid, so they reach the code
 * generators, whose output must then parse as JavaScript.
 */
import type { Rng } from './rng.js';
import { DICTIONARY } from './mutate.js';

const TAGS = ['view', 'text', 'image', 'button', 'input', 'navigator', 'scroll-view', 'swiper', 'swiper-item', 'block', 'my-comp', 'rich-text', 'icon', 'label', 'form', 'picker', 'slider'];
const NAMES = ['a', 'b', 'list', 'item', 'index', 'obj', 'class', 'x_1', '$y', 'data', 'default', 'msg', 'n', '数据'];
const ATTRS = ['id', 'class', 'style', 'data-id', 'data-Foo-bar', 'src', 'url', 'hover-class', 'mode', 'value', 'type', 'disabled', 'mark:m', 'aria-label', 'name'];
const EVENTS = ['bindtap', 'bind:tap', 'catchtap', 'catch:longpress', 'capture-bind:touchstart', 'capture-catch:tap', 'mut-bind:tap', 'bindinput', 'bind:change'];

/** A `{{ }}` expression body. `valid` biases towards the supported subset. */
export function genExpression(rng: Rng, depth = 0, valid = true): string {
  if (!valid) {
    // token soup
    const n = rng.size(30);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(rng.pick(DICTIONARY.expr));
    return out.join(rng.chance(0.5) ? ' ' : '');
  }
  const leaf = (): string => {
    switch (rng.int(8)) {
      case 0:
        return String(rng.range(-5, 1000) / (rng.chance(0.3) ? 7 : 1));
      case 1:
        return JSON.stringify(rng.pick(['', 'x', 'a"b', "it's", '</script>', '\\', '\u2028', '{{', '}}']));
      case 2:
        return rng.pick(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity']);
      default: {
        let p = rng.pick(NAMES);
        const n = rng.int(4);
        for (let i = 0; i < n; i++) p += rng.pick(['.b', '[0]', '["k"]', '?.c', '[i]', '.length']);
        return p;
      }
    }
  };
  if (depth > 4 || rng.chance(0.3)) return leaf();
  const sub = (): string => genExpression(rng, depth + 1, true);
  switch (rng.int(10)) {
    case 0:
      return `${sub()} ${rng.pick(['+', '-', '*', '/', '%', '==', '===', '!=', '<', '>=', '&&', '||', '??', '**'])} ${sub()}`.replace(/(\?\?.*)(&&|\|\|)|(&&|\|\|)(.*\?\?)/, '$1+$4');
    case 1:
      return `${rng.pick(['!', '-', '+', 'typeof ', 'void ', '~'])}${sub()}`;
    case 2:
      return `${sub()} ? ${sub()} : ${sub()}`;
    case 3:
      return `(${sub()})`;
    case 4:
      return `[${Array.from({ length: rng.int(4) }, sub).join(', ')}]`;
    case 5:
      return `{${Array.from({ length: rng.int(3) }, () => (rng.chance(0.2) ? `...${rng.pick(NAMES)}` : `${rng.pick(['k', '"s k"', '1', 'class'])}: ${sub()}`)).join(', ')}}`;
    case 6:
      return `m.${rng.pick(['f', 'g'])}(${Array.from({ length: rng.int(3) }, sub).join(', ')})`;
    case 7:
      return `${sub()}[${sub()}]`;
    default:
      return leaf();
  }
}

function attrValue(rng: Rng): string {
  const parts: string[] = [];
  const n = rng.range(1, 3);
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.5)) parts.push(`{{${genExpression(rng)}}}`);
    else parts.push(rng.pick(['a', 'b c', '10rpx', 'javascript:alert(1)', '&amp;', '&quot;', 'x&lt;y', '']));
  }
  return parts.join(' ').replace(/"/g, "'");
}

/** A WXML document: elements with static/bound attributes, directives, events, text and templates. */
export function genWxml(rng: Rng, depth = 0): string {
  const out: string[] = [];
  const n = rng.range(depth === 0 ? 1 : 0, 4);
  let chainOpen = false;
  for (let i = 0; i < n; i++) {
    const kind = rng.int(12);
    if (kind === 0) {
      out.push(rng.pick(['hello', '&lt;b&gt;', 'a < b', '&#60;', `{{${genExpression(rng)}}}`, `x {{${genExpression(rng)}}} y`, '&nbsp;&unknown;']));
      continue;
    }
    if (kind === 1 && depth === 0) {
      out.push(`<wxs module="m">module.exports = { f: function (a) { return a; }, g: function () { return arguments.length; } };</wxs>`);
      continue;
    }
    if (kind === 2 && depth < 2) {
      out.push(`<template name="${rng.pick(['t', 'u'])}">${genWxml(rng, depth + 1)}</template>`);
      continue;
    }
    if (kind === 3) {
      out.push(`<template is="${rng.pick(['t', 'u', `{{${rng.pick(NAMES)}}}`])}" data="{{${rng.pick(['...obj', 'a, b: 1', 'a: {b: 1}', '...obj, x: [1]'])}}}"/>`);
      continue;
    }
    const tag = rng.pick(TAGS);
    const attrs: string[] = [];
    const na = rng.int(4);
    for (let j = 0; j < na; j++) {
      const r = rng.int(10);
      if (r < 4) attrs.push(`${rng.pick(ATTRS)}="${attrValue(rng)}"`);
      else if (r < 6) attrs.push(`${rng.pick(EVENTS)}="${rng.chance(0.7) ? 'onTap' : `{{${rng.pick(['h', 'm.f', 'a ? "x" : "y"'])}}}`}"`);
      else if (r === 6) attrs.push(`model:value="{{${rng.pick(['a', 'form.name', 'list[0].v'])}}}"`);
      else if (r === 7) attrs.push(`wx:for="{{${genExpression(rng)}}}" wx:for-item="${rng.pick(['item', 'row'])}" ${rng.chance(0.7) ? `wx:key="${rng.pick(['id', '*this', 'index'])}"` : ''}`);
      else attrs.push(rng.pick(['hidden', 'disabled', `data-k="{{${rng.pick(NAMES)}}}"`]));
    }
    const cond = rng.int(6);
    if (cond === 0) {
      attrs.push(`wx:if="{{${genExpression(rng)}}}"`);
      chainOpen = true;
    } else if (cond === 1 && chainOpen) attrs.push(`wx:elif="{{${genExpression(rng)}}}"`);
    else if (cond === 2 && chainOpen) {
      attrs.push('wx:else');
      chainOpen = false;
    }
    const open = `<${tag}${attrs.length ? ' ' + attrs.join(' ') : ''}`;
    if (depth > 4 || rng.chance(0.25)) out.push(`${open}/>`);
    else out.push(`${open}>${genWxml(rng, depth + 1)}</${tag}>`);
  }
  return out.join(rng.chance(0.5) ? '\n' : '');
}

const SELECTORS = ['view', 'page', '.a', '.b .c', '#i', ':host', ':host(.on)', 'text::after', 'view > .x', '.a, .b', '[data-x=".y"]', '*', 'swiper-item:not(.z)', 'wx-view', 'html', ':root', '.中文'];
const DECLS = ['width: 100rpx', 'margin: -10rpx 1.5rpx 0 .5rpx', 'color: red', 'height: calc(100% - 20rpx)', '--v: 2rpx', 'background: url(a.png)', 'content: "10rpx"', 'font: 12px/1.5 a, "b c"', 'transform: translateX(10rpx) !important'];

/** A WXSS stylesheet with imports, media (dark mode included), keyframes and rpx everywhere. */
export function genWxss(rng: Rng, depth = 0): string {
  const out: string[] = [];
  const n = rng.range(1, 5);
  for (let i = 0; i < n; i++) {
    const k = rng.int(10);
    if (k === 0 && depth === 0) out.push(rng.pick(['@import "a.wxss";', '@import "a"\n', '@import "cycle.wxss";', '@import "missing.wxss";', '@import "/abs.wxss";', "@import url('b.wxss');"]));
    else if (k === 1 && depth < 2) out.push(`@media ${rng.pick(['(prefers-color-scheme: dark)', '(prefers-color-scheme: light) and (min-width: 100px)', 'screen'])} {${genWxss(rng, depth + 1)}}`);
    else if (k === 2) out.push(`@keyframes k${i} { from { left: 0rpx } to { left: 100rpx } }`);
    else {
      const sel = Array.from({ length: rng.range(1, 2) }, () => rng.pick(SELECTORS)).join(rng.pick([', ', ' ', ' > ']));
      const decls = Array.from({ length: rng.range(0, 3) }, () => rng.pick(DECLS)).join('; ');
      out.push(`${sel} { ${decls} }`);
    }
  }
  return out.join('\n');
}

/** A WXS module in the ES5-like subset real programs write. */
export function genWxs(rng: Rng): string {
  const fns: string[] = [];
  const n = rng.range(1, 4);
  for (let i = 0; i < n; i++) {
    const body = rng.pick([
      'return a.constructor === "Array" ? a.length : 0;',
      'var r = getRegExp("\\\\d+", "g"); return (a + "").replace(r, "#");',
      'var d = getDate(a); return d.getTime();',
      'for (var i = 0; i < 3; i++) { a = a + i; } return a;',
      'if (typeof a === "string") { return a.split(",").join(";"); } return JSON.stringify(a);',
      'return a && a.b && a.b.constructor;',
      'var o = {}; o[a] = 1; return o;',
    ]);
    fns.push(`function f${i}(a) { ${body} }`);
  }
  const req = rng.chance(0.3) ? `var other = require('${rng.pick(['./b.wxs', './missing.wxs', '../x'])}');\n` : '';
  return `${req}${fns.join('\n')}\nmodule.exports = { ${fns.map((_, i) => `f${i}: f${i}`).join(', ')} };`;
}

/** A JSON document shaped like app.json or a page/component json (sometimes wrongly typed). */
export function genJson(rng: Rng, depth = 0): unknown {
  const any = (): unknown => (depth > 3 ? rng.pick([1, 'x', null, true]) : genJson(rng, depth + 1));
  switch (rng.int(depth === 0 ? 1 : 6)) {
    case 0: {
      const o: Record<string, unknown> = {};
      const keys = ['pages', 'usingComponents', 'subpackages', 'tabBar', 'window', 'component', 'resolveAlias', 'preloadRule', 'componentGenerics', 'networkTimeout', 'navigationBarTitleText', 'style', 'root', 'list', '__proto__', 'constructor'];
      const n = rng.range(0, 5);
      for (let i = 0; i < n; i++) {
        const k = rng.pick(keys);
        o[k] = k === 'pages' && rng.chance(0.6) ? rng.pick([['pages/index/index'], ['pages/index/index', 'pages/missing/missing'], [], ['../../etc/passwd'], [1]]) : any();
      }
      return o;
    }
    case 1:
      return Array.from({ length: rng.int(4) }, any);
    case 2:
      return rng.pick(['pages/index/index', '/components/x/x', '', '../..', 'plugin://p/c', 'weui-miniprogram/cell/cell', '\u0000']);
    case 3:
      return rng.pick([0, -1, 1e308, 0.5]);
    case 4:
      return rng.pick([true, false]);
    default:
      return null;
  }
}
