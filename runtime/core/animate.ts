/**
 * `this.animate(selector, keyframes, duration, callback)` and `this.clearAnimation(selector,
 * options, callback)` of pages and components, on the Web Animations API. WeChat's keyframes use
 * transform functions as fields (`translate: [x, y]`, `rotate: 45`, `scale: [2, 2]`) and `ease`;
 * they become CSS keyframes. The end state stays until clearAnimation, as in WeChat.
 */
import { find } from '../api/queryEngine.js';
import type { Scope } from '../api/selectorQuery.js';

type WxKeyframe = Record<string, unknown>;

const px = (v: unknown): string => (typeof v === 'number' ? `${v}px` : String(v));
const deg = (v: unknown): string => (typeof v === 'number' ? `${v}deg` : String(v));
const list = (v: unknown, unit: (x: unknown) => string): string => (Array.isArray(v) ? v : [v]).map(unit).join(',');
const plain = (v: unknown): string => String(v);

/** CSS transform function of a keyframe field, and how its arguments are written. */
const TRANSFORMS: Record<string, (v: unknown) => string> = {
  matrix: (v) => list(v, plain),
  matrix3d: (v) => list(v, plain),
  rotate: deg,
  rotateX: deg,
  rotateY: deg,
  rotateZ: deg,
  rotate3d: (v) => (Array.isArray(v) ? [...v.slice(0, 3).map(plain), deg(v[3])].join(',') : String(v)),
  scale: (v) => list(v, plain),
  scale3d: (v) => list(v, plain),
  scaleX: plain,
  scaleY: plain,
  scaleZ: plain,
  skew: (v) => list(v, deg),
  skewX: deg,
  skewY: deg,
  translate: (v) => list(v, px),
  translate3d: (v) => list(v, px),
  translateX: px,
  translateY: px,
  translateZ: px,
};

/** Fields that are plain CSS properties (lengths given as numbers mean px). */
const LENGTHS = new Set(['bottom', 'height', 'left', 'right', 'top', 'width']);

/** Which CSS properties each WeChat field animates (for clearAnimation's options). */
function cssProperty(field: string): string {
  return field in TRANSFORMS ? 'transform' : field;
}

export function toCssKeyframe(kf: WxKeyframe): Keyframe {
  const out: Keyframe = {};
  const transform: string[] = [];
  for (const [k, v] of Object.entries(kf ?? {})) {
    if (v === undefined || v === null) continue;
    if (k === 'offset') out.offset = Number(v);
    else if (k === 'ease') out.easing = String(v);
    else if (k === 'transformOrigin') out.transformOrigin = String(v);
    else if (k in TRANSFORMS) transform.push(`${k}(${TRANSFORMS[k]!(v)})`);
    else if (LENGTHS.has(k)) out[k] = px(v);
    else out[k] = String(v); // opacity, backgroundColor, …
  }
  if (transform.length) out.transform = transform.join(' ');
  return out;
}

const running = new WeakMap<Element, Animation[]>();

export function animateIn(scope: Scope | null, selector: string, keyframes: WxKeyframe[], duration: number, callback?: () => void): void {
  if (!scope) return;
  if (typeof callback !== 'function' && callback !== undefined && callback !== null) {
    // animate(selector, keyframes, duration, scrollTimeline): scroll-driven animations.
    console.warn('[wx2tg] animate with a ScrollTimeline is not supported; the animation runs on time instead');
    callback = undefined;
  }
  const els = find(scope, String(selector), true);
  const frames = (Array.isArray(keyframes) ? keyframes : []).map(toCssKeyframe);
  let pending = els.length;
  if (!pending) {
    callback?.();
    return;
  }
  for (const el of els) {
    const anim = (el as HTMLElement).animate(frames, { duration: Number(duration) || 0, fill: 'forwards' });
    const mine = running.get(el) ?? [];
    mine.push(anim);
    running.set(el, mine);
    const done = (): void => {
      if (--pending === 0) callback?.();
    };
    anim.finished.then(done, done);
  }
}

/**
 * Ends the animations `animate` left on the elements. With `options` ({opacity: true, rotate:
 * true}), only those properties go back; the others keep their animated values.
 */
export function clearAnimationIn(scope: Scope | null, selector: string, options?: Record<string, boolean> | (() => void), callback?: () => void): void {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (scope) {
    const clear = options ? new Set(Object.keys(options).filter((k) => (options as Record<string, boolean>)[k]).map(cssProperty)) : null;
    for (const el of find(scope, String(selector), true)) {
      const anims = running.get(el);
      if (!anims) continue;
      running.delete(el);
      const style = (el as HTMLElement).style;
      for (const a of anims) {
        if (clear) {
          // Keep what is not cleared: write the animated values inline, then drop the cleared ones.
          try {
            a.commitStyles();
          } catch {
            /* not rendered: nothing to keep */
          }
        }
        a.cancel();
      }
      if (clear) for (const p of clear) style.removeProperty(p.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()));
    }
  }
  if (typeof callback === 'function') requestAnimationFrame(() => callback!());
}
