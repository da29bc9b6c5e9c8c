/**
 * wx.requestPayment on Telegram invoices. The program passes what its server got from
 * wx2tg/server (WeChat's five fields, whose `package` is "invoice=<slug>&order=…&status=…"; or
 * `slug` / `invoiceLink`). We open the invoice (web_app_open_invoice) and map Telegram's
 * invoice_closed status: paid → success; cancelled → "requestPayment:fail cancel" (WeChat's
 * words); failed → fail; pending → ask the server's status URL until it says paid (or gives up).
 * The server's successful_payment record is the truth; a client success is a hint for the UI.
 * A TON order (package "ton=<id>&status=<url>", server/ton) goes to ./tonPay.ts instead.
 */
import { asyncApi, ApiFail } from './callback.js';
import { isSupported, launchParams, once, postEvent } from '../telegram/index.js';
import { parsePaymentParams, parseTonPackage, type PaymentPackage } from '../../common/serverWire.js';

/** How long "pending" waits for the server's verdict. */
const PENDING_LIMIT_MS = 120_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function serverVerdict(inv: PaymentPackage): Promise<Record<string, never>> {
  if (!inv.statusUrl) throw new ApiFail('payment pending: Telegram has not confirmed it yet (no status URL to ask the server)');
  const until = Date.now() + PENDING_LIMIT_MS;
  let wait = 1000;
  while (Date.now() < until) {
    await sleep(wait);
    wait = Math.min(wait * 1.5, 5000);
    let status: string | undefined;
    try {
      const res = await fetch(inv.statusUrl, { headers: { authorization: `tma ${launchParams().initDataRaw}` }, cache: 'no-store' });
      if (res.ok) status = ((await res.json()) as { status?: string }).status;
      else if (res.status === 401 || res.status === 404) throw new ApiFail(`payment pending: the server answered ${res.status} for the order`);
    } catch (e) {
      if (e instanceof ApiFail) throw e;
      continue; // the network may come back
    }
    if (status === 'paid') return {};
    if (status === 'refunded' || status === 'void') throw new ApiFail(`payment ${status}`);
  }
  throw new ApiFail('payment pending: the server has not confirmed it yet');
}

export const requestPayment = asyncApi('requestPayment', async (params: Record<string, unknown>) => {
  // A TON order (package "ton=…"): its module, and TON Connect, load only now.
  const ton = parseTonPackage(params);
  if (ton) return (await import('./tonPay.js')).payWithTon(ton);
  const inv = parsePaymentParams(params);
  if (!inv) throw new ApiFail('invalid params: no Telegram invoice (pass what wx2tg/server returned: package "invoice=<slug>…", slug or invoiceLink)');
  if (!isSupported('web_app_open_invoice')) throw new ApiFail('this Telegram client cannot open invoices');
  const closed = once(['invoice_closed'], (_e, data: { slug?: string }) => data?.slug === inv.slug);
  if (!postEvent('web_app_open_invoice', { slug: inv.slug })) throw new ApiFail('the invoice could not be opened');
  const { data } = (await closed) as { data: { status?: string } };
  switch (data.status) {
    case 'paid':
      return {};
    case 'cancelled':
      throw new ApiFail('cancel');
    case 'failed':
      throw new ApiFail('payment failed');
    case 'pending':
      return serverVerdict(inv);
    default:
      throw new ApiFail(`unknown invoice status "${String(data.status)}"`);
  }
});
