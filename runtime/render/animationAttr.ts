/**
 * The `animation` attribute: runs the steps of an exported wx.createAnimation on the element as
 * CSS transitions, one after another (a new export replaces a running one). Loaded on first use.
 */
import { convertRpxInStyle } from '../shell/rpx.js';

interface Action {
  animates?: { type?: string; args?: unknown[] }[];
  option?: { transition?: { duration?: number; timingFunction?: string; delay?: number }; transformOrigin?: string };
}

const px = (v: unknown): string => (typeof v === 'number' ? `${v}px` : convertRpxInStyle(String(v)));
const deg = (v: unknown): string => (typeof v === 'number' ? `${v}deg` : String(v));
const num = (v: unknown): string => String(v);
const kebab = (k: string): string => k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

function transformOf(type: string, args: unknown[]): string | null {
  const a = args.length ? args : [0];
  switch (type) {
    case 'rotate':
    case 'rotateX':
    case 'rotateY':
    case 'rotateZ':
    case 'skewX':
    case 'skewY':
      return `${type}(${deg(a[0])})`;
    case 'skew':
      return `skew(${deg(a[0])},${deg(a[1] ?? 0)})`;
    case 'rotate3d':
      return `rotate3d(${num(a[0])},${num(a[1] ?? 0)},${num(a[2] ?? 0)},${deg(a[3] ?? 0)})`;
    case 'scale':
      return `scale(${num(a[0])},${num(a[1] ?? a[0])})`;
    case 'scaleX':
    case 'scaleY':
    case 'scaleZ':
      return `${type}(${num(a[0])})`;
    case 'scale3d':
      return `scale3d(${num(a[0])},${num(a[1] ?? 1)},${num(a[2] ?? 1)})`;
    case 'translate':
      return `translate(${px(a[0])},${px(a[1] ?? 0)})`;
    case 'translateX':
    case 'translateY':
    case 'translateZ':
      return `${type}(${px(a[0])})`;
    case 'translate3d':
      return `translate3d(${px(a[0])},${px(a[1] ?? 0)},${px(a[2] ?? 0)})`;
    case 'matrix':
    case 'matrix3d':
      return `${type}(${a.map(num).join(',')})`;
  }
  return null;
}

const runs = new WeakMap<HTMLElement, number>();

export function runAnimation(el: HTMLElement, value: unknown): void {
  const actions = (value as { actions?: Action[] } | null)?.actions;
  if (!Array.isArray(actions) || !actions.length) return;
  const run = (runs.get(el) ?? 0) + 1;
  runs.set(el, run);
  let i = 0;
  const next = (): void => {
    if (runs.get(el) !== run || i >= actions.length) return;
    const action = actions[i++]!;
    const t = action.option?.transition ?? {};
    const duration = Math.max(0, Number(t.duration ?? 400));
    const delay = Math.max(0, Number(t.delay ?? 0));
    const style = el.style;
    style.transition = `all ${duration}ms ${t.timingFunction ?? 'linear'} ${delay}ms`;
    style.transformOrigin = action.option?.transformOrigin ?? '50% 50% 0';
    const transforms: string[] = [];
    for (const a of action.animates ?? []) {
      if (a.type === 'style') {
        const [prop, v] = a.args ?? [];
        const name = kebab(String(prop));
        style.setProperty(name, name === 'opacity' || name === 'background-color' ? String(v) : px(v));
      } else {
        const tf = transformOf(String(a.type), a.args ?? []);
        if (tf) transforms.push(tf);
      }
    }
    if (transforms.length) style.transform = transforms.join(' ');
    // The next step starts when this one has had its time (transitionend does not fire for
    // properties that did not change).
    setTimeout(next, duration + delay);
  };
  // Let the element render its starting state first, so the first step transitions.
  requestAnimationFrame(() => requestAnimationFrame(next));
}
