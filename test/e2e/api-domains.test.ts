/**
 * wx.* domains mapped onto Telegram and the web, in Chromium against the simulator (Telegram's
 * side) and a real HTTP/WebSocket server on 127.0.0.1: each call's result shape, the bridge
 * calls it made, and its fail path in WeChat's errMsg form.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeLog, launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let api: http.Server;
let base: string;
let page: Page;
let errors: string[];

/** The smallest WebSocket echo: handshake, then unmasked text frames back (messages < 126 bytes). */
function acceptWebSocket(req: http.IncomingMessage, socket: Socket): void {
  const key = req.headers['sec-websocket-key'] as string;
  const accept = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.on('data', (buf: Buffer) => {
    const opcode = buf[0]! & 0x0f;
    const len = buf[1]! & 0x7f;
    const mask = buf.subarray(2, 6);
    const payload = Buffer.from(buf.subarray(6, 6 + len).map((b, i) => b ^ mask[i % 4]!));
    if (opcode === 8) {
      // Close: answer with the same status code, as the protocol asks.
      socket.end(Buffer.concat([Buffer.from([0x88, Math.min(payload.length, 2)]), payload.subarray(0, 2)]));
      return;
    }
    const reply = Buffer.from('echo:' + payload.toString());
    socket.write(Buffer.concat([Buffer.from([0x81, reply.length]), reply]));
  });
}

