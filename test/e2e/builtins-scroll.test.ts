/**
 * scroll-view (directions kept under a style attribute, pull-to-refresh by touch and by mouse,
 * enable-back-to-top, show-scrollbar) and swiper (a circular wrap that slides, by mouse and by
 * touch), in a small program built by the CLI and driven in Chromium.
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
<scroll-view id="list" scroll-y style="height: 300px; background: #eee" refresher-enabled refresher-threshold="60"
  refresher-triggered="{{triggered}}" bindrefresherpulling="onPulling" bindrefresherrefresh="onRefresh"
  bindrefresherrestore="onRestore" bindrefresherabort="onAbort" enable-back-to-top show-scrollbar="{{false}}">
  <view wx:for="{{rows}}" wx:key="*this" class="row" style="height: 50px">Row {{item}}</view>
</scroll-view>
<view id="log">{{log}}</view>
<swiper id="loop" circular duration="300" indicator-dots style="height: 120px" bindchange="onSwipe" bindanimationfinish="onSettled">
  <swiper-item wx:for="{{slides}}" wx:key="*this" item-id="{{item}}"><view class="slide">{{item}}</view></swiper-item>
</swiper>
<view id="swipes">{{swipes}}</view>
<swiper id="flat" style="height: 80px" current="{{flatCurrent}}" bindchange="onFlat">
  <swiper-item>one</swiper-item><swiper-item>two</swiper-item>
</swiper>
<view id="flat-log">{{flatLog}}</view>
`;

const JS = `Page({
  data: { rows: [1,2,3,4,5,6,7,8,9,10,11,12], triggered: false, log: '', slides: ['A','B','C'], swipes: '', flatCurrent: 0, flatLog: '' },
  add(s) { this.setData({ log: (this.data.log + ' ' + s).trim() }) },
  onPulling(e) { this.maxPull = Math.max(this.maxPull || 0, e.detail.dy) },
  onRefresh(e) {
    this.add('refresh(' + (this.maxPull >= 60 ? 'past' : 'short') + ')');
    this.maxPull = 0;
    this.setData({ triggered: true });
  },
  finish() { this.setData({ triggered: false }) },
  onRestore() { this.add('restore') },
  onAbort() { this.add('abort'); this.maxPull = 0 },
  onSwipe(e) { this.setData({ swipes: (this.data.swipes + ' ' + e.detail.current + ':' + e.detail.source + ':' + e.detail.currentItemId).trim() }) },
  onSettled() {},
  onFlat(e) { this.setData({ flatLog: (this.data.flatLog + ' ' + e.detail.current + ':' + (e.detail.source || 'set')).trim() }) },
})`;

beforeAll(async () => {
  const dir = writeProgram({ 'app.json': '{"pages": ["pages/a/a"], "window": {"navigationBarTitleText": "Scroll"}}', 'pages/a/a.wxml': WXML, 'pages/a/a.js': JS });
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe(dir)]);
  ({ context, page, cdp } = await touchPage(browser));
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#list .row').first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A finger drag through the browser's real touch pipeline (native scrolling included). */
async function touchDrag(from: { x: number; y: number }, to: { x: number; y: number }, steps = 10): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.x, y: from.y }] });
  for (let i = 1; i <= steps; i++) {
    const x = from.x + ((to.x - from.x) * i) / steps;
    const y = from.y + ((to.y - from.y) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function mouseDrag(from: { x: number; y: number }, to: { x: number; y: number }, steps = 10): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

const log = (): Promise<string | null> => page.textContent('#log');
const refresherHeight = (): Promise<number> => page.locator('#list .wx-scroll-view__refresher').evaluate((el) => Math.round(el.getBoundingClientRect().height));

describe('scroll-view', () => {
  it('keeps scrolling when a style attribute follows scroll-y, and hides its scrollbar', async () => {
    const list = page.locator('#list');
    expect(await list.evaluate((el) => getComputedStyle(el).overflowY)).toBe('auto');
    expect(await list.evaluate((el) => getComputedStyle(el).scrollbarWidth)).toBe('none');
    await list.evaluate((el) => (el.scrollTop = 100));
    expect(await list.evaluate((el) => el.scrollTop)).toBe(100);
  });

  it('enable-back-to-top: a double tap on the navigation bar scrolls it to the top', async () => {
    await page.locator('wx-navigation-bar').dblclick();
    await expect.poll(() => page.locator('#list').evaluate((el) => el.scrollTop)).toBe(0);
  });

  it('a short touch pull aborts; a long one refreshes, holds the area open, and restores when triggered turns false', async () => {
    const box = (await page.locator('#list').boundingBox())!;
    const x = box.x + box.width / 2;
    await touchDrag({ x, y: box.y + 20 }, { x, y: box.y + 50 });
    await expect.poll(log).toBe('abort');
    await expect.poll(refresherHeight).toBe(0);
    await touchDrag({ x, y: box.y + 20 }, { x, y: box.y + 160 });
    await expect.poll(log).toBe('abort refresh(past)');
    // Held at the threshold while refreshing, and the list did not scroll under the finger.
    await expect.poll(refresherHeight).toBe(60);
    expect(await page.locator('#list').evaluate((el) => el.scrollTop)).toBe(0);
    await page.evaluate(() => (window as any).getCurrentPages()[0].finish());
    await expect.poll(log).toBe('abort refresh(past) restore');
    await expect.poll(refresherHeight).toBe(0);
  });

  it('a touch drag upwards scrolls the list instead of pulling', async () => {
    const box = (await page.locator('#list').boundingBox())!;
    const x = box.x + box.width / 2;
    await touchDrag({ x, y: box.y + 250 }, { x, y: box.y + 100 });
    await expect.poll(() => page.locator('#list').evaluate((el) => el.scrollTop)).toBeGreaterThan(50);
    expect(await refresherHeight()).toBe(0);
    // Back to the top once the fling has run out.
    await expect
      .poll(() => page.locator('#list').evaluate((el) => new Promise<number>((r) => ((el.scrollTop = 0), requestAnimationFrame(() => requestAnimationFrame(() => r(el.scrollTop)))))))
      .toBe(0);
  });

  it('a mouse drag at the top pulls too (Telegram Desktop)', async () => {
    const box = (await page.locator('#list').boundingBox())!;
    const x = box.x + box.width / 2;
    await mouseDrag({ x, y: box.y + 20 }, { x, y: box.y + 200 });
    await expect.poll(log).toBe('abort refresh(past) restore refresh(past)');
    await page.evaluate(() => (window as any).getCurrentPages()[0].finish());
    await expect.poll(log).toBe('abort refresh(past) restore refresh(past) restore');
  });
});

describe('swiper', () => {
  /** Item A's left edge on every frame, relative to the swiper, until it has rested at 0 (or 3 s). */
  const sampleA = (): Promise<number[]> =>
    page.locator('#loop').evaluate(
      (el) =>
        new Promise<number[]>((resolve) => {
          const a = el.querySelector('wx-swiper-item') as HTMLElement;
          const xs: number[] = [];
          const t0 = performance.now();
          const tick = (): void => {
            xs.push(Math.round(a.getBoundingClientRect().left - el.getBoundingClientRect().left));
            const rested = xs.length > 3 && xs.slice(-3).every((x) => x === 0);
            if (!rested && performance.now() - t0 < 3000) requestAnimationFrame(tick);
            else resolve(xs);
          };
          tick();
        }),
    );

  it('circular: dragging past the last item brings the first in from the right, without a jump', async () => {
    const box = (await page.locator('#loop').boundingBox())!;
    const y = box.y + box.height / 2;
    await mouseDrag({ x: box.x + 300, y }, { x: box.x + 60, y });
    await expect.poll(() => page.textContent('#swipes')).toBe('1:touch:B');
    await mouseDrag({ x: box.x + 300, y }, { x: box.x + 60, y });
    await expect.poll(() => page.textContent('#swipes')).toBe('1:touch:B 2:touch:C');
    await page.waitForTimeout(350);
    // Now on C: drag left and watch A come in from the right edge, never from the left.
    await page.mouse.move(box.x + 300, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 100, y, { steps: 8 });
    const during = await page.locator('#loop wx-swiper-item').first().evaluate((el) => Math.round(el.getBoundingClientRect().left));
    expect(during).toBeGreaterThan(box.x + 150);
    await page.mouse.up();
    const frames = await sampleA();
    expect(Math.min(...frames)).toBe(0);
    expect(Math.max(...frames)).toBeLessThanOrEqual(Math.round(box.width));
    for (let i = 1; i < frames.length; i++) expect(frames[i]!).toBeLessThanOrEqual(frames[i - 1]!);
    await expect.poll(() => page.textContent('#swipes')).toBe('1:touch:B 2:touch:C 0:touch:A');
    expect(await page.locator('#loop .wx-swiper__dot').evaluateAll((ds) => ds.map((d) => (d as HTMLElement).style.backgroundColor))).toEqual(['rgb(0, 0, 0)', 'rgba(0, 0, 0, 0.3)', 'rgba(0, 0, 0, 0.3)']);
  });

  it('circular: a touch swipe to the right from the first item shows the last one', async () => {
    const box = (await page.locator('#loop').boundingBox())!;
    const y = box.y + box.height / 2;
    await touchDrag({ x: box.x + 60, y }, { x: box.x + 320, y });
    await expect.poll(() => page.textContent('#swipes')).toBe('1:touch:B 2:touch:C 0:touch:A 2:touch:C');
    await expect.poll(() => page.locator('#loop wx-swiper-item').nth(2).evaluate((el) => Math.round(el.getBoundingClientRect().left))).toBe(Math.round(box.x));
  });

  it('setting current moves the swiper and fires change with an empty source', async () => {
    await page.evaluate(() => (window as any).getCurrentPages()[0].setData({ flatCurrent: 1 }));
    await expect.poll(() => page.textContent('#flat-log')).toBe('1:set');
    await expect.poll(() => page.locator('#flat wx-swiper-item').nth(1).evaluate((el) => Math.round(el.getBoundingClientRect().left))).toBe(0);
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
  });
});
