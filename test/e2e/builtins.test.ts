/**
 * Built-ins without a sample page of their own yet (textarea, icon, progress, slider), in a
 * small program written here, built by the CLI and driven in Chromium.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let page: Page;
let errors: string[];

const WXML = `
<textarea id="notes" auto-height placeholder="Notes" model:value="{{notes}}" bindlinechange="onLines" />
<view id="notes-echo">{{notes.length}} chars, {{lines}} lines</view>
<view id="icons"><icon type="success" /><icon type="warn" size="40" /><icon type="search" color="#ff0000" /></view>
<progress id="bar" percent="{{percent}}" show-info stroke-width="8" activeColor="#ff6600" />
<slider id="slider" min="0" max="10" step="2" value="4" show-value bindchanging="onChanging" model:value="{{level}}" />
<view id="slider-echo">level {{level}} changing {{changing}}</view>
<picker id="fruit" range="{{fruits}}" range-key="name" value="{{fruit}}" bindchange="onFruit"><view>Fruit: {{fruits[fruit].name}}</view></picker>
<picker id="combo" mode="multiSelector" range="{{combo}}" model:value="{{comboValue}}" bindcolumnchange="onColumn"><view id="combo-echo">{{comboValue}} / column {{lastColumn}}</view></picker>
<picker id="when" mode="date" start="2026-01-01" end="2026-12-31" model:value="{{day}}"><view id="day-echo">Day: {{day}}</view></picker>
`;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-builtins-'));
  mkdirSync(path.join(dir, 'pages/a'), { recursive: true });
  writeFileSync(path.join(dir, 'app.json'), '{"pages": ["pages/a/a"]}');
  writeFileSync(path.join(dir, 'pages/a/a.wxml'), WXML);
  writeFileSync(
    path.join(dir, 'pages/a/a.js'),
    "Page({ data: { notes: '', lines: 0, percent: 40, level: 4, changing: 0, fruits: [{ name: 'Apple' }, { name: 'Pear' }, { name: 'Plum' }], fruit: 0, combo: [['S', 'M', 'L'], ['red', 'blue']], comboValue: [0, 0], lastColumn: -1, day: '2026-11-24' }, onLines(e) { this.setData({ lines: e.detail.lineCount }) }, onChanging(e) { this.setData({ changing: e.detail.value }) }, onFruit(e) { this.setData({ fruit: Number(e.detail.value) }) }, onColumn(e) { this.setData({ lastColumn: e.detail.column }) } })",
  );
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe(dir)]);
  page = await browser.newPage({ viewport: { width: 390, height: 700 }, permissions: ['clipboard-read', 'clipboard-write'] });
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#notes').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('built-ins in Chromium', () => {
  it('textarea: model:value, auto-height grows with its lines, linechange', async () => {
    const before = await page.locator('#notes').evaluate((el) => el.getBoundingClientRect().height);
    await page.locator('#notes textarea').fill('one\ntwo\nthree');
    await expect.poll(() => page.textContent('#notes-echo')).toBe('13 chars, 3 lines');
    const after = await page.locator('#notes').evaluate((el) => el.getBoundingClientRect().height);
    expect(after).toBeGreaterThan(before * 2);
  });

  it('icon: types, size and colour as inline SVG', async () => {
    const sizes = await page.locator('#icons svg').evaluateAll((els) => els.map((e) => e.getAttribute('width')));
    expect(sizes).toEqual(['23', '40', '23']);
    expect(await page.locator('#icons wx-icon').nth(0).evaluate((el) => getComputedStyle(el).color)).toBe('rgb(7, 193, 96)');
    expect(await page.locator('#icons wx-icon').nth(2).evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 0, 0)');
  });

  it('progress: percent, info text, stroke width and colour', async () => {
    expect(await page.locator('#bar .wx-progress__info').textContent()).toBe('40%');
    const fill = page.locator('#bar .wx-progress__fill');
    expect(await fill.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 102, 0)');
    const ratio = await page.locator('#bar').evaluate((el) => (el.querySelector('.wx-progress__fill') as HTMLElement).offsetWidth / (el.querySelector('.wx-progress__bar') as HTMLElement).offsetWidth);
    expect(ratio).toBeCloseTo(0.4, 2);
    expect(await page.locator('#bar .wx-progress__bar').evaluate((el) => getComputedStyle(el).height)).toBe('8px');
  });

  it('slider: dragging fires changing, release fires change, steps and model:value', async () => {
    const track = await page.locator('#slider .wx-slider__track').boundingBox();
    await page.mouse.move(track!.x + track!.width * 0.55, track!.y + 1);
    await page.mouse.down();
    await page.mouse.move(track!.x + track!.width * 0.79, track!.y + 1);
    await expect.poll(() => page.textContent('#slider-echo')).toBe('level 4 changing 8');
    await page.mouse.up();
    await expect.poll(() => page.textContent('#slider-echo')).toBe('level 8 changing 8');
    expect(await page.locator('#slider .wx-slider__value').textContent()).toBe('8');
  });

  it('picker: selector with range-key, multiSelector with columnchange, date within start/end', async () => {
    await page.click('#fruit');
    await page.locator('wx-picker-sheet .wx-picker-sheet__option', { hasText: 'Plum' }).click();
    await page.locator('wx-picker-sheet .wx-picker-sheet__confirm').click();
    await expect.poll(() => page.textContent('#fruit')).toBe('Fruit: Plum');
    await page.click('#combo');
    await page.locator('wx-picker-sheet .wx-picker-sheet__column').nth(1).locator('.wx-picker-sheet__option', { hasText: 'blue' }).click();
    await page.locator('wx-picker-sheet .wx-picker-sheet__column').nth(0).locator('.wx-picker-sheet__option', { hasText: 'L' }).click();
    await page.locator('wx-picker-sheet .wx-picker-sheet__confirm').click();
    await expect.poll(() => page.textContent('#combo-echo')).toBe('2,1 / column 0');
    await page.click('#when');
    const input = page.locator('wx-picker-sheet input');
    expect(await input.getAttribute('type')).toBe('date');
    expect(await input.getAttribute('max')).toBe('2026-12-31');
    await input.fill('2026-12-01');
    await page.locator('wx-picker-sheet .wx-picker-sheet__confirm').click();
    await expect.poll(() => page.textContent('#day-echo')).toBe('Day: 2026-12-01');
    // cancel leaves the value alone
    await page.click('#fruit');
    await page.locator('wx-picker-sheet .wx-picker-sheet__cancel').click();
    expect(await page.textContent('#fruit')).toBe('Fruit: Plum');
  });

  it('clipboard, haptics and image preview', async () => {
    const wx = (expr: string) => page.evaluate(`(window.wx.${expr}).then((r) => r, (e) => e)`);
    expect(await wx("setClipboardData({ data: 'hello from wx2tg' })")).toEqual({ errMsg: 'setClipboardData:ok' });
    expect(await page.locator('wx-toast').textContent()).toBe('Copied');
    expect(await wx('getClipboardData()')).toEqual({ data: 'hello from wx2tg', errMsg: 'getClipboardData:ok' });
    expect(await wx("vibrateShort({ type: 'heavy' })")).toEqual({ errMsg: 'vibrateShort:ok' });
    const log = await page.evaluate(() => (window as any).__wx2tgBridgeLog.filter((c: any) => c.method === 'web_app_trigger_haptic_feedback').map((c: any) => c.params));
    expect(log).toEqual([{ type: 'impact', impact_style: 'heavy' }]);
    const gif = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
    await wx(`previewImage({ urls: ['${gif}', '${gif}#2', '${gif}#3'], current: '${gif}#2' })`);
    const viewer = page.locator('wx-preview-image');
    expect(await viewer.locator('.wx-preview-image__counter').textContent()).toBe('2 / 3');
    await viewer.click({ position: { x: 380, y: 300 } });
    expect(await viewer.locator('.wx-preview-image__counter').textContent()).toBe('3 / 3');
    await viewer.click({ position: { x: 195, y: 300 } });
    expect(await viewer.count()).toBe(0);
    expect(await wx('previewImage({ urls: [] })')).toEqual({ errMsg: 'previewImage:fail parameter error: parameter.urls should be a non-empty Array' });
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
  });
});
