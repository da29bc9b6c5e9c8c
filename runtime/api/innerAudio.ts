/**
 * wx.createInnerAudioContext's object: WeChat's audio API over an HTMLAudioElement. Loaded on the
 * first createInnerAudioContext() (runtime/api/media.ts hands out a stand-in until then).
 */
import { appUrl } from '../shell/assets.js';

/** InnerAudioContext event → the audio element's event (Stop is ours). */
const EVENTS: Record<string, string> = {
  Canplay: 'canplay',
  Play: 'play',
  Pause: 'pause',
  Stop: 'wx-stop',
  Ended: 'ended',
  TimeUpdate: 'timeupdate',
  Error: 'error',
  Waiting: 'waiting',
  Seeking: 'seeking',
  Seeked: 'seeked',
};

/** WeChat's InnerAudioContext error codes, by HTML MediaError code. */
const ERR_CODES = [-1, 10001, 10002, 10003, 10004];

type Listener = (res?: unknown) => void;

/** wx.createInnerAudioContext(): WeChat's audio object over an HTMLAudioElement. */
export class InnerAudioContext {
  readonly a = new Audio();
  private ls: [Listener, string, EventListener][] = [];
  private source = '';
  private started = false;
  startTime = 0;
  autoplay = false;
  obeyMuteSwitch = true;
  referrerPolicy = '';
  [key: string]: unknown;

  get src(): string {
    return this.source;
  }
  set src(v: string) {
    this.source = String(v ?? '');
    this.started = false;
    this.a.src = appUrl(this.source);
    if (this.autoplay) this.play();
  }
  get duration(): number {
    return Number.isFinite(this.a.duration) ? this.a.duration : 0;
  }
  get buffered(): number {
    const b = this.a.buffered;
    return b.length ? b.end(b.length - 1) : 0;
  }
  play(): void {
    if (!this.started && this.startTime > 0) this.a.currentTime = this.startTime;
    this.started = true;
    this.a.play().catch((e: Error) => {
      // Interrupted by pause() or a new src: not an error. Refused (autoplay rules) or failed: onError.
      if (e.name !== 'AbortError') this.a.dispatchEvent(Object.assign(new Event('error'), { reason: e.message }));
    });
  }
  pause(): void {
    this.a.pause();
  }
  stop(): void {
    this.a.pause();
    this.a.currentTime = 0;
    this.a.dispatchEvent(new Event('wx-stop'));
  }
  seek(position: number): void {
    this.a.currentTime = Math.max(0, Number(position) || 0);
  }
  destroy(): void {
    this.a.pause();
    for (const [, type, l] of this.ls) this.a.removeEventListener(type, l);
    this.ls = [];
    this.a.removeAttribute('src');
  }
}

const proto = InnerAudioContext.prototype as unknown as Record<string, unknown>;
// Read-write and read-only properties that are the audio element's own.
for (const p of ['loop', 'volume', 'playbackRate', 'currentTime', 'paused']) {
  Object.defineProperty(proto, p, {
    get(this: InnerAudioContext) {
      return this.a[p as 'loop'];
    },
    set(this: InnerAudioContext, v: unknown) {
      if (p === 'loop' || p === 'volume' || p === 'playbackRate') (this.a as any)[p] = p === 'loop' ? !!v : Number(v);
    },
  });
}
// on<Event>(listener) / off<Event>(listener?).
for (const [name, type] of Object.entries(EVENTS)) {
  proto[`on${name}`] = function (this: InnerAudioContext, fn: Listener) {
    const ls = (this as any).ls as [Listener, string, EventListener][];
    if (typeof fn !== 'function' || ls.some(([f, t]) => f === fn && t === type)) return;
    const l: EventListener = (e) => {
      // The browser also says "pause" when the audio reaches its end: WeChat says only "ended".
      if (name === 'Pause' && this.a.ended) return;
      if (name === 'Error') fn({ errMsg: (e as Event & { reason?: string }).reason ?? (this.a.error?.message || 'audio error'), errCode: ERR_CODES[this.a.error?.code ?? 0] ?? -1 });
      else fn();
    };
    ls.push([fn, type, l]);
    this.a.addEventListener(type, l);
  };
  proto[`off${name}`] = function (this: InnerAudioContext, fn?: Listener) {
    (this as any).ls = ((this as any).ls as [Listener, string, EventListener][]).filter(([f, t, l]) => {
      const drop = t === type && (!fn || f === fn);
      if (drop) this.a.removeEventListener(t, l);
      return !drop;
    });
  };
}

