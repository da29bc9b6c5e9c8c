/**
 * video, audio, wx.createVideoContext, wx.createAudioContext and wx.createInnerAudioContext in
 * Chromium, playing a two-second tone written here as a WAV file (an audio-only source plays in a
 * <video> too, with every media event). The tone is given as a data: URL: the test server does not
 * answer range requests, without which a browser cannot seek in a served file.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, writeProgram, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let page: Page;
let errors: string[];

/** `seconds` of a 440 Hz tone, 8 kHz 8-bit mono PCM. */
function wav(seconds: number): Buffer {
  const rate = 8000;
  const n = Math.round(rate * seconds);
  const b = Buffer.alloc(44 + n);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate, 28);
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write('data', 36);
  b.writeUInt32LE(n, 40);
  for (let i = 0; i < n; i++) b[44 + i] = 128 + Math.round(40 * Math.sin((2 * Math.PI * 440 * i) / rate));
  return b;
}

const WXML = `
<video id="clip" src="{{tone}}" object-fit="cover" initial-time="0.5" muted
  bindplay="on" bindpause="on" bindended="on" bindtimeupdate="onTime" bindloadedmetadata="onMeta" bindseekcomplete="onSeek" bindfullscreenchange="onFull"></video>
<view id="full" bindtap="full">fullscreen</view>
<video id="bare" src="{{tone}}" controls="{{false}}"></video>
<video id="lean" src="{{tone}}" show-fullscreen-btn="{{false}}" show-mute-btn></video>
<video id="broken" src="/media/missing.webm" binderror="onBroken"></video>
<audio id="song" src="{{tone}}" controls name="Tone" author="wx2tg" bindplay="on" bindpause="on"></audio>
<audio id="hidden" src="{{tone}}"></audio>
`;

const TONE = `data:audio/wav;base64,${wav(2).toString('base64')}`;

const JS = `Page({
  data: { tone: '${TONE}' },
  onLoad() { this.log = []; this.times = [] },
  onReady() { this.video = wx.createVideoContext('clip'); this.song = wx.createAudioContext('song') },
  on(e) { this.log.push(e.currentTarget.id + ':' + e.type) },
  onTime(e) { this.times.push(e.detail) },
  onMeta(e) { this.meta = e.detail },
  full() { this.video.requestFullScreen({ direction: 0 }); setTimeout(() => this.video.exitFullScreen(), 300) },
  onFull(e) { this.log.push('full:' + e.detail.fullScreen) },
  onSeek(e) { this.log.push('seek:' + Math.round(e.detail.position * 10) / 10) },
  onBroken(e) { this.broken = e.detail.errMsg },
})`;

beforeAll(async () => {
  const dir = writeProgram({ 'app.json': '{"pages": ["pages/a/a"]}', 'pages/a/a.wxml': WXML, 'pages/a/a.js': JS });
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe(dir)]);
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#clip video').waitFor({ state: 'attached' });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const pageVar = (name: string): Promise<any> => page.evaluate((n) => (window as any).getCurrentPages()[0][n], name);
const call = (expr: string): Promise<unknown> => page.evaluate((e) => new Function('p', `return p.${e}`)((window as any).getCurrentPages()[0]), expr);

