/**
 * tabBar.custom: the program's custom-tab-bar component draws the tab bar, one instance per tab
 * page (what getTabBar() returns), and switches tabs with wx.switchTab.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;

function write(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-ctb-'));
  const page = (n: number) => `Page({ onShow() { this.getTabBar().setData({ selected: ${n} }); } })`;
  write(dir, {
    'app.json': JSON.stringify({ pages: ['pages/a/a', 'pages/b/b'], tabBar: { custom: true, list: [{ pagePath: 'pages/a/a', text: 'A' }, { pagePath: 'pages/b/b', text: 'B' }] } }),
    'pages/a/a.wxml': '<view id="page-a">Page A</view>',
    'pages/a/a.js': page(0),
    'pages/b/b.wxml': '<view id="page-b">Page B</view>',
    'pages/b/b.js': page(1),
    'custom-tab-bar/index.json': '{"component": true}',
    'custom-tab-bar/index.wxml': '<view class="bar"><view wx:for="{{list}}" wx:key="path" class="item {{selected === index ? \'on\' : \'\'}}" data-path="{{item.path}}" bindtap="go">{{item.text}}</view></view>',
    'custom-tab-bar/index.wxss': '.bar { display: flex; height: 56px; background: #222; } .item { flex: 1; color: #aaa; text-align: center; line-height: 56px; } .on { color: #fff; }',
    'custom-tab-bar/index.js': "Component({ data: { selected: 0, list: [{ path: '/pages/a/a', text: 'A' }, { path: '/pages/b/b', text: 'B' }] }, methods: { go(e) { wx.switchTab({ url: e.currentTarget.dataset.path }); } } })",
  });
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe(dir)]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('custom-tab-bar', () => {
  it('draws the program’s tab bar per tab page and switches tabs', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 600 } });
    const errors = watchErrors(page);
    await page.goto(app.server.url);
    await page.locator('#page-a').waitFor();
    const bar = page.locator('custom-tab-bar:not([hidden])');
    await expect.poll(() => bar.locator('[class*="--on"]').textContent()).toBe('A');
    expect(await bar.evaluate((el) => el.getBoundingClientRect().bottom)).toBe(600);
    await bar.locator('wx-view', { hasText: /^B$/ }).click();
    await page.locator('#page-b').waitFor();
    await expect.poll(() => page.locator('custom-tab-bar:not([hidden]) [class*="--on"]').textContent()).toBe('B');
    expect(await page.locator('custom-tab-bar').count()).toBe(2);
    expect(await page.evaluate(() => (window as any).getCurrentPages()[0].getTabBar().data.selected)).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
