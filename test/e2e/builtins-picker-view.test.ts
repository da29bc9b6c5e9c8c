/**
 * picker-view / picker-view-column in Chromium: rows snap to the indicator after a mouse drag, a
 * finger drag, a fling, the mouse wheel, the arrow keys and a tap on a row; pickstart → change →
 * pickend; value set by the program; immediate-change.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, touchPage, watchErrors } from '../helpers/browser.js';
import { buildAndServe, writeProgram, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let context: BrowserContext;
let app: BuiltSample;
let page: Page;
let cdp: CDPSession;
let errors: string[];

const WXML = `
<picker-view id="pv" indicator-style="height: 50px;" style="width: 100%; height: 250px;" value="{{value}}"
  bindchange="onChange" bindpickstart="onStart" bindpickend="onEnd">
  <picker-view-column id="years"><view wx:for="{{years}}" wx:key="*this" class="row">{{item}}</view></picker-view-column>
  <picker-view-column id="months"><view wx:for="{{months}}" wx:key="*this" class="row">{{item}}</view></picker-view-column>
</picker-view>
<view id="echo">{{years[value[0]]}}/{{months[value[1]]}}</view>
<view id="events">{{events}}</view>
<picker-view id="quick" immediate-change style="height: 150px" bindchange="onQuick">
  <picker-view-column><view wx:for="{{months}}" wx:key="*this">{{item}}</view></picker-view-column>
</picker-view>
<view id="quick-echo">{{quick}}</view>
`;

const JS = `Page({
  data: { years: [2020,2021,2022,2023,2024,2025,2026,2027,2028,2029,2030], months: [1,2,3,4,5,6,7,8,9,10,11,12], value: [2, 0], events: '', quick: '' },
  log(s) { this.setData({ events: (this.data.events + ' ' + s).trim() }) },
  onStart() { this.log('start') },
  onChange(e) { this.log('change'); this.setData({ value: e.detail.value }) },
  onEnd() { this.log('end') },
  onQuick(e) { this.setData({ quick: e.detail.value.join(',') + '@' + (this.data.quickSeen ? 'again' : 'first') }) },
})`;

beforeAll(async () => {
  const dir = writeProgram({
    'app.json': '{"pages": ["pages/a/a"]}',
    'pages/a/a.wxml': WXML,
    'pages/a/a.wxss': '.row { line-height: 50px; text-align: center; }',
    'pages/a/a.js': JS,
  });
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe(dir)]);
  ({ context, page, cdp } = await touchPage(browser));
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#years .row').first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const echo = (): Promise<string | null> => page.textContent('#echo');
const events = (): Promise<string | null> => page.textContent('#events');
const clearEvents = (): Promise<void> => page.evaluate(() => (window as any).getCurrentPages()[0].setData({ events: '' }));

/** The text of the row of a column that sits in the indicator (its centre within 1px). */
const atIndicator = (col: string): Promise<string | undefined> =>
  page.evaluate((col) => {
    const ind = document.querySelector('#pv .wx-picker-view__indicator')!.getBoundingClientRect();
    const mid = ind.top + ind.height / 2;
    const row = [...document.querySelectorAll(`${col} > *`)].find((r) => Math.abs(r.getBoundingClientRect().top + r.getBoundingClientRect().height / 2 - mid) < 1);
    return row?.textContent ?? undefined;
  }, col);

/**
 * A quick mouse flick whose input events carry their own timestamps, 16 ms apart as a real flick's,
 * so that its speed is the same however busy the test machine is.
 */
async function flick(from: { x: number; y: number }, to: { x: number; y: number }, steps: number): Promise<void> {
  const t0 = Date.now() / 1000;
  const at = (i: number) => ({ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps });
  await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at(0), button: 'left', buttons: 1, clickCount: 1, timestamp: t0 });
  for (let i = 1; i <= steps; i++) await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at(i), button: 'left', buttons: 1, timestamp: t0 + i * 0.016 });
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at(steps), button: 'left', buttons: 0, clickCount: 1, timestamp: t0 + steps * 0.016 + 0.001 });
}

