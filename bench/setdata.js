/**
 * setData cost: one path change on a page with 1,000 bindings, against plain DOM code making the
 * same single write. Two pages of the bench program: pages/list (1,000 rows of {{item.v}},
 * changed with `rows[500].v`) and pages/fields (1,000 fields {{f0}}…{{f999}}, changed with `f500`),
 * and bench/apps/vanilla/bindings.html with the same 1,000 texts.
 *
 *   per update: N updates in a row, each awaited (setData's callback runs once the view has
 *     updated; the vanilla write resolves at once), main-thread CPU time / N.
 *   per frame:  one update at the start of a frame until that frame is painted, as the
 *     operations are timed (lib/harness.js): what a person waits for.
 */
import { HARNESS } from './lib/harness.js';
import { median, shuffled, spread } from './lib/stats.js';
import { withCpuTrace } from './lib/trace.js';

const PAGES = {
  list: { wx2tg: 'mp/index.html#/pages/list/index', vanilla: 'web/vanilla/bindings.html?mode=list', path: 'rows[500].v', ready: '.row' },
  fields: { wx2tg: 'mp/index.html#/pages/fields/index', vanilla: 'web/vanilla/bindings.html?mode=fields', path: 'f500', ready: '.fields, .app > wx-view' },
};

/** Installs window.__update(value): the one write, done the implementation's way. */
function installUpdate(impl, path) {
  if (impl === 'wx2tg') {
    const page = getCurrentPages()[getCurrentPages().length - 1];
    window.__update = (value) => new Promise((resolve) => page.setData({ [path]: value }, resolve));
  } else {
    window.__update = (value) =>
      new Promise((resolve) => {
        window.__benchWrite(500, value);
        resolve();
      });
  }
}

async function loop(n) {
  for (let i = 0; i < 200; i++) await window.__update('warm ' + i);
  performance.mark('wx2tg-bench-start');
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await window.__update('value ' + i);
  const ms = performance.now() - t0;
  performance.mark('wx2tg-bench-end');
  return ms;
}

function oneFrame(value) {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      performance.mark('wx2tg-bench-start');
      const t0 = performance.now();
      window.__update(value);
      setTimeout(() => {
        const ms = performance.now() - t0;
        performance.mark('wx2tg-bench-end');
        resolve(ms);
      }, 0);
    }),
  );
}

/** A traced measurement, made again (up to 3 times) when the trace lost a mark. */
async function traced(cdp, fn) {
  for (let i = 0; i < 3; i++) {
    const r = await withCpuTrace(cdp, fn);
    if (r) return r;
  }
  throw new Error('setData bench: the trace lost its marks three times');
}

export async function benchSetData(browser, siteUrl, { rounds = 7, updates = 2000, framesPerRound = 3, log = () => {} } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const out = {};
  try {
    for (const [form, spec] of Object.entries(PAGES)) {
      const pages = {};
      for (const impl of ['wx2tg', 'vanilla']) {
        const page = await context.newPage();
        await page.addInitScript(HARNESS);
        await page.goto(siteUrl + spec[impl]);
        await page.waitForSelector(spec.ready);
        await page.evaluate(`(${installUpdate.toString()})(${JSON.stringify(impl)}, ${JSON.stringify(spec.path)})`);
        pages[impl] = { page, cdp: await context.newCDPSession(page) };
      }
      const perUpdate = { wx2tg: [], vanilla: [] };
      const perFrame = { wx2tg: [], vanilla: [] };
      for (let r = 0; r < rounds; r++) {
        for (const impl of shuffled(['wx2tg', 'vanilla'])) {
          const { page, cdp } = pages[impl];
          await page.bringToFront();
          await cdp.send('HeapProfiler.collectGarbage');
          const { cpuMs } = await traced(cdp, () => page.evaluate(`(${loop.toString()})(${updates})`));
          perUpdate[impl].push((cpuMs * 1000) / updates);
          for (let f = 0; f < framesPerRound; f++) {
            const { cpuMs: frameMs } = await traced(cdp, () => page.evaluate(`(${oneFrame.toString()})('frame ${r}.${f}')`));
            perFrame[impl].push(frameMs * 1000);
          }
        }
      }
      // Both must show the last value written: the update really reached the DOM.
      for (const impl of ['wx2tg', 'vanilla']) {
        const text = await pages[impl].page.evaluate(() => document.body.textContent);
        if (!text.includes(`frame ${rounds - 1}.`)) throw new Error(`setData ${form}/${impl}: the last update is not on the page`);
        await pages[impl].page.close();
      }
      const fig = (xs) => ({ us: median(xs), spread: spread(xs).iqr, runs: xs.length });
      out[form] = {
        path: spec.path,
        updates,
        perUpdate: { wx2tg: fig(perUpdate.wx2tg), vanilla: fig(perUpdate.vanilla), ratio: median(perUpdate.wx2tg) / median(perUpdate.vanilla) },
        perFrame: { wx2tg: fig(perFrame.wx2tg), vanilla: fig(perFrame.vanilla), ratio: median(perFrame.wx2tg) / median(perFrame.vanilla) },
      };
      log(`  setData ${form} done`);
    }
  } finally {
    await context.close();
  }
  return out;
}
