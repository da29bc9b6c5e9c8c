/**
 * samples/cloud-notes — a program written in WeChat's cloud-development style (wx.cloud.init,
 * cloud functions through wx-server-sdk, the cloud database with db.command, cloud storage
 * with <image src="cloud://…">) — runs unchanged in the simulator against `wx2tg serve
 * --program`, the way a developer would run it. Only the server URL in app.json is pointed at
 * this run's server. The database is then read back to check what the pages wrote.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_BOT_TOKEN, startDevServer } from '../../dist/compiler/dev.js';
import { startServe, type ServeHandle } from '../../dist/compiler/cli/serve.js';
import { signInitData, TelegramStandIn } from '../../dist/server/index.js';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { REPO } from '../helpers/sample.js';

// A 2×2 PNG (red), as the file the user picks.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

let tmp: string;
let serve: ServeHandle;
let tg: TelegramStandIn;
let serverUrl: string;
let browser: Browser;
let dev: ViteDevServer;
let page: Page;
let app: Frame;
let errors: string[];

const rows = async (sql: string, params: (string | number)[] = []) => serve.server.store.db.query(sql, params);
const notes = async () => (await rows(`SELECT doc FROM wx2tg_cloud_docs WHERE coll = 'notes' ORDER BY created_at`)).map((r) => JSON.parse(String(r.doc)) as Record<string, any>);

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-cloud-notes-'));
  const program = path.join(tmp, 'cloud-notes');
  cpSync(path.join(REPO, 'samples/cloud-notes'), program, { recursive: true });
  // Telegram's Bot API (getMe at start) is the one part played by a stand-in.
  tg = await new TelegramStandIn({ token: DEV_BOT_TOKEN, username: 'cloud_notes_bot' }).start();
  serve = await startServe(
    ['--program', program, '--config', path.join(program, 'server/wx2tg-server.json'), '--port', '0', '--host', '127.0.0.1', '--no-webhook'],
    { BOT_TOKEN: DEV_BOT_TOKEN, DATABASE_URL: path.join(tmp, 'notes.sqlite'), TELEGRAM_API_ROOT: tg.apiRoot },
  );
  serverUrl = `${serve.server.url}/wx2tg`;
  // The developer's one step: point app.json at the server.
  const appJson = path.join(program, 'miniprogram/app.json');
  writeFileSync(appJson, readFileSync(appJson, 'utf8').replace('http://127.0.0.1:8787/wx2tg', serverUrl));
  [browser, dev] = await Promise.all([launchBrowser(), startDevServer(program, { port: 0, backend: false })]);
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  errors = watchErrors(page);
  await page.goto(dev.resolvedUrls!.local[0]!);
  await page.frameLocator('#app-frame').locator('wx-view.compose').waitFor();
  app = (await (await page.$('#app-frame'))!.contentFrame())!;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await dev?.close();
  await serve?.stop();
  await tg?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function add(text: string): Promise<void> {
  const input = app.locator('wx-input.draft input');
  await input.fill(text);
  await app.locator('wx-button.add').click();
  await app.locator('wx-view.note .text', { hasText: text }).waitFor();
}

const listTexts = () => app.locator('wx-view.note .text').allTextContents();

describe('cloud-notes against wx2tg serve', () => {
  it('the login cloud function answers with the same openid the notes are written under', async () => {
    await app.locator('wx-text.openid', { hasText: /^[A-Za-z0-9_-]{20,}$/ }).waitFor();
    const openid = (await app.locator('wx-text.openid').textContent())!.trim();
    await add('Buy milk');
    await add('Call Ada');
    expect(await listTexts()).toEqual(['Call Ada', 'Buy milk']); // orderBy('createdAt', 'desc')
    const stored = await notes();
    expect(stored.map((n) => n.text)).toEqual(['Buy milk', 'Call Ada']);
    for (const n of stored) {
      expect(n._openid).toBe(openid);
      expect(n.createdAt).toEqual({ $date: expect.any(Number) }); // db.serverDate() became the server's time
      expect(Math.abs(n.createdAt.$date - Date.now())).toBeLessThan(120_000);
    }
    // stats come from a cloud function reading the admin database
    await app.locator('wx-view.stats', { hasText: '2 notes · 0 done' }).waitFor();
  });

  it('db.command.inc, update with _.remove/serverDate, where with _.neq, and the live (watch) count', async () => {
    await app.locator('wx-text.open-count', { hasText: '2' }).waitFor();
    const milk = app.locator('wx-view.note', { hasText: 'Buy milk' });
    await milk.locator('.like').click();
    await milk.locator('.like', { hasText: '♥ 1' }).waitFor();
    await milk.locator('.like').click();
    await milk.locator('.like', { hasText: '♥ 2' }).waitFor();
    await milk.locator('.check').click();
    await app.locator('wx-view.note.done', { hasText: 'Buy milk' }).waitFor();
    const stored = (await notes()).find((n) => n.text === 'Buy milk')!;
    expect(stored).toMatchObject({ likes: 2, done: true, doneAt: { $date: expect.any(Number) } });
    // the watcher polls: the open count follows the change without a reload
    await app.locator('wx-text.open-count', { hasText: /^1$/ }).waitFor({ timeout: 10_000 });
    await app.locator('wx-view.filter', { hasText: /^open$/ }).click();
    await expect.poll(listTexts).toEqual(['Call Ada']);
    await app.locator('wx-view.filter', { hasText: /^done$/ }).click();
    await expect.poll(listTexts).toEqual(['Buy milk']);
    await app.locator('wx-view.filter', { hasText: /^all$/ }).click();
    await expect.poll(listTexts).toEqual(['Call Ada', 'Buy milk']);
    // undoing removes doneAt with _.remove()
    await app.locator('wx-view.note', { hasText: 'Buy milk' }).locator('.check').click();
    await expect.poll(async () => (await notes()).find((n) => n.text === 'Buy milk')).not.toHaveProperty('doneAt');
  });

  it('a picked picture goes to cloud storage and shows through <image src="cloud://…">', async () => {
    const ada = app.locator('wx-view.note', { hasText: 'Call Ada' });
    const chooser = page.waitForEvent('filechooser');
    await ada.locator('.attach').click();
    await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    const img = ada.locator('wx-image.thumb img');
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 15_000 }).toBe(2);
    const stored = (await notes()).find((n) => n.text === 'Call Ada')!;
    expect(stored.fileID).toMatch(/^cloud:\/\/notes-prod\.wx2tg\/notes\/[\w-]+\/[0-9a-f]{32}\.png$/);
    expect(await img.getAttribute('src')).toMatch(/\/wx2tg\/cloud\/files\/raw\/notes\/.+\?e=\d+&s=/);
    const files = await rows(`SELECT path, size, content_type FROM wx2tg_cloud_files`);
    expect(files).toEqual([{ path: stored.fileID.replace('cloud://notes-prod.wx2tg/', ''), size: PNG.length, content_type: 'image/png' }]);
  });

  it('the note page: doc().get(), _.addToSet, downloadFile and getTempFileURL', async () => {
    await app.locator('wx-view.note', { hasText: 'Call Ada' }).locator('.body').click();
    await app.locator('wx-view.created', { hasText: /created \d{4}-\d\d-\d\dT/ }).waitFor();
    for (const tag of ['home', 'home', 'call']) {
      await app.locator('wx-input.tag-input input').fill(tag);
      await app.locator('wx-button.add-tag').click();
      // the page clears the field once the update is done
      await expect.poll(() => app.locator('wx-input.tag-input input').inputValue()).toBe('');
      expect(await app.locator('wx-view.error').allTextContents()).toEqual([]);
      await expect.poll(async () => (await notes()).find((n) => n.text === 'Call Ada')!.tags.filter((t: string) => t === tag).length).toBe(1);
    }
    await expect.poll(() => app.locator('wx-text.tag').allTextContents()).toEqual(['#home', '#call']);
    await app.locator('wx-button.download').click();
    const picture = app.locator('wx-image.picture img');
    await expect.poll(() => picture.evaluate((i: HTMLImageElement) => (i.complete ? i.naturalWidth : 0)), { timeout: 15_000 }).toBe(2);
    expect(await picture.getAttribute('src')).toMatch(/^blob:/);
    const link = (await app.locator('wx-view.link').textContent())!.trim();
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    await page.evaluate(() => (window as any).__wx2tgSimulator.pressBack());
    await app.locator('wx-view.compose').waitFor();
  });

  it('another user’s notes stay private (PRIVATE rule), and clearDone removes only the caller’s done notes and their files', async () => {
    // Bob, another Telegram user, writes through the same HTTP API the runtime uses.
    const bob = `tma ${signInitData({ user: JSON.stringify({ id: 42, first_name: 'Bob' }), auth_date: String(Math.floor(Date.now() / 1000)), chat_type: 'sender', chat_instance: '9' }, DEV_BOT_TOKEN)}`;
    const put = await fetch(`${serverUrl}/cloud/db`, { method: 'POST', headers: { authorization: bob, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'add', collection: 'notes', data: { text: 'Bob’s secret', done: true } }) });
    expect(put.status).toBe(200);
    await app.locator('wx-view.note', { hasText: 'Call Ada' }).locator('.check').click();
    await app.locator('wx-view.note.done', { hasText: 'Call Ada' }).waitFor();
    await app.locator('wx-view.filter', { hasText: /^all$/ }).click();
    await expect.poll(listTexts).toEqual(['Call Ada', 'Buy milk']);
    await app.locator('wx-view.filter.clear').click();
    await expect.poll(listTexts).toEqual(['Buy milk']);
    const left = await notes();
    expect(left.map((n) => n.text).sort()).toEqual(['Bob’s secret', 'Buy milk']);
    expect(await rows(`SELECT path FROM wx2tg_cloud_files`)).toEqual([]); // clearDone deleted the picture
    await app.locator('wx-view.stats', { hasText: '1 notes · 0 done · 1 liked' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('failures reach the program in WeChat’s forms: Promise rejections and fail/complete callbacks', async () => {
    const out = await app.evaluate(async () => {
      const wx = (globalThis as any).wx;
      const db = wx.cloud.database();
      const caught = (p: Promise<unknown>) => p.then(() => 'resolved', (e: any) => `${e.errCode} ${e.errMsg}`);
      const viaCallbacks = (run: (cb: object) => unknown) =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          const ret = run({ fail: (e: any) => seen.push(`fail ${e.errMsg}`), complete: (e: any) => resolve([...seen, `complete ${e.errMsg}`, `returned ${String(ret)}`]) });
        });
      return {
        noCollection: await caught(db.collection('nope').get()),
        noFunction: await caught(wx.cloud.callFunction({ name: 'nothere' })),
        badWhere: await viaCallbacks((cb) => db.collection('notes').where('not an object').get(cb)),
        badCommand: await caught(db.collection('notes').where({ done: db.command.inc(1) }).count()),
        container: await caught(wx.cloud.callContainer({ path: '/x' })),
      };
    });
    expect(out.noCollection).toMatch(/^-502005 collection\.get:fail -502005 database collection not exists: "nope"/);
    expect(out.noFunction).toMatch(/^-501000 cloud\.callFunction:fail Error: errCode: -501000 \[ResourceNotFound\] FunctionName parameter could not be found/);
    expect(out.badWhere).toEqual([
      'fail collection.get:fail -501007 where(condition): condition must be an object or a db.command',
      'complete collection.get:fail -501007 where(condition): condition must be an object or a db.command',
      'returned undefined',
    ]);
    expect(out.badCommand).toMatch(/^-502002 collection\.count:fail -502002 db\.command\.inc cannot be used in a query/);
    expect(out.container).toMatch(/^-501021 cloud\.callContainer:fail -501021 WeChat Cloud Hosting/);
  });

  it('looks right', async () => {
    await page.screenshot({ path: path.join(REPO, 'test-results', 'cloud-notes.png') });
  });
});
