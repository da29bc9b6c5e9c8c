/**
 * The `wx2tg dev` simulator page: the Mini App in a phone-sized iframe, with this page playing
 * Telegram Web around it (bridge messages over postMessage, as Telegram Web does), and a panel
 * to watch the bridge log, switch light/dark, press the back button and answer pending popups,
 * invoices and QR scans the way Telegram would.
 */
import { DEFAULT_USER, THEMES, TelegramSimulator, type ColorScheme, type PendingInteraction } from './simulator.js';

const PHONE = { width: 390, height: 780 };

const CSS = `
body{margin:0;font:14px/1.4 -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;background:#e9ecef;color:#222;display:flex;gap:24px;padding:24px;box-sizing:border-box;min-height:100vh}
.phone{flex:none;width:${PHONE.width}px;border-radius:28px;background:#111;padding:12px;box-shadow:0 8px 30px rgba(0,0,0,.25)}
.tg-header{height:44px;display:flex;align-items:center;gap:8px;padding:0 12px;color:#fff;border-radius:18px 18px 0 0;background:#517da2}
.tg-header button{background:none;border:0;color:inherit;font-size:15px;cursor:pointer;padding:4px 8px}
.tg-header button[disabled]{opacity:.3;cursor:default}
.tg-title{flex:1;font-weight:600}
iframe{display:block;width:${PHONE.width}px;height:${PHONE.height}px;border:0;background:#fff;border-radius:0 0 18px 18px}
.panel{flex:1;min-width:280px;display:flex;flex-direction:column;gap:16px}
.box{background:#fff;border-radius:10px;padding:12px 16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.box h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#666;margin:0 0 8px}
.row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.row button{padding:6px 12px;border-radius:6px;border:1px solid #ccc;background:#f8f9fa;cursor:pointer}
.row button.on{background:#2481cc;color:#fff;border-color:#2481cc}
.log{font:12px/1.5 ui-monospace,Menlo,Consolas,monospace;max-height:45vh;overflow:auto;margin:0;white-space:pre-wrap;word-break:break-all}
.pending{border-left:3px solid #f0ad4e;padding-left:8px;margin:6px 0}
.muted{color:#888}
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const c of children) node.append(c);
  return node;
}

function button(label: string, onClick: () => void, id?: string): HTMLButtonElement {
  const b = el('button', { textContent: label, type: 'button' });
  if (id) b.id = id;
  b.addEventListener('click', onClick);
  return b;
}

function describePending(p: PendingInteraction): string {
  if (p.kind === 'popup') return `Popup: ${p.params?.title ? p.params.title + ' — ' : ''}${p.params?.message ?? ''}`;
  if (p.kind === 'invoice') return `Invoice ${p.params?.slug ?? ''}`;
  return `QR scanner${p.params?.text ? ': ' + p.params.text : ''}`;
}

async function main(): Promise<void> {
  document.head.append(el('style', { textContent: CSS }));
  const frame = el('iframe', { title: 'Mini App' });
  frame.id = 'app-frame';
  const backBtn = button('‹ Back', () => sim.pressBack(), 'tg-back');
  const header = el('div', { className: 'tg-header' }, backBtn, el('span', { className: 'tg-title', textContent: 'Mini App' }));
  const phone = el('div', { className: 'phone' }, header, frame);

  const sim: TelegramSimulator = new TelegramSimulator(
    (event, data) => frame.contentWindow?.postMessage(JSON.stringify({ eventType: event, eventData: data }), '*'),
    { viewport: { width: PHONE.width, height: PHONE.height } },
  );
  (window as any).__wx2tgSimulator = sim;
  window.addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow || typeof e.data !== 'string') return;
    try {
      const msg = JSON.parse(e.data) as { eventType?: string; eventData?: unknown };
      if (typeof msg.eventType === 'string') sim.handle(msg.eventType, msg.eventData ?? {});
    } catch {
      /* not a bridge message */
    }
  });

  const themeRow = el('div', { className: 'row' });
  const setScheme = (scheme: ColorScheme): void => sim.setColorScheme(scheme);
  const lightBtn = button('Light', () => setScheme('light'), 'theme-light');
  const darkBtn = button('Dark', () => setScheme('dark'), 'theme-dark');
  themeRow.append(lightBtn, darkBtn, button('Reload app', () => void load(), 'reload'));
  const pendingBox = el('div');
  const state = el('div', { className: 'muted' });
  const log = el('pre', { className: 'log' });
  const panel = el(
    'div',
    { className: 'panel' },
    el('div', { className: 'box' }, el('h2', { textContent: 'Theme' }), themeRow),
    el('div', { className: 'box' }, el('h2', { textContent: 'Waiting for the user' }), pendingBox),
    el('div', { className: 'box' }, el('h2', { textContent: 'Client state' }), state),
    el('div', { className: 'box' }, el('h2', { textContent: 'Bridge log (newest first)' }), log),
  );
  document.body.append(phone, panel);

  const render = (): void => {
    const s = sim.state;
    backBtn.disabled = !s.backButtonVisible;
    header.style.background = s.headerColor && s.headerColor.startsWith('#') ? s.headerColor : THEMES[s.colorScheme].header_bg_color === '#ffffff' ? '#517da2' : '#2b2b2b';
    lightBtn.classList.toggle('on', s.colorScheme === 'light');
    darkBtn.classList.toggle('on', s.colorScheme === 'dark');
    state.textContent = `back button ${s.backButtonVisible ? 'shown' : 'hidden'} · header ${s.headerColor ?? '—'} · background ${s.backgroundColor ?? '—'} · vertical swipes ${s.verticalSwipes ? 'on' : 'off'} · closing confirmation ${s.closingConfirmation ? 'on' : 'off'}`;
    pendingBox.replaceChildren();
    if (!sim.pending.length) pendingBox.append(el('div', { className: 'muted', textContent: 'Nothing pending.' }));
    for (const p of sim.pending) {
      const row = el('div', { className: 'row' });
      if (p.kind === 'popup') {
        const buttons: { id?: string; text?: string; type?: string }[] = p.params?.buttons ?? [{ id: '', type: 'close' }];
        for (const b of buttons) row.append(button(b.text || b.type || 'OK', () => sim.answer(p.id, b.id ?? '')));
      } else if (p.kind === 'invoice') {
        for (const status of ['paid', 'cancelled', 'failed', 'pending']) {
          row.append(
            button(status, () => {
              if (status !== 'paid') return void sim.answer(p.id, status);
              // "paid": the dev server's Telegram stand-in pays the invoice, so the server kit sees
              // the pre-checkout query and the successful payment; its verdict is the answer.
              void fetch('/__wx2tg/invoice', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slug: p.params?.slug, user: DEFAULT_USER }) })
                .then((r) => (r.ok ? (r.json() as Promise<{ status?: string }>) : { status: 'paid' }))
                .catch(() => ({ status: 'paid' }))
                .then((r) => sim.answer(p.id, r.status ?? 'paid'));
            }),
          );
        }
      } else {
        const input = el('input', { placeholder: 'QR text', value: 'https://example.org' });
        row.append(input, button('Scan', () => sim.answer(p.id, input.value)), button('Close', () => sim.answer(p.id, null)));
      }
      pendingBox.append(el('div', { className: 'pending' }, el('div', { textContent: describePending(p) }), row));
    }
    log.textContent = sim.log
      .slice(-200)
      .reverse()
      .map((e) => `${String(e.t).padStart(6)} ms  ${e.method} ${e.params && Object.keys(e.params as object).length ? JSON.stringify(e.params) : ''}`)
      .join('\n');
  };
  sim.onChange(render);

  async function load(): Promise<void> {
    const theme = encodeURIComponent(JSON.stringify(THEMES[sim.state.colorScheme]));
    const startapp = new URLSearchParams(location.search).get('startapp') ?? '';
    const res = await fetch(`/__wx2tg/launch?theme=${theme}&startapp=${encodeURIComponent(startapp)}`);
    const { hash } = (await res.json()) as { hash: string };
    frame.src = `/app.html${startapp ? `?tgWebAppStartParam=${encodeURIComponent(startapp)}` : ''}#${hash}`;
  }
  render();
  await load();
}

void main();
