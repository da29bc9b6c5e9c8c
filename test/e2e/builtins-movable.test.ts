/**
 * movable-area / movable-view in Chromium: placement from x/y, dragging by mouse and by finger
 * within bounds, htouchmove/vtouchmove, x/y set by the program animating with source '', inertia
 * (friction), out-of-bounds with its spring back, scaling by wheel and by a two-finger pinch, and a
 * style binding that does not lose the position.
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
<movable-area id="area" style="width: 300px; height: 300px; background: #eee">
  <movable-view id="box" direction="all" x="{{x}}" y="{{y}}" style="{{boxStyle}}" bindchange="onChange" bindhtouchmove="onH" bindvtouchmove="onV">A</movable-view>
</movable-area>
<movable-area id="rail" style="width: 300px; height: 60px; background: #eee">
  <movable-view id="puck" direction="horizontal" inertia style="width: 60px; height: 60px; background: #10aeff" bindchange="onPuck"/>
</movable-area>
<movable-area id="loose" style="width: 300px; height: 100px; background: #eee">
  <movable-view id="elastic" direction="all" out-of-bounds damping="40" style="width: 60px; height: 60px; background: #fa5151" bindchange="onElastic"/>
</movable-area>
<movable-area id="zoomer" scale-area style="width: 300px; height: 200px; background: #eee">
  <movable-view id="photo" direction="all" scale scale-min="0.5" scale-max="4" style="width: 100px; height: 100px; background: #333" bindscale="onScale"/>
</movable-area>
`;

const JS = `Page({
  data: { x: 30, y: 40, boxStyle: 'width: 60px; height: 60px; background: #07c160' },
  onLoad() { this.ev = { box: [], h: 0, v: 0, puck: [], elastic: [], scale: [] } },
  onChange(e) { this.ev.box.push(e.detail) },
  onH() { this.ev.h++ },
  onV() { this.ev.v++ },
  onPuck(e) { this.ev.puck.push(e.detail) },
  onElastic(e) { this.ev.elastic.push(e.detail) },
  onScale(e) { this.ev.scale.push(e.detail) },
})`;

beforeAll(async () => {
  const dir = writeProgram({ 'app.json': '{"pages": ["pages/a/a"]}', 'pages/a/a.wxml': WXML, 'pages/a/a.js': JS });
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe(dir)]);
  ({ context, page, cdp } = await touchPage(browser));
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#box').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The view's top-left corner relative to its area, rounded. */
const at = (id: string): Promise<[number, number]> =>
  page.locator(id).evaluate((el) => {
    const a = el.parentElement!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return [Math.round(r.left - a.left), Math.round(r.top - a.top)] as [number, number];
  });
const events = (): Promise<any> => page.evaluate(() => (window as any).getCurrentPages()[0].ev);
const resetEvents = (): Promise<void> => page.evaluate(() => (window as any).getCurrentPages()[0].onLoad());

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

async function slowDrag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.waitForTimeout(150); // rest: no fling
  await page.mouse.up();
}

