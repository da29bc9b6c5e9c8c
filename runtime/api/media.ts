/**
 * APIs that belong to built-in components. The component's module (loaded only by programs whose
 * templates use the tag) provides the implementation: wx.createVideoContext (video),
 * wx.createAudioContext (audio), wx.createCanvasContext and wx.canvasToTempFilePath (canvas).
 * Here is only the registry, and wx.createInnerAudioContext, which needs no component and loads
 * on first use.
 */
type Impl = (...args: any[]) => unknown;

const impls: Record<string, Impl> = {};

export function provide(name: string, impl: Impl): void {
  impls[name] = impl;
}

/** A provided API, or (when the program has no such component) a warning and an inert object. */
export function provided(name: string, ...args: unknown[]): unknown {
  const impl = impls[name];
  if (impl) return impl(...args);
  console.warn(`[wx2tg] wx.${name}: the program has no component for it in its templates`);
  return new Proxy({}, { get: () => () => undefined });
}

/** Values an InnerAudioContext reads before its module is there. */
const AUDIO_DEFAULTS: Record<string, unknown> = { src: '', startTime: 0, autoplay: false, loop: false, obeyMuteSwitch: true, volume: 1, playbackRate: 1, currentTime: 0, duration: 0, paused: true, buffered: 0 };

/**
 * wx.createInnerAudioContext(): the object at once; until its module has loaded, properties set
 * are kept and methods called are queued, then both are applied in order.
 */
export function createInnerAudioContext(_options?: { useWebAudioImplement?: boolean }): Record<string, unknown> {
  const props: Record<string, unknown> = { ...AUDIO_DEFAULTS };
  const pending: [string, unknown[] | null, unknown][] = [];
  let real: Record<string, any> | null = null;
  void import('./innerAudio.js').then((m) => {
    const r: Record<string, any> = new m.InnerAudioContext();
    for (const [k, args, v] of pending) {
      if (args) r[k](...args);
      else r[k] = v;
    }
    real = r;
  });
  return new Proxy(props, {
    get(_, k) {
      if (typeof k !== 'string' || k === 'then') return undefined;
      if (real) return typeof real[k] === 'function' ? real[k].bind(real) : real[k];
      return k in props ? props[k] : (...args: unknown[]) => void pending.push([k, args, undefined]);
    },
    set(_, k, v) {
      if (typeof k !== 'string') return false;
      if (real) real[k] = v;
      else {
        props[k] = v;
        pending.push([k, null, v]);
      }
      return true;
    },
  });
}
