/**
 * samples/gallery in Chromium: every family page opens from the index, renders its components
 * and answers touch and mouse the way the page says; screenshots of each page at phone size
 * (390 × 844) and desktop width (1280 × 800). With UPDATE_SCREENSHOTS=1 they are written to
 * docs/gallery-<page>-<phone|desktop>.png (look at them before committing).
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, REPO, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let phone: BrowserContext;
let page: Page;
let errors: string[];

const SHOTS = process.env.UPDATE_SCREENSHOTS ? path.join(REPO, 'docs') : path.join(os.tmpdir(), 'wx2tg-gallery-shots');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe('samples/gallery')]);
  // Screenshots at 1 device pixel per CSS pixel keep docs/ light.
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  page = await phone.newPage();
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#nav-basic').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Opens a family page from the index, as a user would. */
async function open(name: string): Promise<void> {
  if (!(await page.locator(`#nav-${name}`).isVisible())) {
    await page.evaluate(() => (window as any).wx.reLaunch({ url: '/pages/index/index' }));
    await page.locator(`#nav-${name}`).waitFor();
  }
  await page.click(`#nav-${name}`);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/pages/${name}/${name}`);
}

async function shoot(name: string): Promise<void> {
  // From the top (the navigation bar is fixed there), pictures decoded.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => Promise.all([...document.images].filter((i) => i.src).map((i) => i.decode().catch(() => undefined))));
  await page.screenshot({ path: path.join(SHOTS, `gallery-${name}-phone.png`), fullPage: true });
}

const pageVar = (name: string): Promise<any> => page.evaluate((n) => { const p = (window as any).getCurrentPages(); return p[p.length - 1][n]; }, name);

describe('samples/gallery', () => {
  it('index: one entry per family', async () => {
    expect(await page.locator('.family').count()).toBe(5);
    await shoot('index');
  });

  it('basic: view hover-class, text lines by setData, icons, progress, rich-text without its script', async () => {
    await open('basic');
    expect(await page.locator('wx-icon svg').count()).toBe(17);
    await page.click('#add-line');
    await page.click('#add-line');
    await expect.poll(() => page.textContent('#lines')).toBe('Another line of text.\nAnd one more, added by setData.');
    await page.click('#progress-more');
    await expect.poll(() => page.textContent('#progress-main .wx-progress__info')).toBe('30%');
    expect(await page.locator('#rich-html h3').textContent()).toBe('A heading');
    expect(await page.locator('#rich-html script').count()).toBe(0);
    await shoot('basic');
  });

  it('form: buttons, choices, slider, inputs, pickers, picker-view and the form’s submit', async () => {
    await open('form');
    await page.click('#btn-warn');
    await expect.poll(() => page.textContent('#tapped')).toBe('Tapped: warn');
    await page.locator('#name input').fill('Ada');
    await expect.poll(() => page.textContent('#name-echo')).toBe('Hello, Ada');
    // Slider by mouse.
    const track = (await page.locator('#slider .wx-slider__track').boundingBox())!;
    await page.mouse.click(track.x + track.width * 0.8, track.y + 1);
    await expect.poll(() => page.textContent('#slider-echo')).toBe('Volume 80');
    // A picker sheet.
    await page.click('#picker-country');
    await page.locator('wx-picker-sheet .wx-picker-sheet__option', { hasText: 'Japan' }).click();
    await page.locator('wx-picker-sheet .wx-picker-sheet__confirm').click();
    await expect.poll(() => page.textContent('#picker-country')).toContain('Japan');
    // The embedded picker-view by the mouse wheel.
    await page.locator('#picker-view').scrollIntoViewIfNeeded();
    const pv = (await page.locator('#picker-view wx-picker-view-column').first().boundingBox())!;
    await page.mouse.move(pv.x + pv.width / 2, pv.y + pv.height / 2);
    await page.mouse.wheel(0, 48);
    await expect.poll(() => page.textContent('#pv-echo')).toBe('2027-06-15');
    await page.click('#submit');
    await expect.poll(() => page.textContent('#result')).toContain('"name":"Ada"');
    const result = JSON.parse((await page.textContent('#result'))!);
    expect(result).toMatchObject({ fruit: ['apple'], size: 'M', notify: true, agree: false, volume: 80, country: 3, date: '2026-06-15' });
    await shoot('form');
  });

  it('media: image modes, video by its context, audio card, 2d chart, a signature by finger, export', async () => {
    await open('media');
    await expect.poll(() => page.textContent('#image-size')).toBe('widthFix · bindload 600 × 400');
    await expect.poll(() => pageVar('chartDrawn')).toBe(true);
    await expect.poll(() => pageVar('padReady')).toBe(true);
    await page.locator('#pad').scrollIntoViewIfNeeded();
    const pad = (await page.locator('#pad').boundingBox())!;
    const cdp = await phone.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: pad.x + 40, y: pad.y + 120 }] });
    for (let i = 1; i <= 12; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: pad.x + 40 + i * 22, y: pad.y + 120 + Math.sin(i / 2) * 30 }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => pageVar('strokes')).toBe(12);
    await page.click('#pad-export');
    await page.locator('#pad-image img').waitFor();
    expect(await page.locator('#pad-image img').getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => page.textContent('#camera-error')).toBe('camera:fail not available on Telegram');
    await page.click('#video-play');
    await expect.poll(() => page.textContent('#video-state')).toMatch(/^playing/);
    await page.click('#video-pause');
    await expect.poll(() => page.textContent('#video-state')).toBe('pause');
    await shoot('media');
  });

  it('layout: pull-to-refresh, chips, a circular swiper by finger, movable by mouse', async () => {
    await open('layout');
    const list = (await page.locator('#list').boundingBox())!;
    await page.mouse.move(list.x + 100, list.y + 20);
    await page.mouse.down();
    await page.mouse.move(list.x + 100, list.y + 160, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.textContent('#refresh-state')).toBe('Refreshed 1×');
    await page.locator('#strip .chip').nth(4).click();
    await expect.poll(() => page.locator('#strip .chip--on').textContent()).toBe('Dairy');
    const sw = (await page.locator('#swiper').boundingBox())!;
    const cdp = await phone.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: sw.x + 60, y: sw.y + sw.height / 2 }] });
    for (let i = 1; i <= 8; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: sw.x + 60 + i * 35, y: sw.y + sw.height / 2 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => page.textContent('#swipe-state')).toBe('Slide 4 of 4 (touch)');
    await page.locator('#area').scrollIntoViewIfNeeded();
    const mover = (await page.locator('#mover').boundingBox())!;
    await page.mouse.move(mover.x + 30, mover.y + 30);
    await page.mouse.down();
    await page.mouse.move(mover.x + 130, mover.y + 60, { steps: 8 });
    await page.waitForTimeout(150);
    await page.mouse.up();
    await expect.poll(() => page.textContent('#move-state')).toBe('x 100 · y 30 · scale 1 (touch)');
    await page.click('#move-home');
    await expect.poll(() => page.textContent('#move-state'), { timeout: 5000 }).toMatch(/^x 0 · y 0 · scale 1\s*$/);
    await shoot('layout');
  });

  it('open abilities: the Telegram user, the map with its pins, the unavailable boxes', async () => {
    await open('open');
    expect(await page.textContent('#nickname')).toBe('Ada Tester');
    await page.locator('#map .wx-map__pin').nth(2).click();
    await expect.poll(() => page.textContent('#map-state')).toBe('Marker: The Shard');
    expect(await page.textContent('#ad')).toBe('Ad · not available on Telegram');
    await shoot('open');
  });

  it('desktop width: the pages keep their phone width in the middle of the window', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const name of ['index', 'form', 'layout']) {
      if (name === 'index') await page.evaluate(() => (window as any).wx.reLaunch({ url: '/pages/index/index' }));
      else await open(name);
      await page.locator(name === 'index' ? '#nav-basic' : 'wx-page:not([hidden])').first().waitFor();
      const width = await page.locator('wx-app').evaluate((el) => el.getBoundingClientRect().width);
      expect(width).toBeLessThanOrEqual(600);
      await page.waitForTimeout(50);
      await page.screenshot({ path: path.join(SHOTS, `gallery-${name}-desktop.png`) });
    }
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
  });
});
