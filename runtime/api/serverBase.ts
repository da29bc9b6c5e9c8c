/**
 * Where the program's wx2tg server is: app.json "telegram": {"server": "https://api.example.com/wx2tg"}
 * (set at start), or `window.__wx2tgServer`, or <meta name="wx2tg-server" content=…>.
 * A module of its own so the shell can set it without loading the APIs that use it.
 */
let configured: string | null = null;

/** Sets the wx2tg server base URL (app.json "telegram": {"server": …}). */
export function setServerBase(url: string | undefined | null): void {
  configured = url ? url.replace(/\/+$/, '') : null;
}

export function serverBase(): string | null {
  if (configured) return configured;
  const fromWindow = (globalThis as { __wx2tgServer?: unknown }).__wx2tgServer;
  if (typeof fromWindow === 'string' && fromWindow) return fromWindow.replace(/\/+$/, '');
  const meta = typeof document !== 'undefined' ? document.querySelector('meta[name="wx2tg-server"]')?.getAttribute('content') : null;
  return meta ? meta.replace(/\/+$/, '') : null;
}