beforeAll(async () => {
  api = http.createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': '*' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      if (url.pathname === '/upload') {
        const body = Buffer.concat(chunks).toString('latin1');
        const files = [...body.matchAll(/name="([^"]+)"; filename="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`);
        const fields = [...body.matchAll(/name="([^"]+)"\r\n\r\n([^\r]*)/g)].map((m) => `${m[1]}=${m[2]}`);
        res.writeHead(201, { ...cors, 'content-type': 'text/plain' }).end(JSON.stringify({ files, fields }));
      } else if (url.pathname === '/auth') {
        res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ authorization: req.headers.authorization ?? null }));
      } else if (url.pathname === '/file.txt') {
        res.writeHead(200, { ...cors, 'content-type': 'text/plain', 'content-length': '12' }).end('hello, file!');
      } else if (url.pathname === '/slow') {
        setTimeout(() => res.writeHead(200, cors).end('late'), 3000);
      } else res.writeHead(404, cors).end();
    });
  });
  api.on('upgrade', (req, socket) => acceptWebSocket(req, socket as Socket));
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  base = `127.0.0.1:${(api.address() as AddressInfo).port}`;
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe('samples/api-lab')]);
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#push').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  api.closeAllConnections();
  await new Promise((r) => api.close(r));
});

/** Calls wx[name](params) in the page and returns the result or the fail object. */
const call = (name: string, params: Record<string, unknown> = {}): Promise<any> =>
  page.evaluate(([n, p]) => (window as any).wx[n as string](p).then((r: unknown) => r, (e: unknown) => e), [name, params] as const);
const sim = <T>(fn: string): Promise<T> => page.evaluate(new Function(`return (${fn})(window.__wx2tgSimulator)`) as () => T);
const methods = async (): Promise<string[]> => (await bridgeLog(page)).map((c) => c.method);

describe('scanCode (Telegram QR popup)', () => {
  it('resolves with the text Telegram read, closes the popup; a closed popup is a cancel; barcodes are unsupported', async () => {
    const pending = page.evaluate(() => (window as any).wx.scanCode({}));
    await expect.poll(() => sim<number>('(s) => s.pending.filter((p) => p.kind === "qr").length')).toBe(1);
    await sim('(s) => s.answer(s.pending.find((p) => p.kind === "qr").id, "https://example.org/x?y=1")');
    expect(await pending).toEqual({ result: 'https://example.org/x?y=1', scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: Buffer.from('https://example.org/x?y=1').toString('base64'), errMsg: 'scanCode:ok' });
    expect(await methods()).toEqual(expect.arrayContaining(['web_app_open_scan_qr_popup', 'web_app_close_scan_qr_popup']));
    const cancelled = call('scanCode');
    await expect.poll(() => sim<number>('(s) => s.pending.filter((p) => p.kind === "qr").length')).toBe(1);
    await sim('(s) => s.answer(s.pending.find((p) => p.kind === "qr").id, null)');
    expect(await cancelled).toEqual({ errMsg: 'scanCode:fail cancel' });
    expect((await call('scanCode', { scanType: ['barCode'] })).errMsg).toMatch(/^scanCode:fail not supported on Telegram/);
  });
});

describe('location (Telegram location manager)', () => {
  it('getLocation asks Telegram (check, then request) and returns WeChat’s fields; gcj02 converts only inside China', async () => {
    const res = await call('getLocation', { type: 'wgs84' });
    expect(res).toEqual({ latitude: 52.52, longitude: 13.405, speed: 0, accuracy: 12, altitude: 34, verticalAccuracy: 8, horizontalAccuracy: 12, errMsg: 'getLocation:ok' });
    expect(await methods()).toEqual(expect.arrayContaining(['web_app_check_location', 'web_app_request_location']));
    // Berlin is outside China: unchanged. Beijing moves by a few hundred metres.
    expect((await call('getLocation', { type: 'gcj02' })).latitude).toBe(52.52);
    await sim('(s) => { s.location = { latitude: 39.9042, longitude: 116.4074 }; }');
    const bj = await call('getLocation', { type: 'gcj02' });
    expect(bj.latitude).not.toBe(39.9042);
    expect(Math.abs(bj.latitude - 39.9042)).toBeLessThan(0.01);
    expect(Math.abs(bj.longitude - 116.4074)).toBeLessThan(0.01);
  });

  it('a denied location is "auth deny"; getSetting reports the scope; openLocation opens a map link', async () => {
    expect((await call('getSetting')).authSetting).toEqual({ 'scope.userInfo': true, 'scope.writePhotosAlbum': true, 'scope.userLocation': true });
    await sim('(s) => { s.locationAccess = false; }');
    expect(await call('getLocation')).toEqual({ errMsg: 'getLocation:fail auth deny' });
    expect((await call('getSetting')).authSetting['scope.userLocation']).toBe(false);
    expect(await call('authorize', { scope: 'scope.userLocation' })).toEqual({ errMsg: 'authorize:fail auth deny' });
    expect((await call('authorize', { scope: 'scope.werun' })).errMsg).toMatch(/^authorize:fail not supported on Telegram/);
    await sim('(s) => { s.locationAccess = true; }');
    expect(await call('openLocation', { latitude: 52.52, longitude: 13.405, scale: 15 })).toEqual({ errMsg: 'openLocation:ok' });
    const link = (await bridgeLog(page)).filter((c) => c.method === 'web_app_open_link').at(-1)!;
    expect(link.params.url).toBe('https://www.openstreetmap.org/?mlat=52.52&mlon=13.405#map=15/52.52/13.405');
    expect((await call('openLocation', { latitude: 100, longitude: 0 })).errMsg).toBe('openLocation:fail invalid latitude or longitude');
  });
});

describe('sensors (Telegram 8.0)', () => {
  it('accelerometer readings arrive in g at the asked rate; the compass gives a heading; stop stops', async () => {
    await page.evaluate(() => {
      const w = window as any;
      w.__acc = [];
      w.__compass = [];
      w.wx.onAccelerometerChange((r: unknown) => w.__acc.push(r));
      w.wx.onCompassChange((r: unknown) => w.__compass.push(r));
    });
    expect(await call('startAccelerometer', { interval: 'game' })).toEqual({ errMsg: 'startAccelerometer:ok' });
    expect(await call('startCompass')).toEqual({ errMsg: 'startCompass:ok' });
    await expect.poll(() => page.evaluate(() => (window as any).__acc.length)).toBeGreaterThan(2);
    const first = await page.evaluate(() => (window as any).__acc[0]);
    expect(first.z).toBeCloseTo(-9.81 / 9.80665, 3);
    await expect.poll(() => page.evaluate(() => (window as any).__compass.length)).toBeGreaterThan(0);
    expect((await page.evaluate(() => (window as any).__compass[0])).direction).toBeCloseTo(270, 0);
    const starts = (await bridgeLog(page)).filter((c) => c.method === 'web_app_start_accelerometer');
    expect(starts[0]!.params).toEqual({ refresh_rate: 20 });
    expect((await bridgeLog(page)).find((c) => c.method === 'web_app_start_device_orientation')!.params).toEqual({ refresh_rate: 60, need_absolute: true });
    await call('stopAccelerometer');
    await call('stopCompass');
    const n = await page.evaluate(() => (window as any).__acc.length);
    await page.waitForTimeout(150);
    expect(await page.evaluate(() => (window as any).__acc.length)).toBe(n);
  });
});

describe('media', () => {
  it('chooseImage opens the file picker and returns blob tempFilePaths that getImageInfo, compressImage and uploadFile accept', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAAEklEQVR4nGP4z8DwH4QZYAwAUBUF+yYKz+QAAAAASUVORK5CYII=', 'base64');
    // A file picker opens only from the user's tap: the api-lab page's button calls wx.chooseImage.
    await page.evaluate(() => (window as any).wx.navigateTo({ url: '/pages/apis/apis' }));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('wx-page:not([hidden]) #chooseImage').click()]);
    await chooser.setFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.evaluate(() => (window as any).__last?.chooseImage?.errMsg)).toBe('chooseImage:ok');
    const picked = await page.evaluate(() => (window as any).__last.chooseImage);
    expect(await page.locator('wx-page:not([hidden]) #result').innerText()).toContain('chooseImage:ok');
    expect(picked.errMsg).toBe('chooseImage:ok');
    expect(picked.tempFilePaths[0]).toMatch(/^blob:/);
    expect(picked.tempFiles[0].size).toBe(png.length);
    const info = await call('getImageInfo', { src: picked.tempFilePaths[0] });
    expect(info).toMatchObject({ width: 2, height: 3, type: 'png', orientation: 'up', errMsg: 'getImageInfo:ok' });
    const small = await call('compressImage', { src: picked.tempFilePaths[0], quality: 50 });
    expect(small.tempFilePath).toMatch(/^blob:/);
    const up = await call('uploadFile', { url: `http://${base}/upload`, filePath: picked.tempFilePaths[0], name: 'photo', formData: { album: 'trip' } });
    expect(up.statusCode).toBe(201);
    expect(JSON.parse(up.data)).toEqual({ files: ['photo=dot.png'], fields: ['album=trip'] });
    expect(up.errMsg).toBe('uploadFile:ok');
  });

  it('a cancelled picker is "chooseImage:fail cancel"', async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('wx-page:not([hidden]) #chooseImage').click()]);
    await chooser.setFiles([]);
    await expect.poll(() => page.evaluate(() => (window as any).__last.chooseImage)).toEqual({ errMsg: 'chooseImage:fail cancel' });
  });

  it('saveImageToPhotosAlbum asks Telegram to download an https file; cancelled is a fail', async () => {
    expect(await call('saveImageToPhotosAlbum', { filePath: 'https://example.org/pic.jpg' })).toEqual({ errMsg: 'saveImageToPhotosAlbum:ok' });
    expect(await sim('(s) => s.downloads')).toEqual([{ url: 'https://example.org/pic.jpg', file_name: 'pic.jpg' }]);
    await sim('(s) => { s.autoAnswer.download = "cancelled"; }');
    expect(await call('saveImageToPhotosAlbum', { filePath: 'https://example.org/pic.jpg' })).toEqual({ errMsg: 'saveImageToPhotosAlbum:fail cancel' });
  });
});

