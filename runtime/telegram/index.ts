/**
 * Connects to Telegram at start-up: real launch parameters mean a Telegram client (or our dev
 * panel, which plays Telegram Web around an iframe) is there; none means a plain browser, where
 * the in-page simulator takes Telegram's place at the same documented boundary.
 */
import { initBridge, postEvent, receiveEvent } from './bridge.js';
import { retrieveLaunchParams, storeLaunchParams, type LaunchParams } from './launch.js';
import type { TelegramSimulator } from './simulator.js';

export { on, once, postEvent, isSupported, bridgeVersion, request } from './bridge.js';
export type { LaunchParams } from './launch.js';

let launch: LaunchParams | null = null;
let simulator: TelegramSimulator | null = null;

/**
 * Connects at start-up. The in-page simulator is loaded only when there is no Telegram client,
 * so it is not part of what a real Telegram client downloads first.
 */
export async function connectTelegram(): Promise<LaunchParams> {
  if (launch) return launch;
  let lp = retrieveLaunchParams();
  if (!lp || lp.simulated) {
    const { TelegramSimulator } = await import('./simulator.js');
    const sim = new TelegramSimulator((event, data) => setTimeout(() => receiveEvent(event, data), 0), {
      viewport: { width: window.innerWidth, height: window.innerHeight },
    });
    const startParam = new URLSearchParams(location.search).get('tgWebAppStartParam') ?? lp?.startParam ?? '';
    if (!lp) {
      lp = { ...sim.launchParams(startParam), simulated: true };
      storeLaunchParams(lp);
    }
    (window as any).TelegramWebviewProxy = {
      postEvent(type: string, json: string) {
        let params: unknown = {};
        try {
          params = JSON.parse(json);
        } catch {
          params = {};
        }
        sim.handle(type, params);
      },
    };
    (window as any).__wx2tgSimulator = sim;
    simulator = sim;
  }
  launch = lp;
  initBridge(lp.version);
  return lp;
}

/** Before connectTelegram (unit tests, early module code): a client of the oldest version, no user. */
const NONE: LaunchParams = { version: '6.0', platform: 'unknown', initDataRaw: '', initData: {}, themeParams: {}, startParam: '', fullscreen: false };

export function launchParams(): LaunchParams {
  return launch ?? NONE;
}

/** The in-page simulator when there is no Telegram client, else null. */
export function inPageSimulator(): TelegramSimulator | null {
  return simulator;
}

/** Shows or hides Telegram's back button, posting only when the state changes. */
let backVisible: boolean | null = null;
export function setBackButtonVisible(visible: boolean): void {
  if (backVisible === visible) return;
  backVisible = visible;
  postEvent('web_app_setup_back_button', { is_visible: visible });
}
