/**
 * `wx2tg check`: every wx API, built-in component, attribute and json option a program uses,
 * located and marked supported / partial / unsupported; as text, JSON (a stable schema) and one
 * self-contained HTML page, which is opened in Chromium and photographed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { checkProgram, type CheckItem, type CheckReport } from '../../compiler/check/index.js';
import { apiSupport, implementedApis, parseApiCoverage } from '../../compiler/check/apiSupport.js';
import { jsonKeyOffsets } from '../../compiler/check/jsonKeys.js';
import { attributeInfo, componentSupport } from '../../common/builtinAttributes.js';
import { scanScript } from '../../compiler/check/scripts.js';
import { launchBrowser } from '../helpers/browser.js';
import { REPO, runCli } from '../helpers/sample.js';

const FIXTURE = path.join(REPO, 'test/fixtures/check/basic');
const SHOWCASE = path.join(REPO, 'samples/showcase');

function item(report: CheckReport, kind: CheckItem['kind'], name: string): CheckItem | undefined {
  return report.items.find((i) => i.kind === kind && i.name === name);
}

/** Where `needle` first stands in a file, as the report locates it (1-based). */
function locate(file: string, needle: string, from = 0): { file: string; line: number; column: number } {
  const source = readFileSync(path.join(SHOWCASE, file), 'utf8');
  const offset = source.indexOf(needle) + from;
  const before = source.slice(0, offset).split('\n');
  return { file, line: before.length, column: before.at(-1)!.length + 1 };
}

