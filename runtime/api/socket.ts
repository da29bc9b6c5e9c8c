/**
 * WebSockets: wx.connectSocket returns a SocketTask (send, close, onOpen/onMessage/onError/onClose);
 * the older global form (sendSocketMessage, onSocketOpen, … closeSocket) acts on the latest task.
 * WeChat allows 5 sockets at once.
 */
import { ApiFail } from './callback.js';

const MAX_SOCKETS = 5;
const open = new Set<SocketTask>();
let latest: SocketTask | null = null;

type Cb = Record<string, unknown> & { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

function settle(api: string, p: Cb | undefined, err?: string): void {
  const res = { errMsg: `${api}:${err ? 'fail ' + err : 'ok'}` };
  if (err) p?.fail?.(res);
  else p?.success?.(res);
  p?.complete?.(res);
}

export class SocketTask {
  readonly ws: WebSocket | null;
  private readonly listeners: Record<string, Set<(res: any) => void>> = { open: new Set(), message: new Set(), error: new Set(), close: new Set() };
  constructor(p: Cb & { url?: string; protocols?: string[]; timeout?: number }) {
    let ws: WebSocket | null = null;
    try {
      if (typeof p.url !== 'string' || !/^wss?:\/\//i.test(p.url)) throw new ApiFail(`invalid url "${p.url ?? ''}"`);
      if (open.size >= MAX_SOCKETS) throw new ApiFail(`exceed max task count ${MAX_SOCKETS}`);
      ws = new WebSocket(p.url, p.protocols);
      ws.binaryType = 'arraybuffer';
      open.add(this);
      const timer = p.timeout ? setTimeout(() => ws!.readyState === WebSocket.CONNECTING && ws!.close(), p.timeout) : undefined;
      ws.onopen = () => {
        clearTimeout(timer);
        this.emit('open', { header: {}, profile: {} });
      };
      ws.onmessage = (e) => this.emit('message', { data: e.data });
      ws.onerror = () => this.emit('error', { errMsg: 'connectSocket:fail network error' });
      ws.onclose = (e) => {
        open.delete(this);
        this.emit('close', { code: e.code, reason: e.reason });
      };
      settle('connectSocket', p);
    } catch (err) {
      settle('connectSocket', p, err instanceof ApiFail ? err.reason : String(err));
    }
    this.ws = ws;
  }
  private emit(kind: string, res: unknown): void {
    for (const fn of this.listeners[kind]!) fn(res);
  }
  send(p: Cb & { data?: string | ArrayBuffer } = {}): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return settle('sendSocketMessage', p, 'socket is not connected');
    this.ws.send(p.data ?? '');
    settle('sendSocketMessage', p);
  }
  close(p: Cb & { code?: number; reason?: string } = {}): void {
    if (!this.ws) return settle('closeSocket', p, 'socket is not connected');
    this.ws.close(p.code ?? 1000, p.reason);
    settle('closeSocket', p);
  }
  onOpen(fn: (res: unknown) => void): void {
    this.listeners.open!.add(fn);
  }
  onMessage(fn: (res: unknown) => void): void {
    this.listeners.message!.add(fn);
  }
  onError(fn: (res: unknown) => void): void {
    this.listeners.error!.add(fn);
  }
  onClose(fn: (res: unknown) => void): void {
    this.listeners.close!.add(fn);
  }
}

export function connectSocket(p: Cb & { url?: string } = {}): SocketTask {
  latest = new SocketTask(p);
  for (const [kind, fns] of Object.entries(globalListeners)) for (const fn of fns) (latest as any)['on' + kind[0]!.toUpperCase() + kind.slice(1)](fn);
  return latest;
}

const globalListeners: Record<string, Set<(res: unknown) => void>> = { open: new Set(), message: new Set(), error: new Set(), close: new Set() };
const onGlobal = (kind: string) => (fn: (res: unknown) => void): void => {
  if (typeof fn !== 'function') return;
  globalListeners[kind]!.add(fn);
  (latest as any)?.['on' + kind[0]!.toUpperCase() + kind.slice(1)](fn);
};
export const onSocketOpen = onGlobal('open');
export const onSocketMessage = onGlobal('message');
export const onSocketError = onGlobal('error');
export const onSocketClose = onGlobal('close');

export function sendSocketMessage(p: Cb & { data?: string | ArrayBuffer } = {}): void {
  if (!latest) return settle('sendSocketMessage', p, 'socket is not connected');
  latest.send(p);
}

export function closeSocket(p: Cb & { code?: number; reason?: string } = {}): void {
  if (!latest) return settle('closeSocket', p, 'socket is not connected');
  latest.close(p);
}