async function slowMouseDrag(x: number, y0: number, y1: number): Promise<void> {
  await page.mouse.move(x, y0);
  await page.mouse.down();
  await page.mouse.move(x, y1, { steps: 8 });
  await page.waitForTimeout(150); // rest before letting go: no fling
  await page.mouse.up();
}

describe('picker-view', () => {
  it('shows the value: rows are as tall as the indicator and the chosen one sits in it', async () => {
    expect(await page.locator('#years .row').first().evaluate((el) => el.getBoundingClientRect().height)).toBe(50);
    await expect.poll(() => atIndicator('#years')).toBe('2022');
    expect(await atIndicator('#months')).toBe('1');
    expect(await echo()).toBe('2022/1');
  });

  it('a mouse drag up by two rows picks two rows on: pickstart, change after settling, pickend', async () => {
    const box = (await page.locator('#years').boundingBox())!;
    const x = box.x + box.width / 2;
    await slowMouseDrag(x, box.y + 125, box.y + 25);
    await expect.poll(echo).toBe('2024/1');
    await expect.poll(events).toBe('start change end');
    expect(await atIndicator('#years')).toBe('2024');
  });

  it('a finger drag (real touch input) on the second column', async () => {
    await clearEvents();
    const box = (await page.locator('#months').boundingBox())!;
    const x = box.x + box.width / 2;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: box.y + 200 }] });
    for (let i = 1; i <= 8; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: box.y + 200 - (i * 160) / 8 }] });
    await page.waitForTimeout(150);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(echo).toBe('2024/4');
    await expect.poll(events).toBe('start change end');
    expect(await atIndicator('#months')).toBe('4');
  });

  it('a fling carries the column further than the drag', async () => {
    const box = (await page.locator('#years').boundingBox())!;
    const x = box.x + box.width / 2;
    await flick({ x, y: box.y + 150 }, { x, y: box.y + 90 }, 3);
    // 60px is about one row; the speed takes it further, and never past the last year.
    await expect.poll(async () => Number((await echo())!.split('/')[0])).toBeGreaterThan(2025);
    await expect.poll(() => atIndicator('#years')).toBe((await echo())!.split('/')[0]);
  });

  it('the mouse wheel moves a row per notch and settles', async () => {
    await page.evaluate(() => (window as any).getCurrentPages()[0].setData({ value: [2, 0] }));
    await expect.poll(() => atIndicator('#years')).toBe('2022');
    await clearEvents();
    const box = (await page.locator('#years').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 125);
    await page.mouse.wheel(0, 50);
    await expect.poll(echo).toBe('2023/1');
    await expect.poll(events).toBe('start change end');
    await page.mouse.wheel(0, -100);
    await expect.poll(echo).toBe('2021/1');
  });

  it('arrow keys move the focused column; a tap on a row brings it to the indicator', async () => {
    await page.locator('#months').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(echo).toBe('2021/3');
    const box = (await page.locator('#months').boundingBox())!;
    // The indicator is rows 100–150 of the 250px column; a tap at 185 is the next row down.
    await page.mouse.click(box.x + box.width / 2, box.y + 185);
    await expect.poll(echo).toBe('2021/4');
    await expect.poll(() => atIndicator('#months')).toBe('4');
  });

  it('immediate-change fires change as the finger lifts', async () => {
    const box = (await page.locator('#quick').boundingBox())!;
    await page.mouse.move(box.x + 100, box.y + 75);
    await page.mouse.down();
    await page.mouse.move(box.x + 100, box.y + 75 - 34, { steps: 4 });
    await page.waitForTimeout(150);
    await page.mouse.up();
    // Before the 250 ms settle is over.
    await expect.poll(() => page.textContent('#quick-echo'), { timeout: 200, interval: 20 }).toBe('1@first');
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
  });
});