describe('wx2tg check on the fixture program', () => {
  const { report } = checkProgram(FIXTURE);
  const at = (file: string, line: number, column: number) => ({ file, line, column });

  it('finds every wx use: member, computed, destructured, in required files; with unsupported parameters', () => {
    expect(item(report, 'api', 'wx.startSoterAuthentication')).toEqual({
      kind: 'api',
      name: 'wx.startSoterAuthentication',
      status: 'unsupported',
      note: "WeChat's SOTER biometric authentication does not exist on Telegram",
      uses: [at('pages/index/index.js', 8, 8)],
    });
    expect(item(report, 'api', 'wx.showToast')).toEqual({ kind: 'api', name: 'wx.showToast', status: 'supported', uses: [at('pages/index/index.js', 6, 8)] });
    expect(item(report, 'api', 'wx.getStorageSync')).toEqual({ kind: 'api', name: 'wx.getStorageSync', status: 'supported', uses: [at('pages/index/index.js', 9, 8)] });
    expect(item(report, 'api', 'wx.login')?.uses).toEqual([at('app.js', 3, 8), at('pages/index/index.js', 11, 13)]);
    expect(item(report, 'api', 'wx.login')?.status).toBe('partial');
    expect(item(report, 'api', 'wx.chooseLocation')).toMatchObject({ status: 'unsupported', uses: [at('pages/index/index.js', 11, 20)] });
    expect(item(report, 'api', 'wx.vibrateShort')?.uses).toEqual([at('utils/util.js', 3, 8)]);
    expect(item(report, 'api', 'wx.setStorage')?.status).toBe('supported');
    expect(item(report, 'api', 'wx.setStorage({ encrypt })')).toEqual({
      kind: 'api',
      name: 'wx.setStorage({ encrypt })',
      status: 'unsupported',
      note: 'encrypted storage is not available on Telegram',
      uses: [at('pages/index/index.js', 10, 40)],
    });
    // Implemented or not, scanCode is marked as the runtime's wx has it.
    const scan = item(report, 'api', 'wx.scanCode')!;
    expect(scan.uses).toEqual([at('pages/index/index.js', 7, 8)]);
    expect(scan.status).toBe(apiSupport('scanCode').status);
  });

  it('marks built-in components and their attributes, literal values of enumerated ones included', () => {
    expect(item(report, 'component', 'live-player')).toEqual({ kind: 'component', name: 'live-player', status: 'unsupported', note: "WeChat's live streaming has no Telegram or web equivalent: a box says so and binderror fires", uses: [at('pages/index/index.wxml', 12, 4)] });
    expect(item(report, 'attribute', 'live-player.mode.live')).toMatchObject({ status: 'unsupported', uses: [at('pages/index/index.wxml', 12, 50)] });
    expect(item(report, 'component', 'video')).toMatchObject({ ...componentSupport('video'), uses: [at('pages/index/index.wxml', 4, 4)] });
    expect(item(report, 'component', 'map')).toMatchObject({ ...componentSupport('map'), uses: [at('pages/index/index.wxml', 8, 4)] });
    expect(item(report, 'component', 'fancy-box')).toMatchObject({ status: 'unsupported', uses: [at('pages/index/index.wxml', 10, 4)] });
    expect(item(report, 'component', 'card')).toBeUndefined(); // a custom component of the program
    expect(item(report, 'component', 'view')?.uses).toEqual([at('components/card/card.wxml', 1, 2), at('pages/index/index.wxml', 1, 2)]);
    expect(item(report, 'component', 'button')).toEqual({ kind: 'component', name: 'button', status: 'supported', uses: [at('pages/index/index.wxml', 2, 4), at('pages/index/index.wxml', 3, 4)] });
    expect(item(report, 'attribute', 'button.open-type.contact')).toEqual({
      kind: 'attribute',
      name: 'button.open-type.contact',
      status: 'unsupported',
      note: 'WeChat customer service does not exist on Telegram',
      uses: [at('pages/index/index.wxml', 2, 11)],
    });
    // Bound: the attribute as a whole.
    expect(item(report, 'attribute', 'button.open-type')).toMatchObject({ status: 'partial', uses: [at('pages/index/index.wxml', 3, 11)] });
    expect(item(report, 'attribute', 'button.plain')).toMatchObject({ status: 'unsupported', uses: [at('pages/index/index.wxml', 3, 32)] });
    expect(item(report, 'attribute', 'image.mode.widthFix')).toEqual({ kind: 'attribute', name: 'image.mode.widthFix', status: 'supported', uses: [at('pages/index/index.wxml', 5, 10)] });
    expect(item(report, 'attribute', 'input.value')).toMatchObject({ status: 'supported', uses: [at('pages/index/index.wxml', 6, 10)] }); // model:value
    expect(item(report, 'attribute', 'input.type.nickname')).toMatchObject({ status: 'partial', note: 'a plain text field (no WeChat nickname suggestion or review)' });
    expect(item(report, 'attribute', 'text.space.emsp')?.status).toBe('partial');
    expect(item(report, 'attribute', 'navigator.open-type.exit')).toMatchObject({ status: 'unsupported', note: 'a Mini App cannot close itself this way', uses: [at('pages/index/index.wxml', 9, 14)] });
    expect(item(report, 'attribute', 'navigator.target.miniProgram')?.status).toBe('unsupported');
    expect(item(report, 'attribute', 'video.src')).toMatchObject({ status: attributeInfo('video', 'src')!.support.status, uses: [at('pages/index/index.wxml', 4, 10)] });
    // Attributes every element takes are not reported.
    for (const name of ['view.class', 'view.bindtap', 'view.data-id', 'input.model:value']) expect(item(report, 'attribute', name), name).toBeUndefined();
  });

  it('marks app.json and page json options, located in the json', () => {
    expect(item(report, 'config', 'window.pageOrientation')).toEqual({ kind: 'config', name: 'window.pageOrientation', status: 'unsupported', note: 'Telegram decides the orientation', uses: [at('app.json', 5, 5)] });
    expect(item(report, 'config', 'requiredBackgroundModes')).toMatchObject({ status: 'unsupported', uses: [at('app.json', 8, 3)] });
    expect(item(report, 'config', 'networkTimeout.request')).toMatchObject({ status: 'supported', uses: [at('app.json', 7, 23)] });
    expect(item(report, 'config', 'networkTimeout.uploadFile')?.status).toBe(apiSupport('uploadFile').status === 'unsupported' ? 'unsupported' : 'supported');
    expect(item(report, 'config', 'window.enablePullDownRefresh')).toMatchObject({ status: 'supported', uses: [at('pages/index/index.json', 1, 3)] });
    expect(item(report, 'config', 'window.navigationBarTitleText')?.uses).toEqual([at('app.json', 4, 5)]);
    expect(item(report, 'config', 'style')?.status).toBe('supported');
    expect(item(report, 'config', 'component')).toEqual({ kind: 'config', name: 'component', status: 'supported', uses: [at('components/card/card.json', 1, 3)] });
    expect(item(report, 'config', 'styleIsolation')?.status).toBe('supported');
    expect(item(report, 'config', 'usingComponents')?.uses).toEqual([at('pages/index/index.json', 1, 57)]);
  });

  it('sorts by kind, worst first, and counts', () => {
    const kinds = report.items.map((i) => i.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => ['api', 'component', 'attribute', 'config'].indexOf(a) - ['api', 'component', 'attribute', 'config'].indexOf(b)));
    expect(report.items[0]!.status).toBe('unsupported');
    const t = report.summary.total;
    expect(t.supported + t.partial + t.unsupported).toBe(report.items.length);
    expect(t.uses).toBe(report.items.reduce((n, i) => n + i.uses.length, 0));
    for (const kind of ['api', 'component', 'attribute', 'config'] as const) {
      const c = report.summary[kind];
      expect(c.unsupported, kind).toBe(report.items.filter((i) => i.kind === kind && i.status === 'unsupported').length);
    }
  });
});

