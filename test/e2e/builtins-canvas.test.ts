/**
 * canvas in Chromium at devicePixelRatio 2: a type="2d" node from createSelectorQuery sized by the
 * program, webgl, the legacy wx.createCanvasContext API (shapes, text, gradients, pictures by path,
 * draw with reserve and callback), wx.canvasToTempFilePath to a blob: URL, and WeChat's canvas
 * touches ({x, y} on the canvas) from the mouse and from a finger.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, touchPage, watchErrors } from '../helpers/browser.js';
import { buildAndServe, writeProgram, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let context: BrowserContext;
let app: BuiltSample;
let page: Page;
let errors: string[];

const WXML = `
<canvas id="c2d" type="2d" style="width: 200px; height: 100px"></canvas>
<canvas id="legacy" canvas-id="legacy" style="width: 200px; height: 100px" disable-scroll
  bindtouchstart="onTouch" bindtouchmove="onTouch" bindtouchend="onTouch" bindlongtap="onLong"></canvas>
<canvas id="gl" type="webgl" style="width: 50px; height: 50px"></canvas>
`;

const JS = `Page({
  onLoad() { this.touches = [] },
  onReady() {
    wx.createSelectorQuery().select('#c2d').fields({ node: true, size: true }).exec((res) => {
      const { node: canvas, width, height } = res[0];
      const dpr = wx.getSystemInfoSync().pixelRatio;
      canvas.width = width * dpr;
      canvas.height = height * dpr;
      const ctx = canvas.getContext('2d');
      ctx.scale(dpr, dpr);
      ctx.fillStyle = 'rgb(255, 0, 0)';
      ctx.fillRect(0, 0, 100, 100);
      const img = canvas.createImage();
      img.onload = () => { ctx.drawImage(img, 150, 50, 50, 50); this.node = { width, height, backing: [canvas.width, canvas.height], dpr, image: true } };
      img.src = '/images/dot.svg';
    });
    wx.createSelectorQuery().select('#gl').node().exec((res) => {
      const gl = res[0].node.getContext('webgl');
      if (!gl) return (this.gl = 'none');
      gl.clearColor(0, 0, 1, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      const px = new Uint8Array(4);
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      this.gl = Array.from(px).join(',');
    });
    const ctx = wx.createCanvasContext('legacy');
    ctx.setFillStyle('#00ff00');
    ctx.fillRect(100, 0, 100, 100);
    const g = ctx.createLinearGradient(0, 0, 100, 0);
    g.addColorStop(0, '#ff0000');
    g.addColorStop(1, '#0000ff');
    ctx.setFillStyle(g);
    ctx.fillRect(0, 80, 100, 20);
    ctx.drawImage('/images/dot.svg', 0, 0, 40, 40);
    ctx.setFontSize(20);
    ctx.setFillStyle('black');
    this.textWidth = ctx.measureText('Hello').width;
    ctx.fillText('Hello', 45, 30);
    ctx.draw(false, () => {
      // reserve: a second draw keeps the first picture.
      ctx.beginPath();
      ctx.arc(150, 50, 10, 0, 2 * Math.PI);
      ctx.setFillStyle('#ffff00');
      ctx.fill();
      ctx.draw(true, () => (this.drawn = true));
    });
  },
  onTouch(e) { this.touches.push([e.type, e.touches.length, e.changedTouches[0].x, e.changedTouches[0].y]) },
  onLong(e) { this.longtap = [e.detail.x, e.detail.y] },
  exportPart() {
    return new Promise((resolve, reject) => wx.canvasToTempFilePath({ canvasId: 'legacy', x: 100, y: 0, width: 100, height: 100, success: resolve, fail: reject }));
  },
})`;

const DOT = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#0000ff"/></svg>';

beforeAll(async () => {
  const dir = writeProgram({ 'images/dot.svg': DOT, 'app.json': '{"pages": ["pages/a/a"]}', 'pages/a/a.wxml': WXML, 'pages/a/a.js': JS });
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe(dir)]);
  ({ context, page } = await touchPage(browser, 2));
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#legacy canvas').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const pageVar = (name: string): Promise<any> => page.evaluate((n) => (window as any).getCurrentPages()[0][n], name);
/** RGBA of the backing-store pixel under CSS point (x, y) of a 2d canvas. */
const pixel = (sel: string, x: number, y: number): Promise<number[]> =>
  page.locator(`${sel} canvas`).evaluate((c, [x, y]) => {
    const canvas = c as HTMLCanvasElement;
    const r = canvas.width / canvas.clientWidth;
    return [...canvas.getContext('2d')!.getImageData(Math.floor(x! * r), Math.floor(y! * r), 1, 1).data];
  }, [x, y]);

