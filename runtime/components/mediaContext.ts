/**
 * What the contexts of wx.createVideoContext / wx.createAudioContext / wx.createCanvasContext
 * share: finding the component by id in the caller's scope (a page, or the component passed as
 * the last argument), at the moment a method is called.
 */
import { provide } from '../api/media.js';
import { find } from '../api/queryEngine.js';
import type { Instance } from '../core/instance.js';

/** Where a media element keeps the controller its context calls. */
export const MEDIA = Symbol.for('wx2tg.media');

/** The first element matching `selector` in the scope's own template (what WeChat's ids name). */
export function inScope(root: () => Element | null, selector: string, inst?: Instance): Element | null {
  const r = root();
  return r ? (find({ root: r, owner: inst ?? null }, selector, false)[0] ?? null) : null;
}

/** Provides wx.<api>(id, component): each method calls the element's controller found by id. */
export function provideMediaContext(api: string, methods: string[]): void {
  provide(api, (id: string, root: () => Element | null, inst?: Instance) => {
    const ctx: Record<string, (...a: unknown[]) => void> = {};
    for (const m of methods) {
      ctx[m] = (...args: unknown[]) => {
        const impl = (inScope(root, `#${CSS.escape(String(id))}`, inst) as any)?.[MEDIA]?.[m] as ((...a: unknown[]) => unknown) | undefined;
        if (!impl) return console.warn(`[wx2tg] ${api}("${id}").${m}: no such element on the page`);
        const r = impl(...args);
        // A refused play() (autoplay rules) is reported, not thrown into the program.
        if (r instanceof Promise) r.catch((e: Error) => console.warn(`[wx2tg] ${api}("${id}").${m}: ${e.message}`));
      };
    }
    return ctx;
  });
}
