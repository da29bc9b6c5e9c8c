/**
 * samples/todo in Chromium: add with model: and confirm, check off through a checkbox-group,
 * filters with hidden, persistence across a reload, swipe to delete (movable-view), and clearing
 * completed items after a Telegram popup confirmation.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let page: Page;
let errors: string[];

const titles = (): Promise<string[]> => page.locator('todo-item:visible [class*="--title"]').allInnerTexts();

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe('samples/todo')]);
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#empty').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('samples/todo in Chromium', () => {
  it('adds todos with the button and with the keyboard’s confirm; newest first', async () => {
    await page.fill('#new-title input', 'Buy milk');
    await page.click('#add');
    await expect.poll(titles).toEqual(['Buy milk']);
    expect(await page.inputValue('#new-title input')).toBe('');
    await page.fill('#new-title input', 'Walk the dog');
    await page.press('#new-title input', 'Enter');
    await expect.poll(titles).toEqual(['Walk the dog', 'Buy milk']);
    expect(await page.innerText('#left')).toBe('2 items left');
  });

  it('checking an item marks it done; filters show active or done items only', async () => {
    await page.locator('todo-item', { hasText: 'Walk the dog' }).locator('wx-checkbox').click();
    await expect.poll(() => page.innerText('#left')).toBe('1 item left');
    expect(await page.locator('todo-item', { hasText: 'Walk the dog' }).locator('[class*="--title"]').getAttribute('class')).toMatch(/title--done/);
    await page.click('#filter-active');
    await expect.poll(titles).toEqual(['Buy milk']);
    await page.click('#filter-done');
    await expect.poll(titles).toEqual(['Walk the dog']);
    await page.click('#filter-all');
    await expect.poll(titles).toEqual(['Walk the dog', 'Buy milk']);
  });

  it('the list survives a reload (storage)', async () => {
    await page.reload();
    await expect.poll(titles).toEqual(['Walk the dog', 'Buy milk']);
    expect(await page.innerText('#left')).toBe('1 item left');
  });

  it('a swipe to the left reveals Delete; tapping it removes the item', async () => {
    const row = page.locator('todo-item', { hasText: 'Buy milk' });
    const box = (await row.boundingBox())!;
    await page.mouse.move(box.x + 300, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 150, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    const del = row.locator('[class*="--delete"]');
    await expect.poll(async () => (await del.boundingBox())!.x + (await del.boundingBox())!.width).toBeLessThanOrEqual(390.5);
    await del.click();
    await expect.poll(titles).toEqual(['Walk the dog']);
  });

  it('clear completed asks first (Telegram popup), then removes done items', async () => {
    await page.click('#clear');
    await expect.poll(() => page.evaluate(() => (window as any).__wx2tgSimulator.pending.length)).toBe(1);
    await page.evaluate(() => {
      const sim = (window as any).__wx2tgSimulator;
      sim.answer(sim.pending[0].id, 'confirm');
    });
    await page.locator('#empty').waitFor();
    expect(await page.evaluate(() => (window as any).wx.getStorageSync('todos'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