describe('video', () => {
  it('looks like WeChat’s: 300 × 225, black, the picture as object-fit says, a centre play button, WeChat’s bar', async () => {
    const box = (await page.locator('#clip').boundingBox())!;
    expect([box.width, box.height]).toEqual([300, 225]);
    expect(await page.locator('#clip').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
    expect(await page.locator('#clip video').evaluate((el) => [getComputedStyle(el).objectFit, (el as HTMLVideoElement).controls, (el as HTMLVideoElement).muted])).toEqual(['cover', false, true]);
    expect(await page.locator('#clip .wx-video__center-play').isVisible()).toBe(true);
    // The bar: play, time, progress, duration, fullscreen; mute only with show-mute-btn.
    const visible = async (sel: string) => page.locator(`#clip ${sel}`).isVisible();
    expect([await visible('.wx-video__play'), await visible('.wx-video__progress'), await visible('.wx-video__fullscreen'), await visible('.wx-video__mute')]).toEqual([true, true, true, false]);
    await expect.poll(() => page.locator('#clip .wx-video__duration').textContent()).toBe('00:02');
    expect(await page.locator('#bare .wx-video__bar').isVisible()).toBe(false);
    expect(await page.locator('#lean .wx-video__fullscreen').isVisible()).toBe(false);
    expect(await page.locator('#lean .wx-video__mute').isVisible()).toBe(true);
  });

  it('loadedmetadata reports the duration, and initial-time is where it starts', async () => {
    await expect.poll(() => pageVar('meta')).toMatchObject({ duration: 2 });
    expect(await page.locator('#clip video').evaluate((el) => (el as HTMLVideoElement).currentTime)).toBe(0.5);
  });

  it('the centre button plays; timeupdate reports progress; pause', async () => {
    await page.click('#clip .wx-video__center-play');
    await expect.poll(() => pageVar('log')).toEqual(['clip:play']);
    expect(await page.locator('#clip .wx-video__center-play').isVisible()).toBe(false);
    await expect.poll(async () => (await pageVar('times')).at(-1)?.currentTime ?? 0).toBeGreaterThan(0.7);
    expect((await pageVar('times')).at(-1).duration).toBe(2);
    await call('video.pause()');
    await expect.poll(() => pageVar('log')).toEqual(['clip:play', 'clip:pause']);
  });

  it('the bar: its play button plays and pauses, dragging the progress bar seeks (seekcomplete)', async () => {
    await page.evaluate(() => ((window as any).getCurrentPages()[0].log = []));
    await page.click('#clip .wx-video__play');
    await expect.poll(() => pageVar('log')).toEqual(['clip:play']);
    await page.click('#clip .wx-video__play', { force: true });
    await expect.poll(() => pageVar('log')).toEqual(['clip:play', 'clip:pause']);
    const track = (await page.locator('#clip .wx-video__progress').boundingBox())!;
    await page.mouse.click(track.x + track.width * 0.75, track.y + 1);
    await expect.poll(() => pageVar('log')).toEqual(['clip:play', 'clip:pause', 'seek:1.5']);
    expect(await page.locator('#clip .wx-video__time').first().textContent()).toBe('00:01');
    // The keyboard reaches the bar's buttons.
    await page.locator('#clip .wx-video__play').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => pageVar('log')).toEqual(['clip:play', 'clip:pause', 'seek:1.5', 'clip:play']);
    await page.keyboard.press(' ');
    await expect.poll(() => pageVar('log')).toEqual(['clip:play', 'clip:pause', 'seek:1.5', 'clip:play', 'clip:pause']);
  });

  it('createVideoContext: seek (seekcomplete), playbackRate, play to the end (ended), stop', async () => {
    await call('video.seek(1.5)');
    await expect.poll(() => pageVar('log')).toContain('seek:1.5');
    await call('video.playbackRate(2)');
    expect(await page.locator('#clip video').evaluate((el) => (el as HTMLVideoElement).playbackRate)).toBe(2);
    await call('video.play()');
    await expect.poll(() => pageVar('log'), { timeout: 5000 }).toContain('clip:ended');
    await call('video.stop()');
    await expect.poll(() => page.locator('#clip video').evaluate((el) => (el as HTMLVideoElement).currentTime)).toBe(0);
  });

  it('requestFullScreen / exitFullScreen (from a tap) take the component fullscreen and back: fullscreenchange', async () => {
    await page.evaluate(() => ((window as any).getCurrentPages()[0].log = []));
    await page.click('#full');
    await expect.poll(() => pageVar('log')).toEqual(['full:true', 'full:false']);
  });

  it('an unplayable source fires error with a reason', async () => {
    await expect.poll(() => pageVar('broken')).toMatch(/^MEDIA_ERR/);
  });
});

