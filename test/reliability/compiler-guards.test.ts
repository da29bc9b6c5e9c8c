/**
 * One regression test per compiler bug the fuzzer found (RELIABILITY.md lists them): each input
 * once threw, hung, overflowed the stack or produced output that does not parse.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postcss from 'postcss';
import { afterAll, describe, expect, it } from 'vitest';
import { compileWxml, type WxmlCompileOptions } from '../../compiler/wxml/index.js';
import { compileExpression } from '../../compiler/wxml/expression.js';
import { compileWxss } from '../../compiler/wxss/index.js';
import { convertRpx } from '../../compiler/wxss/rpx.js';
import { compileWxsFile } from '../../compiler/wxs/index.js';
import { isBuiltinTag } from '../../common/builtins.js';
import { moduleSyntaxError } from './fuzz/syntax.js';

const opts = (extra: Partial<WxmlCompileOptions> = {}): WxmlCompileOptions => ({ file: 'p.wxml', resolve: () => null, readInclude: () => null, ...extra });
const codes = (r: { diagnostics: { code: string }[] }): string[] => r.diagnostics.map((d) => d.code);
const parsesAsModule = (code: string): boolean => {
  const error = moduleSyntaxError(code);
  if (error) throw new Error(error);
  return true;
};
const timed = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
};

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-guards-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('WXML', () => {
  it('an object literal bound to an attribute is valid JavaScript (the arrow body was read as a block)', () => {
    const r = compileWxml('<view data-obj="{{ {a: 1, b: [x]} }}" class="{{ {k: 1}.k }}">{{ {...o}.v }}</view>', opts());
    expect(codes(r)).toEqual([]);
    expect(parsesAsModule(r.code)).toBe(true);
  });

  it('elements nested past 128 levels are cut with WX2017 instead of overflowing the stack (the compiler\'s, or that of a tool parsing the output)', () => {
    const r = compileWxml('<view>'.repeat(3000) + '{{a}}' + '</view>'.repeat(3000), opts());
    expect(codes(r)).toEqual(['WX2017']);
    expect(r.diagnostics[0]!.start).toMatchObject({ line: 1, column: 6 * 128 + 1 });
    expect(parsesAsModule(r.code)).toBe(true);
    // The deepest template allowed, with the deepest expression allowed in it, still parses.
    const deep = compileWxml('<view wx:if="{{a}}">'.repeat(128) + `{{${'a?'.repeat(49)}b${':c'.repeat(49)}}}` + '</view>'.repeat(128), opts());
    expect(codes(deep)).toEqual([]);
    expect(parsesAsModule(deep.code)).toBe(true);
  });

  it('expressions nested past 100 levels are WX2004, however Babel fares with them', () => {
    for (const text of ['a?'.repeat(3000) + 'b' + ':c'.repeat(3000), Array(5000).fill('a').join('+'), '('.repeat(20000) + 'a' + ')'.repeat(20000)]) {
      const seen: string[] = [];
      expect(compileExpression(text, 0, { locals: new Set(), wxs: new Set() }, (code, args) => seen.push(`${code} ${args[0]}`))).toBeNull();
      expect(seen).toEqual([expect.stringMatching(/^WX2004 .*levels deep/)]);
    }
  });

  it('an include cycle is WX2018, and a branching one no longer takes 2^16 compilations', () => {
    const source = '<include src="self.wxml"/><include src="self.wxml"/><view/>';
    const [r, ms] = timed(() => compileWxml(source, opts({ readInclude: () => ({ source, file: 'p.wxml' }) })));
    expect(codes(r)).toEqual(['WX2018', 'WX2018']);
    expect(r.diagnostics[0]!.message).toContain('p.wxml → p.wxml');
    expect(ms).toBeLessThan(5000);
  });

  it('thousands of problems in one file stay linear (each diagnostic used to rescan the file)', () => {
    const [r, ms] = timed(() => compileWxml('</view>'.repeat(20000) + '\n' + '<text>'.repeat(20000), opts()));
    expect(r.diagnostics.length).toBe(40001);
    expect(r.diagnostics.at(-1)!.frame!.length).toBeLessThan(1000); // a long line is shown clipped
    expect(ms).toBeLessThan(10_000); // quadratic, it took minutes
  });

  it('an unterminated binding followed by many quotes, and many <wxs> bodies, stay linear', () => {
    const [, a] = timed(() => compileWxml('<view a="{{' + '"'.repeat(50000), opts()));
    const [, b] = timed(() => compileWxml('<wxs module="m">module.exports={}</wxs>'.repeat(2000), opts()));
    // Generous bounds (machines are shared and busy): the quadratic versions took tens of seconds.
    expect(a).toBeLessThan(10_000);
    expect(b).toBeLessThan(10_000);
  });

  it('on* attributes of elements are dropped with WX2020 (the runtime would reflect them as live handlers); a custom component keeps them as properties', () => {
    const known = (t: string) => isBuiltinTag(t) || t === 'my-comp';
    const r = compileWxml('<view onclick="{{h}}" ONMOUSEOVER="x()" bindtap="ok"/><odd-tag onload="y"/><my-comp on-change="{{h}}"/>', opts({ knownTag: known }));
    expect(codes(r).filter((c) => c !== 'WX2012')).toEqual(['WX2020', 'WX2020', 'WX2020']);
    expect(r.code).not.toMatch(/"onclick"|"ONMOUSEOVER"|"onload"/);
    expect(r.code).toContain('"on-change"');
    expect(r.code).toContain('"tap"');
  });
});

describe('WXS', () => {
  it('code that is no valid strict module code is WX5001 (it used to reach the bundle)', () => {
    for (const body of ['var x = 1; delete x;', '<!-- old comment\nvar a = 1;', 'var await = 1;', 'with (a) {}', 'var n = 010;', 'function f(a, a) {}']) {
      const r = compileWxsFile(body, 'u.wxs', () => null);
      expect(codes(r), body).toEqual(['WX5001']);
    }
  });

  it('a member chain thousands deep (which Babel parses in a loop) is WX5001, not a stack overflow in the passes after it', () => {
    for (const body of ['var a = x' + '.constructor'.repeat(20000) + ';', 'var a = x' + '.y'.repeat(20000) + ';']) {
      const r = compileWxsFile(body, 'u.wxs', () => null);
      expect(codes(r)).toEqual(['WX5001']);
      expect(r.diagnostics[0]!.message).toContain('levels deep');
    }
  });

  it('x.constructor as an assignment target is left alone; reads still give the type name', () => {
    const r = compileWxsFile('var o = {}; o.constructor = 1; [o.constructor] = [2]; module.exports = { t: [].constructor };', 'u.wxs', () => null);
    expect(codes(r)).toEqual([]);
    expect(parsesAsModule(r.code)).toBe(true);
    expect(r.code).toContain('o.constructor = 1');
    expect(r.code).toContain('t: $ctor([])');
  });
});

describe('WXSS', () => {
  it('rpx inside url() and strings is left alone', () => {
    expect(convertRpx('url(/img/icon-32rpx.png) 10rpx')).toBe('url(/img/icon-32rpx.png) calc(10 * var(--rpx))');
    expect(convertRpx('url(/img/32rpx.png)')).toBe('url(/img/32rpx.png)');
    expect(convertRpx('"10rpx" 2rpx')).toBe('"10rpx" calc(2 * var(--rpx))');
    expect(convertRpx('translate(-10rpx, .5rpx)')).toBe('translate(calc(-10 * var(--rpx)), calc(.5 * var(--rpx)))');
  });

  it('a long run of digits, or of blank lines, is linear (the rpx and @import patterns backtracked catastrophically)', () => {
    const [, a] = timed(() => convertRpx('1'.repeat(20000) + 'px 1rpx'));
    const [, b] = timed(() => compileWxss('\n'.repeat(200000) + '.a { width: 1rpx }', path.join(tmp, 'x.wxss'), tmp));
    expect(a).toBeLessThan(2000); // 4 000 digits took 75 s
    expect(b).toBeLessThan(10_000);
  });

  it('a long value converts in one pass (the visitor re-ran on each changed value, exposing one more match per pass)', () => {
    const [r, ms] = timed(() => compileWxss(`.a { border: 1rpx${'-.5rpx'.repeat(20000)} }`, path.join(tmp, 'x.wxss'), tmp));
    expect(r.diagnostics).toEqual([]);
    expect(r.css.match(/calc\(/g)!.length).toBe(1); // `-.5rpx` glued to the number before it is not a length
    expect(ms).toBeLessThan(5000);
  });

  it('@import of an empty path or a folder is WX3002, not an EISDIR crash', () => {
    mkdirSync(path.join(tmp, 'folder'), { recursive: true });
    for (const src of ['@import;', '@import "";', '@import "folder";', '@import ".";']) {
      expect(codes(compileWxss(src, path.join(tmp, 'x.wxss'), tmp)), src).toEqual(['WX3002']);
    }
  });

  it('CSS postcss accepts but cannot write back parseably is WX3001 with a location', () => {
    const r = compileWxss('a { background: url({ content: "10rpx"; width: 100rpx; height: calc(100%a.png) }}', path.join(tmp, 'x.wxss'), tmp);
    expect(codes(r)).toEqual(['WX3001']);
    expect(r.diagnostics[0]!.frame).toBeTruthy();
    expect(r.css).toBe('');
  });

  it('scoping a selector with thousands of classes stays linear', () => {
    writeFileSync(path.join(tmp, 'c.wxss'), '');
    const [r, ms] = timed(() => compileWxss(`${'.a[x=".b"]'.repeat(20000)} { color: red }`, path.join(tmp, 'c.wxss'), tmp, { kind: 'component', prefix: 'c1' }));
    expect(r.diagnostics).toEqual([]);
    expect(() => postcss.parse(r.css)).not.toThrow();
    expect(r.css.startsWith('.c1--a[x=".b"]')).toBe(true);
    expect(ms).toBeLessThan(10_000);
  });
});