async function centre(id: string): Promise<{ x: number; y: number }> {
  const b = (await page.locator(id).boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

describe('movable-view', () => {
  it('starts at x/y without a change event', async () => {
    await expect.poll(() => at('#box')).toEqual([30, 40]);
    expect((await events()).box).toEqual([]);
  });

  it('a mouse drag moves it (source touch) and fires htouchmove once', async () => {
    const c = await centre('#box');
    await slowDrag(c, { x: c.x + 100, y: c.y + 50 });
    expect(await at('#box')).toEqual([130, 90]);
    const ev = await events();
    expect(ev.h).toBe(1);
    expect(ev.v).toBe(0);
    expect(new Set(ev.box.map((d: any) => d.source))).toEqual(new Set(['touch']));
    expect(ev.box.at(-1)).toMatchObject({ x: 130, y: 90 });
  });

  it('stays inside the area when dragged past its edge', async () => {
    const c = await centre('#box');
    await slowDrag(c, { x: c.x + 400, y: c.y + 400 });
    expect(await at('#box')).toEqual([240, 240]);
  });

  it('x/y set by the program animate there with source ""', async () => {
    await resetEvents();
    await page.evaluate(() => (window as any).getCurrentPages()[0].setData({ x: 0, y: 0 }));
    await expect.poll(() => at('#box'), { timeout: 5000 }).toEqual([0, 0]);
    const ev = await events();
    expect(ev.box.length).toBeGreaterThan(3); // it moved through frames, not a jump
    expect(ev.box.every((d: any) => d.source === '')).toBe(true);
  });

  it('a finger drag moves it and fires vtouchmove for a vertical start', async () => {
    await resetEvents();
    const c = await centre('#box');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: c.x, y: c.y }] });
    for (let i = 1; i <= 8; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: c.x + i * 2, y: c.y + i * 10 }] });
    await page.waitForTimeout(150);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    expect(await at('#box')).toEqual([16, 80]);
    const ev = await events();
    expect([ev.h, ev.v]).toEqual([0, 1]);
  });

  it('a style binding rewriting the inline style keeps the position', async () => {
    await page.evaluate(() => (window as any).getCurrentPages()[0].setData({ boxStyle: 'width: 60px; height: 60px; background: #576b95' }));
    await expect.poll(() => page.locator('#box').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(87, 107, 149)');
    expect(await at('#box')).toEqual([16, 80]);
  });

  it('inertia: a fling slides on (source friction), never past the edge', async () => {
    const c = await centre('#puck');
    await flick(c, { x: c.x + 60, y: c.y }, 3);
    await expect.poll(async () => (await events()).puck.at(-1)?.source).toBe('friction');
    // Settled (the same place on two looks 200 ms apart), well past where the mouse let go.
    const settled = async (): Promise<number> => {
      const [a] = await at('#puck');
      await page.waitForTimeout(200);
      const [b] = await at('#puck');
      return a === b ? b : -1;
    };
    await expect.poll(settled, { timeout: 5000 }).toBeGreaterThan(90);
    const xs = (await events()).puck.map((d: any) => d.x);
    expect(Math.max(...xs)).toBeLessThanOrEqual(240);
  });

  it('out-of-bounds: dragged past the edge with resistance, then springs back', async () => {
    const c = await centre('#elastic');
    await slowDrag(c, { x: c.x - 100, y: c.y });
    const ev = (await events()).elastic;
    expect(ev.some((d: any) => d.source === 'touch-out-of-bounds')).toBe(true);
    // Resistance: 100px past the edge shows as about a third of that.
    expect(Math.min(...ev.map((d: any) => d.x))).toBeGreaterThan(-50);
    await expect.poll(() => at('#elastic'), { timeout: 5000 }).toEqual([0, 0]);
    expect((await events()).elastic.at(-1)).toMatchObject({ x: 0, y: 0, source: 'out-of-bounds' });
  });

  it('scale: the mouse wheel and a two-finger pinch (scale-area) zoom, within scale-max', async () => {
    const c = await centre('#photo');
    await page.mouse.move(c.x, c.y);
    await page.mouse.wheel(0, -200);
    await expect.poll(async () => (await events()).scale.at(-1)?.scale ?? 1).toBeGreaterThan(1.3);
    const w1 = (await page.locator('#photo').boundingBox())!.width;
    expect(w1).toBeGreaterThan(130);
    // Two fingers on the area spreading apart.
    const a = (await page.locator('#zoomer').boundingBox())!;
    const y = a.y + a.height / 2;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: a.x + 120, y, id: 1 }, { x: a.x + 180, y, id: 2 }] });
    for (let i = 1; i <= 6; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: a.x + 120 - i * 15, y, id: 1 }, { x: a.x + 180 + i * 15, y, id: 2 }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const last = (await events()).scale.at(-1);
    expect(last.scale).toBe(4);
    expect(Math.round((await page.locator('#photo').boundingBox())!.width)).toBe(400);
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
  });
});
