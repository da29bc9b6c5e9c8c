/**
 * The part of createIntersectionObserver that watches (intersectionObserver.ts keeps the
 * settings): loaded on the first observe(), which reports asynchronously in any case.
 */
import { peekNodeData } from '../render/attrs.js';
import type { WxIntersectionObserver } from './intersectionObserver.js';

const rect = (r: DOMRectReadOnly) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height });

/** Starts the browser's IntersectionObserver on what `selector` matches under scopeRoot. */
export function watch(o: WxIntersectionObserver, scopeRoot: Element | null, selector: string, callback: (res: Record<string, unknown>) => void): void {
  const targets = scopeRoot ? [...scopeRoot.querySelectorAll(selector)] : [];
  const list = o.options.observeAll ? targets : targets.slice(0, 1);
  if (!list.length) {
    console.warn(`[wx2tg] createIntersectionObserver: no node matches "${selector}"`);
    return;
  }
  const m = o.margins;
  const io = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const ratio = e.intersectionRatio;
        // The first report is only made when the ratio differs from initialRatio (default 0).
        if ((e.target as any).__wxSeen !== true) {
          (e.target as any).__wxSeen = true;
          if (ratio === (o.options.initialRatio ?? 0)) continue;
        }
        const data = peekNodeData(e.target);
        callback({
          id: e.target.id || '',
          dataset: { ...(data?.dataset ?? {}) },
          intersectionRatio: ratio,
          intersectionRect: rect(e.intersectionRect),
          boundingClientRect: rect(e.boundingClientRect),
          relativeRect: e.rootBounds ? rect(e.rootBounds) : { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight, width: window.innerWidth, height: window.innerHeight },
          time: Math.round(e.time),
        });
      }
    },
    {
      root: o.root,
      rootMargin: `${m.top ?? 0}px ${m.right ?? 0}px ${m.bottom ?? 0}px ${m.left ?? 0}px`,
      threshold: o.options.thresholds ?? [0],
    },
  );
  for (const t of list) io.observe(t);
  o.observers.push(io);
}