describe('network: downloadFile, uploadFile, sockets', () => {
  it('downloadFile gives a blob tempFilePath with progress; timeouts and aborts fail in WeChat’s form', async () => {
    const res = await page.evaluate(async (url) => {
      const progress: number[] = [];
      const out: any = await new Promise((resolve) => {
        const task = (window as any).wx.downloadFile({ url, success: resolve, fail: resolve });
        task.onProgressUpdate((p: any) => progress.push(p.progress));
      });
      const text = await (await fetch(out.tempFilePath)).text();
      return { ...out, text, last: progress.at(-1) };
    }, `http://${base}/file.txt`);
    expect(res).toMatchObject({ statusCode: 200, errMsg: 'downloadFile:ok', text: 'hello, file!', last: 100 });
    expect(await call('downloadFile', { url: `http://${base}/slow`, timeout: 200 })).toEqual({ errMsg: 'downloadFile:fail timeout' });
    const aborted = await page.evaluate((url) => new Promise((resolve) => (window as any).wx.downloadFile({ url, fail: resolve }).abort()), `http://${base}/slow`);
    expect(aborted).toEqual({ errMsg: 'downloadFile:fail abort' });
    expect(await call('uploadFile', { url: `http://${base}/upload`, filePath: 'blob:nope', name: 'f' })).toEqual({ errMsg: 'uploadFile:fail file not found: blob:nope' });
  });

  it('connectSocket: open, send, message, close through the SocketTask and the global forms', async () => {
    const log = await page.evaluate(
      (url) =>
        new Promise<string[]>((resolve) => {
          const log: string[] = [];
          const wx = (window as any).wx;
          const task = wx.connectSocket({ url, success: () => log.push('connect ok') });
          task.onOpen(() => {
            log.push('open');
            task.send({ data: 'hi', success: () => log.push('sent') });
          });
          task.onMessage((m: any) => {
            log.push('message ' + m.data);
            wx.closeSocket({});
          });
          task.onClose((c: any) => {
            log.push('close ' + c.code);
            resolve(log);
          });
        }),
      `ws://${base}/ws`,
    );
    expect(log).toEqual(['connect ok', 'open', 'sent', 'message echo:hi', 'close 1000']);
    expect(await page.evaluate(() => new Promise((r) => (window as any).wx.connectSocket({ url: 'http://x', fail: r })))).toEqual({ errMsg: 'connectSocket:fail invalid url "http://x"' });
  });
});

