/**
 * samples/wxml-lab: every corner of the WXML template language, built by the real CLI and
 * driven in Chromium — each feature renders, and updates when the data changes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let page: Page;
let errors: string[];

const text = (sel: string): Promise<string> => page.locator(sel).innerText();

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe('samples/wxml-lab')]);
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#greet').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('samples/wxml-lab in Chromium', () => {
  it('interpolates text and expressions; undefined renders as empty; a path setData updates it', async () => {
    expect(await text('#greet')).toBe('Hello Ada!');
    expect(await text('#math')).toBe("2 + 3 = 5; b wins; x2; 4");
    await page.click('#rename');
    await expect.poll(() => text('#greet')).toBe('Hello Grace!');
  });

  it('include brings in the content (with the includer’s data) but not template definitions', async () => {
    expect(await text('#header')).toBe('WXML lab · 3 items');
    expect(await page.locator('text=not included').count()).toBe(0);
  });

  it('wx:if / wx:elif / wx:else, hidden and <block wx:if> follow the data', async () => {
    expect(await text('#cond')).toBe('none');
    expect(await page.isVisible('#hid')).toBe(false);
    await page.click('#cond');
    await expect.poll(() => text('#cond')).toBe('one');
    expect(await page.isVisible('#hid')).toBe(true);
    expect(await page.locator('#blk').count()).toBe(0);
    await page.click('#cond');
    await expect.poll(() => text('#cond')).toBe('many');
    expect(await text('#blk')).toBe('block A');
    expect(await text('#blk2')).toBe('block B');
  });

  it('wx:for over arrays (keyed: rows move, not re-created), objects, strings, numbers, nested renamed loops', async () => {
    expect(await text('#obj')).toBe('tea=3;cake=5;');
    expect(await text('#str')).toBe('[w][x][m][l]');
    expect(await text('#num')).toBe('012');
    expect((await text('#nested')).replace(/\s+/g, ' ').trim()).toBe('G1:0.0=x 0.1=y G2:1.0=z');
    // Tag the DOM nodes, rotate the list: the same nodes come back in the new order.
    await page.evaluate(() => document.querySelectorAll('#list .item').forEach((el, i) => ((el as any).__tag = i)));
    await page.click('#rotate');
    await expect.poll(() => page.locator('#list .item').allInnerTexts()).toEqual(['0:Banana', '1:Cherry', '2:Apple']);
    expect(await page.evaluate(() => [...document.querySelectorAll('#list .item')].map((el) => (el as any).__tag))).toEqual([1, 2, 0]);
    await page.click('#rename-first');
    await expect.poll(() => page.locator('#list .item').first().innerText()).toBe('0:Banana*');
    await page.click('#add');
    await expect.poll(() => page.locator('#list .item').count()).toBe(4);
    expect(await page.evaluate(() => [...document.querySelectorAll('#list .item')].map((el) => (el as any).__tag))).toEqual([1, 2, 0, undefined]);
  });

  it('templates: dynamic is=, data spread, imports are not transitive; switching template re-renders', async () => {
    expect((await text('#tpl')).trim()).toBe('Lamp 12.5 [New] · Lamp');
    expect((await text('#not-transitive')).trim()).toBe('');
    await page.click('#switch-tpl');
    await expect.poll(() => text('#tpl')).toBe('Lamp: 12.5');
  });

  it('wxs modules (src with require, inline) format values; a wxs touch handler moves the knob; change:prop observes', async () => {
    expect(await text('#wxs-price')).toBe('$12.50 GRACE!');
    // change:level ran once at first render with no old value.
    expect(await text('#level-log')).toBe('null->10;');
    const width = (): Promise<number> => page.locator('#bar').evaluate((el) => el.getBoundingClientRect().width);
    const before = await width();
    await page.click('#level-up');
    await expect.poll(() => text('#level-log')).toBe('null->10;10->20;');
    expect(await width()).toBeCloseTo(before * 2, 0);
    const box = (await page.locator('#knob').boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 20, { steps: 4 });
    await page.mouse.move(box.x + 100, box.y + 20, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => text('#dragged')).toBe('dragged 80');
    expect(await page.locator('#knob').evaluate((el) => (el as HTMLElement).style.transform)).toBe('translateX(80px)');
  });

  it('model: writes input and switch values back to the page data', async () => {
    await page.fill('#name input', 'Lin');
    await page.click('#agree');
    await expect.poll(() => text('#model-echo')).toBe('Lin / true');
  });

  it('a relative image path from data resolves against the page, as in its WXML', async () => {
    const img = page.locator('#rel-img img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(2);
    expect(await img.getAttribute('src')).toBe(`${app.server.url}pages/index/dot.png`);
  });

  it('class and style interpolate and update', async () => {
    const chip = page.locator('#chip');
    expect(await chip.getAttribute('class')).toBe('chip ');
    expect(await chip.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(128, 128, 128)');
    await chip.click();
    await expect.poll(() => chip.getAttribute('class')).toBe('chip on');
    expect(await chip.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 128, 0)');
    expect(await chip.evaluate((el) => (el as HTMLElement).style.width)).toBe('calc(300 * var(--rpx))');
  });

  it('custom components: kebab attributes become camelCase properties; named and default slots; generic: with a default', async () => {
    expect((await text('#badge')).replace(/\s+/g, ' ').trim()).toBe('Inbox 3 (default slot)');
    await page.click('#more');
    await expect.poll(async () => (await text('#badge')).replace(/\s+/g, ' ').trim()).toBe('Inbox 4 (default slot)');
    expect((await text('#generic-stars')).trim()).toBe('★ a ★ b');
    expect((await text('#generic-default')).trim()).toBe('☐ c');
  });

  it('events: bubbling, capture, catch, mut-bind, capture-catch, dynamic handler names, dataset and mark', async () => {
    await page.click('#to-events');
    await page.locator('#inner').waitFor();
    await page.click('#inner');
    await expect.poll(() => text('#log')).toBe('capture:outer inner(inner) middle(inner) outer(inner)');
    const detail = JSON.parse(await text('#detail'));
    expect(detail).toEqual({ dataset: { where: 'inner', userId: 7, camelcase: 'lower' }, mark: { level: 'middle', extra: 'm' }, type: 'tap' });
    const step = async (sel: string, expected: string): Promise<void> => {
      await page.click('#clear');
      await expect.poll(() => text('#log')).toBe('');
      await page.click(sel);
      await expect.poll(() => text('#log')).toBe(expected);
    };
    await step('#caught', 'capture:outer caught(caught) catcher(caught)');
    await step('#mut-inner', 'capture:outer mut-inner(mut-inner) outer(mut-inner)');
    await step('#dyn', 'capture:outer first outer(dyn)');
    await step('#dyn', 'capture:outer second outer(dyn)');
    await step('#cc-inner', 'capture:outer capture-catch(cc-inner)');
    expect(errors).toEqual([]);
  });
});