describe('audio', () => {
  it('with controls: WeChat’s card with name, author and time; without: nothing shows', async () => {
    expect(await page.locator('#song .wx-audio__name').textContent()).toBe('Tone');
    expect(await page.locator('#song .wx-audio__author').textContent()).toBe('wx2tg');
    expect(await page.locator('#song .wx-audio__time').textContent()).toBe('00:00');
    expect(await page.locator('#song').isVisible()).toBe(true);
    expect(await page.locator('#hidden').isVisible()).toBe(false);
  });

  it('the poster button plays and pauses; createAudioContext too', async () => {
    await page.evaluate(() => ((window as any).getCurrentPages()[0].log = []));
    await page.click('#song .wx-audio__poster');
    await expect.poll(() => pageVar('log')).toEqual(['song:play']);
    expect(await page.locator('#song').getAttribute('playing')).toBe('');
    await call('song.pause()');
    await expect.poll(() => pageVar('log')).toEqual(['song:play', 'song:pause']);
    await call('song.seek(1)');
    await expect.poll(() => page.locator('#song .wx-audio__time').textContent()).toBe('00:01');
  });
});

describe('wx.createInnerAudioContext', () => {
  it('src, startTime, volume, loop set at once; onCanplay / onPlay / onTimeUpdate / onPause / onStop / onEnded; currentTime, duration, paused', async () => {
    const result = await page.evaluate(async (tone) => {
      const wx = (window as any).wx;
      const ctx = wx.createInnerAudioContext();
      const log: string[] = [];
      ctx.startTime = 1;
      ctx.volume = 0.5;
      ctx.src = tone;
      for (const ev of ['Canplay', 'Play', 'Pause', 'Stop', 'Ended']) ctx[`on${ev}`](() => log.push(ev));
      const times: number[] = [];
      const onTime = () => times.push(ctx.currentTime);
      ctx.onTimeUpdate(onTime);
      const wait = (cond: () => boolean) => new Promise<void>((r) => { const t = setInterval(() => cond() && (clearInterval(t), r()), 20); });
      await wait(() => log.includes('Canplay'));
      ctx.play();
      await wait(() => log.includes('Play') && times.length > 1);
      const started = times[0]!;
      ctx.pause();
      await wait(() => log.includes('Pause'));
      const state = { paused: ctx.paused, duration: ctx.duration, volume: ctx.volume, src: ctx.src };
      ctx.offTimeUpdate(onTime);
      ctx.stop();
      await wait(() => log.includes('Stop'));
      const afterStop = ctx.currentTime;
      ctx.seek(1.8);
      ctx.play();
      await wait(() => log.includes('Ended'));
      ctx.destroy();
      return { log, started, state: { ...state, src: state.src === tone }, afterStop, timesAfterOff: times.length };
    }, TONE);
    expect(result.started).toBeGreaterThanOrEqual(1);
    expect(result.state).toEqual({ paused: true, duration: 2, volume: 0.5, src: true });
    expect(result.afterStop).toBe(0);
    expect(result.log.filter((e) => e !== 'Canplay')).toEqual(['Play', 'Pause', 'Stop', 'Play', 'Ended']);
  });

  it('onError reports WeChat’s errCode for a missing file', async () => {
    const res = await page.evaluate(
      () =>
        new Promise<any>((resolve) => {
          const ctx = (window as any).wx.createInnerAudioContext();
          ctx.onError(resolve);
          ctx.src = '/media/none.wav';
          ctx.play();
        }),
    );
    expect(typeof res.errMsg).toBe('string');
    expect([10001, 10002, 10003, 10004]).toContain(res.errCode);
  });

  it('ran without errors (other than the files this test left out on purpose)', () => {
    expect(errors.filter((e) => !/Failed to load resource|404/.test(e))).toEqual([]);
  });
});
