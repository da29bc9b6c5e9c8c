/**
 * samples/components: a small component library of our own (a cell group with relations, a form
 * with a wx://form-field stepper and model: bindings, tabs with named slots and external
 * classes), built by the real CLI and driven in Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let page: Page;
let errors: string[];

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe('samples/components')]);
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#group').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('samples/components in Chromium', () => {
  it('relations: the group counts its cells and marks the last one, also after a cell is added', async () => {
    expect(await page.textContent('#group')).toContain('Settings (2)');
    const lastCell = page.locator('#group ui-cell').last().locator('[class*="--cell"]').first();
    expect(await lastCell.getAttribute('class')).toMatch(/--cell--last/);
    await page.click('#add-cell');
    await expect.poll(() => page.textContent('#group')).toContain('Settings (3)');
    const cells = page.locator('#group ui-cell');
    expect(await cells.count()).toBe(3);
    expect(await cells.nth(1).locator('[class*="--cell"]').first().getAttribute('class')).not.toMatch(/--cell--last/);
  });

  it('createSelectorQuery measures real layout, in the page and inside a component', async () => {
    // The host element spans the 390px page; inside, .group has 24rpx (12.48px) margins: 365px.
    await expect.poll(() => page.textContent('#measure')).toBe('group 390px wide, 4 titles, inner 365px, scrollTop 0');
  });

  it('a tap inside a cell reaches the page handler with the cell’s dataset', async () => {
    await page.locator('#group ui-cell').nth(1).click();
    await expect.poll(() => page.textContent('#picked')).toBe('Opened: privacy');
  });

  it('component styles are isolated: the cell’s classes are prefixed and styled', async () => {
    const cell = page.locator('#group ui-cell').first().locator('wx-view').first();
    expect(await cell.getAttribute('class')).toMatch(/^c[0-9a-z]+--cell/);
    expect(await cell.evaluate((el) => getComputedStyle(el).display)).toBe('flex');
  });

  it('model: binds the input and the custom stepper both ways, and the form collects both', async () => {
    await page.fill('#name input', 'ada');
    await page.click('#qty-plus');
    await expect.poll(() => page.textContent('#echo')).toBe('Typing: ada × 3');
    await page.click('#qty-plus');
    await page.click('#qty-plus');
    await page.click('#qty-plus'); // max is 5
    await expect.poll(() => page.textContent('#echo')).toBe('Typing: ada × 5');
    // switch, checkbox-group and radio-group, tapped directly and through their labels
    await page.click('#gift');
    await page.click('#label-card');
    await page.click('#label-fast');
    await expect.poll(() => page.textContent('#choices-echo')).toBe('gift true · extras card+ribbon · speed fast');
    expect(await page.getAttribute('#gift', 'aria-checked')).toBe('true');
    await page.click('#submit');
    await expect.poll(() => page.textContent('#result')).toBe('{"username":"ada","qty":5,"gift":true,"extras":["card","ribbon"],"speed":"fast"}');
    await page.click('#reset');
    await expect.poll(() => page.textContent('#result')).toBe('reset');
    expect(await page.inputValue('#name input')).toBe('');
    expect(await page.getAttribute('#gift', 'aria-checked')).toBe('false');
    expect(await page.locator('wx-checkbox[checked]').count()).toBe(1);
    expect(await page.locator('wx-radio[checked]').getAttribute('aria-checked')).toBe('true');
  });

  it('tabs: named slot, default slot, external active class from the page, change event', async () => {
    expect(await page.textContent('#tabs')).toContain('3 tabs');
    const tab = (i: number) => page.locator('#tabs wx-view', { hasText: new RegExp(`^${['Fruit', 'Vegetables', 'Bread'][i]}$`) });
    const color = (i: number) => tab(i).evaluate((el) => getComputedStyle(el).color);
    expect(await color(0)).toBe('rgb(7, 193, 96)');
    await tab(1).click();
    await page.locator('#panel-1').waitFor();
    expect(await color(1)).toBe('rgb(7, 193, 96)');
    expect(await color(0)).not.toBe('rgb(7, 193, 96)');
    expect(await page.locator('#panel-0').count()).toBe(0);
  });

  it('this.animate runs WeChat keyframes to their end state; clearAnimation with options resets only those properties', async () => {
    const box = page.locator('#anim-box');
    await box.scrollIntoViewIfNeeded();
    await page.click('#animate');
    await expect.poll(() => page.textContent('#anim-state')).toBe('animated');
    const style = () => box.evaluate((el) => ({ opacity: getComputedStyle(el).opacity, transform: getComputedStyle(el).transform }));
    const end = await style();
    expect(end.opacity).toBe('0.5');
    // translate(100px) rotate(90deg) → matrix(0, 1, -1, 0, 100, 0) (rounded)
    expect(end.transform.replace(/-?\d+\.\d+e-\d+/g, '0').replace(/\b6\.12323e-17\b/g, '0')).toMatch(/^matrix\(0, 1, -1, 0, 100, 0\)$/);
    await page.click('#clear-anim');
    await expect.poll(() => page.textContent('#anim-state')).toBe('opacity cleared');
    const after = await style();
    expect(after.opacity).toBe('1');
    expect(after.transform).toBe(end.transform);
  });

  it('wx.createAnimation: exported steps bound to animation= run one after another as transitions', async () => {
    const box = page.locator('#wx-anim-box');
    await box.scrollIntoViewIfNeeded();
    await page.click('#wx-animate');
    // Step 1 ends at translateX(50px) and opacity 0.5; step 2 replaces the transform with rotate(90deg).
    await expect.poll(() => box.evaluate((el) => getComputedStyle(el).opacity), { timeout: 5000 }).toBe('0.5');
    await expect
      .poll(() => box.evaluate((el) => getComputedStyle(el).transform.replace(/-?\d+(\.\d+)?e-\d+/g, '0')), { timeout: 5000 })
      .toBe('matrix(0, 1, -1, 0, 0, 0)');
    expect(await box.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0.1s');
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
  });
});
