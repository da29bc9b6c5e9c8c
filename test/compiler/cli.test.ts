/**
 * The CLI on bad input: every problem is located (file and line:column), the exit code is
 * non-zero, and nothing is written half-way into --out.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, writeProgram } from '../helpers/sample.js';

const program = (files: Record<string, string>): string => writeProgram(files, 'wx2tg-cli-');

const okPage = {
  'pages/a/a.wxml': '<view>a</view>',
  'pages/a/a.js': 'Page({})',
};

describe('wx2tg CLI', () => {
  it('prints help and version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('wx2tg build <miniprogram-dir>');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await runCli(['frobnicate', '.'])).code).toBe(2);
  });

  it('a folder without app.json is an error naming app.json', async () => {
    const dir = program({ 'readme.txt': 'not a mini-program' });
    const res = await runCli(['build', dir, '--out', path.join(dir, 'out')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(path.join(dir, 'app.json'));
    expect(res.stderr).toContain('WX1001');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('invalid JSON names the file with line:column and a code frame', async () => {
    const dir = program({ 'app.json': '{\n  "pages": ["pages/a/a"],\n  "window": { "navigationBarTitleText": "x", }\n}', ...okPage });
    const res = await runCli(['build', dir, '--out', path.join(dir, 'out')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${path.join(dir, 'app.json')}:3:46 - error WX1002`);
    expect(res.stderr).toContain('> 3 |   "window": { "navigationBarTitleText": "x", }');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('a page listed in app.json with no .wxml points at the entry in app.json', async () => {
    const dir = program({ 'app.json': '{\n  "pages": [\n    "pages/a/a",\n    "pages/missing/missing"\n  ]\n}', ...okPage, 'pages/missing/missing.js': 'Page({})' });
    const res = await runCli(['build', dir, '--out', path.join(dir, 'out')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${path.join(dir, 'app.json')}:4:5 - error WX1004`);
    expect(res.stderr).toContain('pages/missing/missing.wxml does not exist');
  });

  it('reports every WXML problem of every file in one run, and leaves the previous --out untouched', async () => {
    const dir = program({
      'app.json': '{"pages": ["pages/a/a", "pages/b/b"]}',
      'pages/a/a.wxml': '<view>{{ a + }}</view>\n<view wx:else>x</view>',
      'pages/a/a.js': 'Page({})',
      'pages/b/b.wxml': '<view>{{ this.x }}</view>',
      'pages/b/b.js': 'Page({})',
    });
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'previous.txt'), 'keep me');
    const res = await runCli(['build', dir, '--out', out]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('pages/a/a.wxml:1:14 - error WX2004');
    expect(res.stderr).toContain('pages/a/a.wxml:2:1 - error WX2006');
    expect(res.stderr).toContain('pages/b/b.wxml:1:10 - error WX2005');
    expect(res.stderr).toContain('3 errors; nothing was written.');
    expect(readdirSync(out)).toEqual(['previous.txt']);
    expect(readFileSync(path.join(out, 'previous.txt'), 'utf8')).toBe('keep me');
  });

  it('reports missing modules and script syntax errors of every script, located', async () => {
    const dir = program({
      'app.json': '{"pages": ["pages/a/a", "pages/b/b"]}',
      'app.js': "const cfg = require('./missing-config.json');\nApp({});",
      'pages/a/a.wxml': '<view/>',
      'pages/a/a.js': "import { x } from '../../utils/nope';\nconst u = require('utils/here');\nPage({});",
      'pages/a/utils/here.js': "module.exports = require('./gone');",
      'pages/b/b.wxml': '<view/>',
      'pages/b/b.js': 'Page({ data: { a: 1, } }',
    });
    const res = await runCli(['build', dir, '--out', path.join(dir, 'out')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('app.js:1:21 - error WX4001: Cannot find module ./missing-config.json.');
    expect(res.stderr).toContain('pages/a/a.js:1:19 - error WX4001: Cannot find module ../../utils/nope.');
    expect(res.stderr).toContain('pages/a/utils/here.js:1:26 - error WX4001: Cannot find module ./gone.');
    expect(res.stderr).toContain('pages/b/b.js:1:25 - error WX4002');
    expect(res.stderr).not.toContain('Cannot find module utils/here');
  });

  it('follows project.config.json miniprogramRoot and replaces --out whole on success', async () => {
    const dir = program({
      'project.config.json': '{"miniprogramRoot": "miniprogram/"}',
      'miniprogram/app.json': '{"pages": ["pages/a/a"]}',
      'miniprogram/pages/a/a.wxml': '<view>a</view>',
      'miniprogram/pages/a/a.js': 'Page({})',
    });
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'stale.txt'), 'old build');
    const res = await runCli(['build', dir, '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('built 1 page');
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(existsSync(path.join(out, 'stale.txt'))).toBe(false);
    expect(readdirSync(path.join(out, 'assets')).some((f) => /\.js$/.test(f))).toBe(true);
  });

  it('warns about unknown tags and attributes, located; project.config.json wx2tg.silence silences a warning code', async () => {
    const files = {
      'app.json': '{"pages": ["pages/a/a"]}',
      'pages/a/a.wxml': '<view colour="red">a</view>\n<fancy-thing/>',
      'pages/a/a.js': 'Page({})',
    };
    const loud = await runCli(['build', program(files), '--out', path.join(os.tmpdir(), `wx2tg-loud-${process.pid}`)]);
    expect(loud.code, loud.stderr).toBe(0);
    expect(loud.stderr).toContain('pages/a/a.wxml:1:7 - warning WX2015: Unknown attribute "colour" on <view>: it has no effect.');
    expect(loud.stderr).toContain('pages/a/a.wxml:2:2 - warning WX2012: Unknown tag <fancy-thing>');
    const quiet = await runCli(['build', program({ ...files, 'project.config.json': '{"wx2tg": {"silence": ["WX2015"]}}' }), '--out', path.join(os.tmpdir(), `wx2tg-quiet-${process.pid}`)]);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toContain('WX2015');
    expect(quiet.stderr).toContain('WX2012');
  });

  it('the package entry (`wx2tg`) exports the compiler API docs/cli.md lists', async () => {
    const api = (await import('wx2tg')) as Record<string, unknown>;
    for (const name of ['compileProgram', 'buildProgram', 'startDevServer', 'checkProgram', 'compileWxml', 'compileWxss', 'compileWxsFile', 'formatDiagnostic', 'CompileError']) {
      expect(typeof api[name], name).toBe('function');
    }
  });

  it('a .scss page may @import a .wxss file: it passes through sass and is inlined as WXSS', async () => {
    const dir = program({
      'project.config.json': '{"setting": {"useCompilerPlugins": ["sass"]}}',
      'app.json': '{"pages": ["pages/a/a"]}',
      'styles/common.wxss': '.common { width: 10rpx; }',
      'pages/a/a.scss': '@import "/styles/common.wxss";\n$c: blue;\n.x { color: $c; }\n',
      ...okPage,
    });
    const out = path.join(dir, 'out');
    const res = await runCli(['build', dir, '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    const css = readdirSync(path.join(out, 'assets')).filter((f) => f.endsWith('.css')).map((f) => readFileSync(path.join(out, 'assets', f), 'utf8')).join('');
    expect(css).toMatch(/\.common\{width:calc\(10 \* var\(--rpx\)\)/);
    expect(css).toMatch(/\.x\{color:(#00f|blue)/);
  });
});
