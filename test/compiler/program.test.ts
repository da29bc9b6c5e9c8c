/**
 * The parts of the compiler that make real programs build: usingComponents resolution, WXSS
 * scoping, WXS modules and script resolution.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, resolveComponentPath } from '../../compiler/project/index.js';
import { compileWxss } from '../../compiler/wxss/index.js';
import { compileWxsFile } from '../../compiler/wxs/index.js';
import { resolveScript } from '../../compiler/script/index.js';
import { CompileError } from '../../compiler/diagnostics.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-prog-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const comp = (p: string) => ({ [`${p}.wxml`]: '<view/>', [`${p}.js`]: 'Component({})', [`${p}.json`]: '{"component":true}' });

describe('usingComponents resolution', () => {
  const root = tree({
    ...comp('components/a/a'),
    ...comp('pages/x/local/local'),
    ...comp('miniprogram_npm/@scope/ui/button/index'),
    ...comp('pages/x/miniprogram_npm/near/index'),
  });
  const from = path.join(root, 'pages/x');
  it('resolves absolute, relative, bare-relative and npm paths as WeChat does', () => {
    expect(resolveComponentPath('/components/a/a', from, root)).toBe('components/a/a');
    expect(resolveComponentPath('../../components/a/a', from, root)).toBe('components/a/a');
    expect(resolveComponentPath('local/local', from, root)).toBe('pages/x/local/local');
    expect(resolveComponentPath('@scope/ui/button', from, root)).toBe('miniprogram_npm/@scope/ui/button/index');
    expect(resolveComponentPath('near', from, root)).toBe('pages/x/miniprogram_npm/near/index');
    expect(resolveComponentPath('components/a/a', from, root)).toBe('components/a/a');
    expect(resolveComponentPath('nope/nope', from, root)).toBeNull();
  });

  it('an unknown component path and a plugin component are located errors in the json', () => {
    const dir = tree({
      'app.json': '{"pages": ["pages/p/p"]}',
      'pages/p/p.wxml': '<view/>',
      'pages/p/p.js': 'Page({})',
      'pages/p/p.json': '{\n  "usingComponents": {\n    "x": "../missing/missing",\n    "y": "plugin://foo/bar"\n  }\n}',
    });
    try {
      loadProject(dir);
      expect.unreachable();
    } catch (e) {
      const d = (e as CompileError).diagnostics.map((x) => `${x.code} ${x.start?.line}:${x.start?.column}`);
      expect(d).toEqual(['WX1008 3:10', 'WX1009 4:10']);
    }
  });

  it('app.json usingComponents are global; a component may use itself', () => {
    const dir = tree({
      'app.json': '{"pages": ["pages/p/p"], "usingComponents": {"tree-node": "/components/tree/tree"}}',
      'pages/p/p.wxml': '<tree-node/>',
      'pages/p/p.js': 'Page({})',
      'components/tree/tree.wxml': '<tree-node wx:for="{{kids}}"/>',
      'components/tree/tree.js': 'Component({})',
      'components/tree/tree.json': '{"component": true}',
    });
    const g = loadProject(dir);
    expect(g.pages[0]!.using).toEqual({ 'tree-node': 'components/tree/tree' });
    expect(g.components.get('components/tree/tree')!.using).toEqual({ 'tree-node': 'components/tree/tree' });
  });
});

describe('WXSS scoping', () => {
  it('scopes page styles to the page', () => {
    const { css } = compileWxss('page { color: red } .a, view > .b:not(.c) { margin: 10rpx }', 'p.wxss', '/', { kind: 'page', route: 'pages/p/p' });
    expect(css).toContain('wx-page[data-route="pages/p/p"] { color: red }');
    expect(css).toContain('wx-page[data-route="pages/p/p"] .a, wx-page[data-route="pages/p/p"] wx-view > .b:not(.c) { margin: calc(10 * var(--rpx)) }');
  });

  it('prefixes component classes and maps :host; keyframes are left alone', () => {
    const { css } = compileWxss(':host { display: block } .a.b > text, .x[data-v="1.5"] {} @keyframes k { from { opacity: 0 } }', 'c.wxss', '/', { kind: 'component', prefix: 'cz' });
    expect(css).toContain('.cz-host { display: block }');
    expect(css).toContain('.cz--a.cz--b > wx-text, .cz--x[data-v="1.5"] {}');
    expect(css).toContain('from { opacity: 0 }');
  });

  it('inlines @import and reports a cycle with its chain', () => {
    const dir = tree({ 'a.wxss': '@import "b.wxss"; .a{}', 'b.wxss': '@import "./a"; .b { width: 2rpx }' });
    const { css, diagnostics } = compileWxss('@import "/a.wxss";', path.join(dir, 'main.wxss'), dir);
    expect(css).toContain('.b { width: calc(2 * var(--rpx)) }');
    expect(diagnostics.map((d) => d.code)).toEqual(['WX3003']);
    expect(diagnostics[0]!.message).toBe('Import cycle: main.wxss → a.wxss → b.wxss → a.wxss.');
    expect(diagnostics[0]!.file).toBe(path.join(dir, 'b.wxss'));
  });
});

describe('darkmode styles', () => {
  it('prefers-color-scheme media follow Telegram’s theme through html.wx-dark', () => {
    const { css } = compileWxss('@media (prefers-color-scheme: dark) { page { color: #fff } .a, :root { --x: 1 } }\n@media screen and (prefers-color-scheme: light) { .b { color: #000 } }', 'p.wxss', '/', { kind: 'page', route: 'p/p' });
    expect(css).toContain('html.wx-dark wx-page[data-route="p/p"] { color: #fff }');
    expect(css).toContain('html.wx-dark wx-page[data-route="p/p"] .a');
    expect(css).toContain('@media screen {');
    expect(css).toContain('html:not(.wx-dark) wx-page[data-route="p/p"] .b');
    expect(css).not.toContain('prefers-color-scheme');
  });
});

describe('WXS', () => {
  it('rewrites .constructor to type names, provides getRegExp/getDate, links require', async () => {
    const { code, diagnostics } = compileWxsFile(
      "var dep = require('./dep.wxs');\nmodule.exports = { k: [[].constructor, (1).constructor, 'x'.constructor, {}.constructor, getDate(0).constructor, getRegExp('a').constructor], d: dep };",
      'm.wxs',
      () => 'data:text/javascript,export default 7',
    );
    expect(diagnostics).toEqual([]);
    const mod = await import('data:text/javascript,' + encodeURIComponent(code));
    expect(mod.default).toEqual({ k: ['Array', 'Number', 'String', 'Object', 'Date', 'RegExp'], d: 7 });
  });

  it('a syntax error is located', () => {
    const { diagnostics } = compileWxsFile('var a = ;', 'bad.wxs', () => null);
    expect(diagnostics[0]!.code).toBe('WX5001');
    expect(diagnostics[0]!.start!.column).toBe(9);
  });
});

describe('script resolution', () => {
  const root = tree({ 'utils/util.js': '', 'pages/p/helper.js': '', 'miniprogram_npm/dayjs/index.js': '', 'pages/p/p.js': '' });
  const importer = path.join(root, 'pages/p/p.js');
  it('bare paths are relative first, then miniprogram_npm, then left to the bundler', () => {
    expect(resolveScript('helper', importer, root)).toBe(path.join(root, 'pages/p/helper.js'));
    expect(resolveScript('/utils/util', importer, root)).toBe(path.join(root, 'utils/util.js'));
    expect(resolveScript('../../utils/util', importer, root)).toBe(path.join(root, 'utils/util.js'));
    expect(resolveScript('dayjs', importer, root)).toBe(path.join(root, 'miniprogram_npm/dayjs/index.js'));
    expect(resolveScript('lodash', importer, root)).toBeNull();
  });
});

describe('tolerance WeChat has and CSS lacks', () => {
  it('@import without a semicolon at the end of its line', () => {
    const dir = tree({ 'common.wxss': '.c { color: red }' });
    const { css, diagnostics } = compileWxss("@import '../x/../common.wxss'\n\nicon { margin-right: 13px; }", path.join(dir, 'sub', 'p.wxss'), dir);
    expect(diagnostics).toEqual([]);
    expect(css).toContain('.c { color: red }');
    expect(css).toContain('wx-icon { margin-right: 13px; }');
  });
});

describe('compiler plugins (less, sass)', () => {
  it('compile .less and .scss with located errors', async () => {
    const { readStyleSource } = await import('../../compiler/wxss/preprocess.js');
    const dir = tree({ 'ok.less': '@w: 2rpx; .a { .b { width: @w * 3 } }', 'bad.less': '.a {\n  color: @missing;\n}', 'bad.scss': '.a {\n  width: $nope;\n}' });
    const diags: import('../../compiler/diagnostics.js').Diagnostic[] = [];
    expect(readStyleSource(path.join(dir, 'ok.less'), diags)).toContain('.a .b {\n  width: 6rpx;\n}');
    readStyleSource(path.join(dir, 'bad.less'), diags);
    readStyleSource(path.join(dir, 'bad.scss'), diags);
    expect(diags.map((d) => `${path.basename(d.file)} ${d.code} ${d.start?.line}`)).toEqual(['bad.less WX3001 2', 'bad.scss WX3001 2']);
  });
});