describe('wx2tg check on samples/showcase', () => {
  const { report } = checkProgram(SHOWCASE);

  it('reports what the shop uses, located', () => {
    expect(item(report, 'api', 'wx.showModal')).toMatchObject({ status: 'supported', uses: [locate('pages/cart/cart.js', 'wx.showModal', 3)] });
    expect(item(report, 'api', 'wx.getSystemInfoSync')?.status).toBe('partial');
    expect(item(report, 'component', 'swiper')?.uses).toContainEqual(locate('pages/product/product.wxml', '<swiper', 1));
    expect(item(report, 'attribute', 'scroll-view.scroll-x')).toMatchObject({ status: 'supported', uses: [locate('pages/home/home.wxml', 'scroll-x')] });
    expect(item(report, 'attribute', 'image.mode.widthFix')?.status).toBe('supported');
    expect(item(report, 'config', 'darkmode')).toMatchObject({ status: 'supported', uses: [locate('app.json', '"darkmode"')] });
    expect(item(report, 'config', 'tabBar.list')?.status).toBe('supported');
    // A bound attribute is marked as the table marks it (button loading draws no spinner yet).
    expect(item(report, 'attribute', 'button.loading')).toMatchObject({ status: attributeInfo('button', 'loading')!.support.status, uses: [locate('pages/cart/cart.wxml', 'loading=')] });
    expect(report.items.filter((i) => i.kind === 'api' && i.status === 'unsupported').map((i) => i.name)).toEqual([]);
  });
});