describe('canvas', () => {
  it('type="2d": the node is the real canvas; the program sizes its backing store, the CSS size stays', async () => {
    await expect.poll(() => pageVar('node')).toEqual({ width: 200, height: 100, backing: [400, 200], dpr: 2, image: true });
    expect(await page.locator('#c2d').evaluate((el) => [el.getBoundingClientRect().width, el.getBoundingClientRect().height])).toEqual([200, 100]);
    expect(await pixel('#c2d', 50, 50)).toEqual([255, 0, 0, 255]);
    // createImage resolved the program path.
    expect(await pixel('#c2d', 175, 75)).toEqual([0, 0, 255, 255]);
    expect(await pixel('#c2d', 175, 25)).toEqual([0, 0, 0, 0]);
  });

  it('type="webgl": a WebGL context on the node', async () => {
    await expect.poll(() => pageVar('gl')).toBeTruthy();
    const gl = await pageVar('gl');
    // Some headless builds have no WebGL at all; where there is, the clear colour is read back.
    if (gl !== 'none') expect(gl).toBe('0,0,255,255');
  });

  it('legacy: a backing store of CSS size × devicePixelRatio, drawing in CSS pixels, draw(reserve, callback)', async () => {
    await expect.poll(() => pageVar('drawn')).toBe(true);
    expect(await page.locator('#legacy canvas').evaluate((c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height])).toEqual([400, 200]);
    expect(await pixel('#legacy', 180, 10)).toEqual([0, 255, 0, 255]); // fillRect
    expect(await pixel('#legacy', 150, 50)).toEqual([255, 255, 0, 255]); // the arc of the second, reserved draw
    expect(await pixel('#legacy', 20, 20)).toEqual([0, 0, 255, 255]); // drawImage by path
    const left = await pixel('#legacy', 2, 90);
    const right = await pixel('#legacy', 98, 90);
    expect(left[0]).toBeGreaterThan(200); // the gradient runs red → blue
    expect(right[2]).toBeGreaterThan(200);
    expect(await pageVar('textWidth')).toBeGreaterThan(30);
    const text = await page.locator('#legacy canvas').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext('2d')!.getImageData(90, 20, 100, 50).data; // around "Hello" at (45, 30) CSS
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 128 && d[i]! < 80 && d[i + 1]! < 80) dark++;
      return dark;
    });
    expect(text).toBeGreaterThan(50);
  });

  it('canvasToTempFilePath: a region at devicePixelRatio as a blob: URL', async () => {
    const res = await page.evaluate(async () => {
      const r = await (window as any).getCurrentPages()[0].exportPart();
      const img = new Image();
      img.src = r.tempFilePath;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return { errMsg: r.errMsg, url: r.tempFilePath.slice(0, 5), size: [img.width, img.height], corner: [...ctx.getImageData(180, 10, 1, 1).data], centre: [...ctx.getImageData(100, 100, 1, 1).data] };
    });
    expect(res).toEqual({ errMsg: 'canvasToTempFilePath:ok', url: 'blob:', size: [200, 200], corner: [0, 255, 0, 255], centre: [255, 255, 0, 255] });
    const missing = await page.evaluate(() => (window as any).wx.canvasToTempFilePath({ canvasId: 'nope' }).catch((e: any) => e.errMsg));
    expect(missing).toBe('canvasToTempFilePath:fail canvas "nope" not found');
  });

  it('touches carry x/y on the canvas, by mouse; a long press is a longtap', async () => {
    const box = (await page.locator('#legacy').boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 30);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 40, { steps: 2 });
    await page.mouse.up();
    expect(await pageVar('touches')).toEqual([
      ['touchstart', 1, 20, 30],
      ['touchmove', 1, 40, 35],
      ['touchmove', 1, 60, 40],
      ['touchend', 0, 60, 40],
    ]);
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await expect.poll(() => pageVar('longtap')).toEqual([10, 10]);
    await page.mouse.up();
  });

  it('and by finger, without scrolling the page (disable-scroll)', async () => {
    await page.evaluate(() => ((window as any).getCurrentPages()[0].touches = []));
    const box = (await page.locator('#legacy').boundingBox())!;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: box.x + 100, y: box.y + 80 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: box.x + 100, y: box.y + 20 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const touches = await pageVar('touches');
    expect(touches[0]).toEqual(['touchstart', 1, 100, 80]);
    expect(touches.at(-1)).toEqual(['touchend', 0, 100, 20]);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
  });
});
