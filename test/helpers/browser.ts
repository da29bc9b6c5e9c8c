/** Debian's Chromium driven by playwright-core (no downloaded browsers). */
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface BridgeCall {
  method: string;
  params: any;
  t: number;
}

/** The bridge calls the page has made so far (window.__wx2tgBridgeLog). */
export async function bridgeLog(page: Page): Promise<BridgeCall[]> {
  return page.evaluate(() => ((window as any).__wx2tgBridgeLog ?? []) as BridgeCall[]);
}

/** Collects console errors and uncaught exceptions so tests can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** A phone-sized page with touch input, and a CDP session to send real touch events through. */
export async function touchPage(browser: Browser, deviceScaleFactor = 1): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor, hasTouch: true });
  const page = await context.newPage();
  return { context, page, cdp: await context.newCDPSession(page) };
}