describe('request authorization (opt-in)', () => {
  it('app.json telegram.authorizeRequests adds Authorization: tma <init data> to the servers it names; a header of the call wins', async () => {
    const res = await call('request', { url: `http://${base}/auth` });
    expect(res.data.authorization).toMatch(/^tma (user|auth_date|chat|query_id|signature|hash)/);
    expect(res.data.authorization).toContain('hash=');
    const own = await call('request', { url: `http://${base}/auth`, header: { Authorization: 'Bearer mine' } });
    expect(own.data.authorization).toBe('Bearer mine');
  });
});

describe('app and page chrome', () => {
  it('onAppHide/onAppShow follow Telegram’s visibility; setBackgroundColor tells Telegram; base64, random values; exitMiniProgram closes', async () => {
    await page.evaluate(() => {
      const w = window as any;
      w.__vis = [];
      w.wx.onAppHide(() => w.__vis.push('hide'));
      w.wx.onAppShow((o: any) => w.__vis.push('show ' + o.path));
    });
    await sim('(s) => s.emit("visibility_changed", { is_visible: false })');
    await sim('(s) => s.emit("visibility_changed", { is_visible: true })');
    await expect.poll(() => page.evaluate(() => (window as any).__vis)).toEqual(['hide', 'show pages/home/home']);
    expect(await call('setBackgroundColor', { backgroundColor: '#123456' })).toEqual({ errMsg: 'setBackgroundColor:ok' });
    expect((await bridgeLog(page)).filter((c) => c.method === 'web_app_set_background_color').at(-1)!.params).toEqual({ color: '#123456' });
    expect(await call('setBackgroundTextStyle', { textStyle: 'blue' })).toEqual({ errMsg: 'setBackgroundTextStyle:fail parameter error: parameter.textStyle should be "dark" or "light"' });
    expect(await page.evaluate(() => { const wx = (window as any).wx; return new Uint8Array(wx.base64ToArrayBuffer(wx.arrayBufferToBase64(new Uint8Array([0, 1, 250]).buffer))).join(); })).toBe('0,1,250');
    expect(await page.evaluate(() => (window as any).wx.getRandomValues({ length: 16 }).then((r: any) => r.randomValues.byteLength))).toBe(16);
    expect(await call('showShareMenu')).toEqual({ errMsg: 'showShareMenu:ok' });
    expect(await call('hideKeyboard')).toEqual({ errMsg: 'hideKeyboard:ok' });
    expect((await bridgeLog(page)).some((c) => c.method === 'web_app_hide_keyboard')).toBe(true);
    expect(await call('openDocument', { filePath: 'https://example.org/a.pdf' })).toEqual({ errMsg: 'openDocument:ok' });
    expect((await bridgeLog(page)).filter((c) => c.method === 'web_app_open_link').at(-1)!.params).toEqual({ url: 'https://example.org/a.pdf' });
    const battery = await call('getBatteryInfo');
    expect(battery.errMsg).toBe('getBatteryInfo:ok');
    expect(typeof battery.level).toBe('number');
    expect(await call('loadFontFace', { family: 'Nope', source: 'url("https://127.0.0.1:1/missing.woff2")' })).toEqual({ errMsg: 'loadFontFace:fail load font Nope failed' });
    expect(await call('loadFontFace', { family: 'Nope' })).toEqual({ errMsg: 'loadFontFace:fail parameter error: family and source are required' });
    expect(await call('exitMiniProgram')).toEqual({ errMsg: 'exitMiniProgram:ok' });
    expect(await sim('(s) => s.state.closed')).toBe(true);
  });
});

describe('getUpdateManager', () => {
  it('reports no update while the deployed index.html names the running entry', async () => {
    const res = await page.evaluate(() => new Promise((r) => (window as any).wx.getUpdateManager().onCheckForUpdate(r)));
    expect(res).toEqual({ hasUpdate: false });
    // Chromium logs the deliberately bad blob: path of the uploadFile fail test and the missing
    // font of the loadFontFace fail test; nothing else.
    expect(errors.filter((e) => !e.includes('blob:nope') && !e.includes('ERR_UNSAFE_PORT'))).toEqual([]);
  });
});
