/**
 * Startup: time to first render of samples/showcase (built by the CLI) in Chromium with 4× CPU
 * throttling (CDP Emulation.setCPUThrottlingRate) and a phone viewport, against an empty static
 * page loaded the same way in the same run. The app is opened as a Telegram client opens it:
 * launch parameters in the URL hash and a native bridge (window.TelegramWebviewProxy) present,
 * so the in-page simulator (loaded only outside Telegram) is not part of it. Cold cache: a new
 * browser context for every load.
 *
 * First render = the end of the first frame that paints the element `marker` (for the showcase
 * the last element of its home page, so the whole first screen is there): a requestAnimationFrame
 * loop looks for it from the first script on, and a setTimeout queued in the frame that finds
 * it runs once that frame is painted. Times are from navigation start (performance.now()).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { devLaunchHash } from '../dist/compiler/dev.js';
import { median, shuffled, spread } from './lib/stats.js';

export const THROTTLE = 4;
const LATENCY = Number(process.env.WX2TG_BENCH_LATENCY ?? 0);
const VIEWPORT = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

/**
 * Runs in the page before its own scripts: the first-render probe, and a stand-in native bridge
 * that answers at once what a client answers (DeviceStorage reads: nothing stored yet, as on a
 * first launch; the runtime waits for that answer before it runs app.js), the best case of a
 * real client's round trip.
 */
function probe(marker) {
  window.TelegramWebviewProxy = {
    postEvent(type, json) {
      if (type !== 'web_app_device_storage_get_key') return;
      const { req_id } = JSON.parse(json);
      setTimeout(() => window.Telegram.WebView.receiveEvent('device_storage_key_received', { req_id, value: null }), 0);
    },
  };
  const look = () => {
    if (document.querySelector(marker)) {
      setTimeout(() => {
        window.__firstRender = performance.now();
      }, 0);
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

async function loadOnce(browser, url, marker) {
  const context = await browser.newContext(VIEWPORT);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    // WX2TG_BENCH_LATENCY=ms: a round-trip time per request (CDP network emulation), as on a mobile network.
    if (LATENCY) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY, downloadThroughput: -1, uploadThroughput: -1 });
    await page.addInitScript(probe, marker);
    await page.goto(url);
    await page.waitForFunction(() => window.__firstRender !== undefined, null, { timeout: 60_000 });
    // First contentful paint is reported once the frame is presented: give it a moment.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 5_000 }).catch(() => {});
    const r = await page.evaluate(() => ({
      firstRender: window.__firstRender,
      fetched: performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime < window.__firstRender && /\.(js|css)$/.test(new URL(e.name).pathname))
        .map((e) => new URL(e.name).pathname),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      simulator: !!window.__wx2tgSimulator,
    }));
    if (errors.length) throw new Error(`startup ${url}: page errors:\n  ${errors.join('\n  ')}`);
    if (r.simulator) throw new Error('startup: the in-page simulator loaded; the app did not see a Telegram client');
    return r;
  } finally {
    await context.close();
  }
}

export async function benchStartup(browser, siteUrl, { siteDir, runs = 9, log = () => {} } = {}) {
  const theme = { bg_color: '#ffffff', text_color: '#000000', hint_color: '#999999', link_color: '#2481cc', button_color: '#2481cc', button_text_color: '#ffffff', secondary_bg_color: '#efeff3' };
  const targets = {
    showcase: { url: `${siteUrl}showcase/index.html#${devLaunchHash(theme).replace('tgWebAppPlatform=weba', 'tgWebAppPlatform=android')}`, marker: '#added' },
    static: { url: `${siteUrl}static/index.html`, marker: '#static' },
  };
  const samples = { showcase: { firstRender: [], fcp: [] }, static: { firstRender: [], fcp: [] } };
  // One load of each first, not counted (Chromium's own first-use costs); it also tells what the
  // first screen fetches: the files' sizes are read from the built site.
  const first = await loadOnce(browser, targets.showcase.url, targets.showcase.marker);
  await loadOnce(browser, targets.static.url, targets.static.marker);
  const files = [...new Set(first.fetched)].sort();
  const firstScreen = { files, min: 0, gzip: 0 };
  for (const f of files) {
    // As served, less the sourceMappingURL comment (a build without source maps has none).
    const buf = Buffer.from(readFileSync(path.join(siteDir, decodeURIComponent(f)), 'utf8').replace(/\n?\/[/*]# sourceMappingURL=\S+(\s*\*\/)?\s*$/, ''));
    firstScreen.min += buf.length;
    firstScreen.gzip += gzipSync(buf, { level: 9 }).length;
  }
  for (let i = 0; i < runs; i++) {
    for (const name of shuffled(Object.keys(targets))) {
      const r = await loadOnce(browser, targets[name].url, targets[name].marker);
      samples[name].firstRender.push(r.firstRender);
      if (r.fcp !== null) samples[name].fcp.push(r.fcp);
    }
  }
  log(`  startup: ${runs} loads of each`);
  const fig = (xs) => ({ ms: median(xs), spread: spread(xs).iqr, runs: xs.length });
  return {
    throttle: THROTTLE,
    viewport: VIEWPORT,
    showcase: { firstRender: fig(samples.showcase.firstRender), fcp: fig(samples.showcase.fcp) },
    static: { firstRender: fig(samples.static.firstRender), fcp: fig(samples.static.fcp) },
    ratio: median(samples.showcase.firstRender) / median(samples.static.firstRender),
    firstScreen,
  };
}
