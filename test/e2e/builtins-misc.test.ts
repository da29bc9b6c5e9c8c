/**
 * cover-view / cover-image, web-view (a cross-origin page that posts messages), map (no tiles:
 * pins where they would be, taps with coordinates, an "Open in maps" link through Telegram, the
 * MapContext), open-data from the Telegram user, and the "not available on Telegram" boxes, in
 * Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeLog, launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, writeProgram, type BuiltSample } from '../helpers/sample.js';
import { serveStatic, type StaticServer } from '../helpers/serve.js';

let browser: Browser;
let app: BuiltSample;
let other: StaticServer;
let page: Page;
let errors: string[];

const DOT = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="6"><rect width="8" height="6" fill="#07c160"/></svg>';

const WXML = `
<view id="cover-box" style="position: relative; height: 60px">
  <cover-view id="cover" style="width: 120px" scroll-top="0">A long line of text that does not fit in the box</cover-view>
  <cover-image id="cover-img" src="/images/dot.svg" style="width: 16px" bindload="onCoverLoad"></cover-image>
</view>
<map id="map" latitude="48.8584" longitude="2.2945" scale="14" markers="{{markers}}" polyline="{{polyline}}"
  style="width: 360px; height: 200px" bindmarkertap="onMarker" bindcallouttap="onCallout" bindtap="onMapTap"></map>
<open-data id="nick" type="userNickName"></open-data>
<open-data id="lang" type="userLanguage"></open-data>
<open-data id="city" type="userCity" default-text="somewhere" binderror="onOpenDataError"></open-data>
<open-data id="avatar" type="userAvatarUrl" default-avatar="/images/dot.svg" style="display: block; width: 40px; height: 40px"></open-data>
<camera id="camera" binderror="onCameraError"></camera>
<live-player id="live"></live-player>
<ad id="ad" unit-id="x"></ad>
<official-account id="oa"></official-account>
<web-view wx:if="{{web}}" id="web" src="{{web}}" bindload="onWebLoad" bindmessage="onWebMessage" binderror="onWebError"></web-view>
`;

const JS = `Page({
  data: {
    web: '',
    markers: [
      { id: 1, latitude: 48.8584, longitude: 2.2945, title: 'Tower', callout: { content: 'Eiffel Tower', display: 'ALWAYS' } },
      { id: 2, latitude: 48.8606, longitude: 2.3376, title: 'Louvre', label: { content: 'Louvre' } },
    ],
    polyline: [{ points: [{ latitude: 48.8584, longitude: 2.2945 }, { latitude: 48.8606, longitude: 2.3376 }], color: '#ff0000', width: 3 }],
  },
  onLoad() { this.log = [] },
  onCoverLoad(e) { this.log.push('cover:' + e.detail.width + 'x' + e.detail.height) },
  onMarker(e) { this.log.push('marker:' + e.detail.markerId) },
  onCallout(e) { this.log.push('callout:' + e.detail.markerId) },
  onMapTap(e) { this.tapAt = e.detail },
  onOpenDataError() { this.log.push('open-data:error') },
  onCameraError(e) { this.log.push('camera:' + e.detail.errMsg) },
  onWebLoad(e) { this.log.push('web:load:' + e.detail.src.split('/').pop()) },
  onWebMessage(e) { this.log.push('web:message:' + JSON.stringify(e.detail.data)) },
  onWebError(e) { this.log.push('web:error:' + e.detail.src) },
})`;

const EMBEDDED = `<!doctype html><title>embedded</title><p>embedded page</p>
<script>parent.postMessage({ data: { hello: 'from the web-view' } }, '*'); try { parent.document.title = 'pwned' } catch (e) { parent.postMessage({ data: 'blocked' }, '*') }</script>`;

beforeAll(async () => {
  const dir = writeProgram({ 'images/dot.svg': DOT, 'app.json': '{"pages": ["pages/a/a"]}', 'pages/a/a.wxml': WXML, 'pages/a/a.js': JS });
  const site = writeProgram({ 'index.html': EMBEDDED }, 'wx2tg-embedded-');
  [browser, app, other] = await Promise.all([launchBrowser(), buildAndServe(dir), serveStatic(site)]);
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#map .wx-map__marker').first().waitFor({ state: 'attached' });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await other?.close();
});

const log = (): Promise<string[]> => page.evaluate(() => (window as any).getCurrentPages()[0].log);

describe('cover-view / cover-image', () => {
  it('cover-view keeps its text on one line (WeChat’s default); cover-image loads and reports its size', async () => {
    expect(await page.locator('#cover').evaluate((el) => [getComputedStyle(el).whiteSpace, getComputedStyle(el).overflow, el.scrollWidth > el.clientWidth])).toEqual(['nowrap', 'hidden', true]);
    await expect.poll(log).toContain('cover:8x6');
    expect(await page.locator('#cover-img').evaluate((el) => Math.round(el.getBoundingClientRect().height))).toBe(12);
  });
});

describe('map', () => {
  it('says that there is no map, places the pins and the route around the centre, and shows callouts', async () => {
    const map = page.locator('#map');
    expect(await map.locator('.wx-map__note').textContent()).toBe('Map not available offline');
    expect(await map.locator('.wx-map__caption').textContent()).toBe('48.8584, 2.2945 · 2 markers');
    const box = (await map.boundingBox())!;
    const pins = await map.locator('.wx-map__marker').evaluateAll((els) => els.map((e) => [parseFloat((e as HTMLElement).style.left), parseFloat((e as HTMLElement).style.top)]));
    // The tower is the centre; the Louvre is east (right) and a little north (up) of it.
    expect(pins[0]).toEqual([box.width / 2, box.height / 2]);
    expect(pins[1]![0]).toBeGreaterThan(box.width / 2 + 100);
    expect(pins[1]![1]).toBeLessThan(box.height / 2);
    expect(await map.locator('.wx-map__callout').textContent()).toBe('Eiffel Tower');
    expect(await map.locator('.wx-map__label').textContent()).toBe('Louvre');
    expect(await map.locator('polyline').getAttribute('stroke')).toBe('#ff0000');
  });

  it('markertap / callouttap with the marker id; a tap elsewhere gives its coordinates', async () => {
    await page.locator('#map .wx-map__pin').nth(1).click();
    await page.locator('#map .wx-map__callout').click();
    expect(await log()).toEqual(expect.arrayContaining(['marker:2', 'callout:1']));
    await page.locator('#map .wx-map__marker').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(log).toContain('marker:1');
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 20);
    const at = await page.evaluate(() => (window as any).getCurrentPages()[0].tapAt);
    expect(at.longitude).toBeCloseTo(2.2945, 4);
    expect(at.latitude).toBeGreaterThan(48.8584);
  });

  it('"Open in maps" opens OpenStreetMap at the centre through Telegram', async () => {
    await page.locator('#map .wx-map__open').click();
    const calls = (await bridgeLog(page)).filter((c) => c.method === 'web_app_open_link');
    expect(calls.at(-1)!.params.url).toBe('https://www.openstreetmap.org/?mlat=48.8584&mlon=2.2945#map=14/48.8584/2.2945');
  });

  it('wx.createMapContext: getCenterLocation, moveToLocation, getScale', async () => {
    const res = await page.evaluate(async () => {
      const ctx = (window as any).wx.createMapContext('map');
      const first = await new Promise<any>((success) => ctx.getCenterLocation({ success }));
      await new Promise((success) => ctx.moveToLocation({ latitude: 51.5, longitude: -0.12, success }));
      const second = await new Promise<any>((success) => ctx.getCenterLocation({ success }));
      const scale = await new Promise<any>((success) => ctx.getScale({ success }));
      return [first, second, scale];
    });
    expect(res).toEqual([
      { latitude: 48.8584, longitude: 2.2945, errMsg: 'getCenterLocation:ok' },
      { latitude: 51.5, longitude: -0.12, errMsg: 'getCenterLocation:ok' },
      { scale: 14, errMsg: 'getScale:ok' },
    ]);
    await expect.poll(() => page.locator('#map .wx-map__caption').textContent()).toBe('51.5, -0.12 · 2 markers');
  });
});

describe('open-data', () => {
  it('the Telegram user’s name and language; what Telegram does not tell shows default-text / default-avatar', async () => {
    expect(await page.textContent('#nick')).toBe('Ada Tester');
    expect(await page.textContent('#lang')).toBe('en');
    expect(await page.textContent('#city')).toBe('somewhere');
    expect(await page.locator('#avatar img').getAttribute('src')).toMatch(/\/images\/dot\.svg$/);
    await expect.poll(log).toContain('open-data:error');
  });
});

describe('not available on Telegram', () => {
  it('camera, live-player, ad and official-account are visible boxes that say so, and fire error', async () => {
    for (const [id, text] of [['camera', 'Camera'], ['live', 'Live player'], ['ad', 'Ad'], ['oa', 'Official account']]) {
      const box = page.locator(`#${id}`);
      expect(await box.isVisible()).toBe(true);
      expect(await box.textContent()).toBe(`${text} · not available on Telegram`);
    }
    expect((await page.locator('#live').boundingBox())!.height).toBe(225);
    await expect.poll(log).toContain('camera:camera:fail not available on Telegram');
  });
});

describe('web-view', () => {
  it('shows a cross-origin page over the page, hears what it posts, and the page cannot reach the program', async () => {
    await page.evaluate((url) => (window as any).getCurrentPages()[0].setData({ web: url }), other.url + 'index.html');
    const frame = page.locator('#web iframe');
    await frame.waitFor();
    const box = (await page.locator('#web').boundingBox())!;
    expect([box.x, box.width, box.y + box.height]).toEqual([0, 390, 844]);
    await expect.poll(log).toEqual(expect.arrayContaining(['web:load:index.html', 'web:message:[{"hello":"from the web-view"}]', 'web:message:["blocked"]']));
    expect(await page.title()).not.toBe('pwned');
    expect(await page.frameLocator('#web iframe').locator('p').textContent()).toBe('embedded page');
  });

  it('a javascript: src is refused with binderror', async () => {
    await page.evaluate(() => (window as any).getCurrentPages()[0].setData({ web: 'javascript:alert(1)' }));
    await expect.poll(log).toContain('web:error:javascript:alert(1)');
    expect(await page.locator('#web iframe').getAttribute('src')).toBeNull();
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
  });
});
