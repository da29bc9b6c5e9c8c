/**
 * wx.requestPayment for a TON order (server/ton): package "ton=<order id>&status=<url>".
 * Loaded only when a program pays with TON, and it loads TON Connect's UI (@tonconnect/ui,
 * ~126 KB gzip) only then, so neither is part of the first download or the runtime chunk.
 *
 *  1. ask the status URL for the transfer (shop address, nanotons, comment payload, validUntil);
 *  2. connect a wallet if none is (TON Connect's modal; closing it is WeChat's "cancel");
 *  3. have the wallet send the transfer (the user confirms in the wallet; declining is "cancel");
 *  4. tell the server the BOC the wallet returned (a hint), then poll the status URL until the
 *     server has seen the transfer on the chain: paid → success; underpaid / expired → fail.
 *
 * The wallet sits behind `TonWallet`, so the flow does not depend on TON Connect's UI; the
 * default is TON Connect with the manifest at <app base>/tonconnect-manifest.json (written by
 * `wx2tg publish`), TON Connect's analytics off, and Telegram's return link to this Mini App
 * (app.json "telegram": {"bot", "app"}).
 */
import { ApiFail } from './callback.js';
import { launchParams } from '../telegram/index.js';
import { shareConfig } from '../shell/share.js';
import type { TonOrderState, TonPaymentPackage, TonTransferRequest } from '../../common/serverWire.js';

export interface TonTransaction {
  validUntil: number;
  network?: string;
  messages: { address: string; amount: string; payload?: string }[];
}

/** The wallet side of a TON payment. */
export interface TonWallet {
  /** Resolves once a wallet is connected; rejects with TonCancelled when the user gives up. */
  connect(): Promise<void>;
  /** Sends the transaction through the wallet; resolves with the signed message's BOC. */
  send(tx: TonTransaction): Promise<{ boc: string }>;
}

/** The user closed the wallet list or declined in the wallet. */
export class TonCancelled extends Error {}

/** How long after validUntil the client keeps asking the server (it expires orders itself). */
const VERDICT_GRACE_MS = 10 * 60_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface TonStatus {
  status: TonOrderState;
  transfer: TonTransferRequest;
}

async function ask(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, cache: 'no-store', headers: { authorization: `tma ${launchParams().initDataRaw}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
}

async function status(pkg: TonPaymentPackage): Promise<TonStatus> {
  let res: Response;
  try {
    res = await ask(pkg.statusUrl);
  } catch (e) {
    throw new ApiFail(`the server could not be reached (${(e as Error).message})`);
  }
  if (!res.ok) throw new ApiFail(`the server answered ${res.status} for the TON order`);
  return (await res.json()) as TonStatus;
}

function verdict(s: TonOrderState): Record<string, never> | null {
  if (s === 'paid') return {};
  if (s === 'pending') return null;
  throw new ApiFail(s === 'underpaid' ? 'payment underpaid: less TON arrived than the order costs' : s === 'expired' ? 'payment expired: no transfer arrived in time' : `payment ${s}`);
}

/** Pays a TON order with `wallet` (default: TON Connect). */
export async function payWithTon(pkg: TonPaymentPackage, wallet: TonWallet = tonConnectWallet()): Promise<Record<string, never>> {
  const first = await status(pkg);
  const done = verdict(first.status);
  if (done) return done;
  const t = first.transfer;
  try {
    await wallet.connect();
    if (Date.now() / 1000 > t.validUntil) throw new ApiFail('payment expired: the order is older than its validUntil; create a new one');
    const { boc } = await wallet.send({ validUntil: t.validUntil, network: t.network, messages: [{ address: t.address, amount: t.amount, payload: t.payload }] });
    // The BOC is only a hint (the server looks sooner); losing it changes nothing.
    await ask(`${pkg.statusUrl}/boc`, { method: 'POST', body: JSON.stringify({ boc }) }).catch(() => undefined);
  } catch (e) {
    if (e instanceof TonCancelled) throw new ApiFail('cancel');
    if (e instanceof ApiFail) throw e;
    throw new ApiFail((e as Error)?.message || String(e));
  }
  const until = t.validUntil * 1000 + VERDICT_GRACE_MS;
  let wait = 1000;
  while (Date.now() < until) {
    await sleep(wait);
    wait = Math.min(wait * 1.5, 5000);
    let s: TonStatus;
    try {
      s = await status(pkg);
    } catch (e) {
      if (/answered 4\d\d/.test((e as Error).message)) throw e;
      continue; // the network may come back
    }
    const v = verdict(s.status);
    if (v) return v;
  }
  throw new ApiFail('payment pending: the server has not seen the transfer yet');
}

// ---- TON Connect ----

type TonConnectUIType = import('@tonconnect/ui').TonConnectUI;
let ui: Promise<TonConnectUIType> | null = null;

/** <app base>/tonconnect-manifest.json: where `wx2tg publish` puts it, beside index.html. */
export function manifestUrl(): string {
  return new URL('tonconnect-manifest.json', location.href.split('#')[0]).href;
}

function tonConnectUI(): Promise<TonConnectUIType> {
  ui ??= (async () => {
    // TON Connect reads Telegram's launch parameters where telegram-web-app.js keeps them, to
    // know it runs in a Mini App (links then go through Telegram); our runtime keeps them itself.
    const lp = launchParams();
    try {
      if (lp.initDataRaw && !sessionStorage.getItem('__telegram__initParams')) {
        sessionStorage.setItem('__telegram__initParams', JSON.stringify({ tgWebAppPlatform: lp.platform, tgWebAppVersion: lp.version, tgWebAppData: lp.initDataRaw }));
      }
    } catch {
      /* no session storage: TON Connect then guesses from the page */
    }
    const { TonConnectUI } = await import('@tonconnect/ui');
    const instance = new TonConnectUI({ manifestUrl: manifestUrl(), analytics: { mode: 'off' } });
    const { bot, app } = shareConfig;
    const back = bot ? `https://t.me/${bot.replace(/^@/, '')}${app ? '/' + app : ''}` : null;
    if (back) instance.uiOptions = { actionsConfiguration: { twaReturnUrl: back as `${string}://${string}` } };
    await instance.connectionRestored;
    return instance;
  })();
  ui.catch(() => {
    ui = null;
  });
  return ui;
}

/** The default wallet: TON Connect's UI (its wallet list modal, then the chosen wallet). */
export function tonConnectWallet(): TonWallet {
  return {
    async connect() {
      const tc = await tonConnectUI();
      if (tc.connected) return;
      await new Promise<void>((resolve, reject) => {
        const offStatus = tc.onStatusChange((w) => {
          if (!w) return;
          stop();
          resolve();
        });
        const offModal = tc.onModalStateChange((s) => {
          if (s.status === 'closed' && s.closeReason === 'action-cancelled' && !tc.connected) {
            stop();
            reject(new TonCancelled('the wallet list was closed'));
          }
        });
        const stop = (): void => {
          offStatus();
          offModal();
        };
        tc.openModal().catch((e: unknown) => {
          stop();
          reject(e);
        });
      });
    },
    async send(tx) {
      const tc = await tonConnectUI();
      const { UserRejectsError } = await import('@tonconnect/ui');
      try {
        return await tc.sendTransaction({ validUntil: tx.validUntil, network: tx.network as never, messages: tx.messages });
      } catch (e) {
        if (e instanceof UserRejectsError) throw new TonCancelled('declined in the wallet');
        throw e;
      }
    },
  };
}