describe('wx2tg check command', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('prints the report grouped, with a summary line; exit 0 even with unsupported items', async () => {
    const res = await runCli(['check', FIXTURE]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('wx APIs (');
    expect(res.stdout).toContain('  ✗ wx.startSoterAuthentication — ');
    expect(res.stdout).toContain('      pages/index/index.js:8:8');
    expect(res.stdout).toContain('  ✗ button.open-type.contact — WeChat customer service does not exist on Telegram');
    expect(res.stdout).toMatch(/wx2tg check: \d+ items \(\d+ uses\): \d+ supported, \d+ partial, \d+ unsupported\n$/);
  });

  it('--json prints the report in its documented schema', async () => {
    const res = await runCli(['check', FIXTURE, '--json']);
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout) as CheckReport;
    expect(Object.keys(json)).toEqual(['schema', 'program', 'summary', 'items']);
    expect(json.schema).toBe('wx2tg-check/1');
    expect(json.program).toBe(FIXTURE);
    expect(Object.keys(json.summary)).toEqual(['total', 'api', 'component', 'attribute', 'config']);
    for (const c of Object.values(json.summary)) expect(Object.keys(c).sort()).toEqual(['partial', 'supported', 'unsupported', 'uses']);
    for (const i of json.items) {
      expect(['api', 'component', 'attribute', 'config']).toContain(i.kind);
      expect(['supported', 'partial', 'unsupported']).toContain(i.status);
      expect(typeof i.name).toBe('string');
      if (i.status !== 'supported') expect(typeof i.note, i.name).toBe('string');
      expect(Object.keys(i).filter((k) => !['kind', 'name', 'status', 'note', 'uses'].includes(k))).toEqual([]);
      expect(i.uses.length).toBeGreaterThan(0);
      for (const u of i.uses) {
        expect(Object.keys(u)).toEqual(['file', 'line', 'column']);
        expect(u.file).not.toMatch(/^\/|\\/);
        expect(u.line).toBeGreaterThan(0);
        expect(u.column).toBeGreaterThan(0);
      }
    }
    expect(json).toEqual(JSON.parse(JSON.stringify(checkProgram(FIXTURE).report)));
  });

  it('--html writes one self-contained page that opens in Chromium', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'wx2tg-check-')), 'report.html');
    const res = await runCli(['check', FIXTURE, '--html', out]);
    expect(res.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    // No external reference: no http(s) or protocol-relative src/href, no stylesheet link or import, url() only to #ids.
    expect(/(src|href)\s*=\s*["']?(https?:)?\/\//i.test(html)).toBe(false);
    expect(/<link\b|@import|url\(\s*['"]?(?!#)/i.test(html)).toBe(false);
    expect(/<(img|script|iframe)[^>]*\ssrc=/i.test(html)).toBe(false);
    expect(html).toContain('<svg class="donut"');
    expect(html).toContain('wx.startSoterAuthentication');

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('file://' + out);
    expect(requests).toEqual(['file://' + out]);
    const rows = page.locator('tr.item');
    const total = await rows.count();
    expect(total).toBe(checkProgram(FIXTURE).report.items.length);
    await page.screenshot({ path: '/tmp/check-report.png', fullPage: true });
    // The status filter and the name filter.
    await page.getByRole('button', { name: /^Unsupported/ }).click();
    const unsupported = checkProgram(FIXTURE).report.summary.total.unsupported;
    expect(await page.locator('tr.item:visible').count()).toBe(unsupported);
    await page.getByRole('button', { name: /^All/ }).click();
    await page.getByPlaceholder('Filter by name…').fill('soter');
    expect(await page.locator('tr.item:visible').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exit 1 with the build’s diagnostics when the program cannot be read; 2 on bad usage', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-check-empty-'));
    const bad = await runCli(['check', empty]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('WX1001');
    expect(bad.stdout).toBe('');
    expect((await runCli(['check'])).code).toBe(2);
    expect((await runCli(['check', FIXTURE, '--nope'])).code).toBe(2);
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('wx2tg check <miniprogram-dir> [--json] [--html report.html]');
  });
});

describe('scanners', () => {
  it('finds wx members in every form, and nothing else', () => {
    const { uses, specifiers } = scanScript(
      [
        "import a from './a';",
        'const { request, showToast: toast } = wx;',
        "wx['navigateTo']({ url: '/x' });",
        'wx?.getSystemInfoSync();',
        'foo.wx.notThis();',
        'const other = { wx: 1 }.wx;',
        "require('./b');",
      ].join('\n'),
      'x.js',
    );
    expect(uses.map((u) => [u.name, u.line, u.column])).toEqual([
      ['request', 2, 9],
      ['showToast', 2, 18],
      ['navigateTo', 3, 4],
      ['getSystemInfoSync', 4, 5],
    ]);
    expect(uses[2]!.params).toEqual([{ name: 'url', line: 3, column: 20 }]);
    expect(specifiers).toEqual(['./a', './b']);
  });

  it('reads which APIs are implemented from docs/api-coverage.md, as the runtime test writes it', () => {
    const doc = readFileSync(path.join(REPO, 'docs/api-coverage.md'), 'utf8');
    const count = Number(/\*\*(\d+) implemented/.exec(doc)![1]);
    expect(implementedApis().size).toBe(count);
    for (const name of ['request', 'showToast', 'navigateTo', 'getStorageSync', 'login']) expect(implementedApis().has(name), name).toBe(true);
    expect(implementedApis().has('startSoterAuthentication')).toBe(false);
    expect(apiSupport('noSuchThing')).toEqual({ status: 'unsupported', note: 'not a documented member of wx' });
    expect(() => parseApiCoverage('# wx API coverage\n\n## Implemented\n\n- `wx.a`\n\n## Unsupported\n')).toThrow(/shape/);
    expect([...parseApiCoverage('**2 implemented, 1 unsupported, 3 in all.**\n\n## Implemented\n\n- `wx.a`\n- `wx.b`\n\n## Unsupported\n\n`c`\n')]).toEqual(['a', 'b']);
  });

  it('locates json keys by path', () => {
    const offsets = jsonKeyOffsets('{"a": {"b": [1, {"c": "}"}]}, "d\\"e": true}');
    expect([...offsets]).toEqual([
      ['a', 1],
      ['a.b', 7],
      ['a.b.1.c', 17],
      ['d"e', 30],
    ]);
  });
});
