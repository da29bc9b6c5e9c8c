/**
 * movable-area and movable-view: a view dragged (touch or mouse) inside its area.
 * movable-view: direction all|vertical|horizontal|none, inertia (a fling slides on, slowed by
 * `friction`), out-of-bounds (dragging past the edge with resistance, then springing back), x / y
 * (px or rpx; a change animates with a spring whose speed is `damping`, or jumps with
 * animation=false), disabled, scale with scale-min / scale-max / scale-value (two-finger pinch, or
 * the mouse wheel / trackpad pinch on desktop). Events: change {x, y, source} with source touch,
 * touch-out-of-bounds, out-of-bounds, friction or '' (set by the program); scale {x, y, scale};
 * htouchmove / vtouchmove once per drag, by its first direction.
 * movable-area: scale-area lets a pinch anywhere in the area scale its views.
 *
 * A view is positioned by its own transform (origin top left). A `style` binding that rewrites the
 * element's inline style is noticed and the transform put back.
 */
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';
import { flag, num, releaseVelocity, stateOf, type Sample } from './util.js';

type Source = 'touch' | 'touch-out-of-bounds' | 'out-of-bounds' | 'friction' | '';

interface ViewState {
  dir: string;
  inertia: boolean;
  outOfBounds: boolean;
  damping: number;
  friction: number;
  disabled: boolean;
  scalable: boolean;
  scaleMin: number;
  scaleMax: number;
  animation: boolean;
  x: number;
  y: number;
  scale: number;
  /** x / y / scale-value asked for by the program, applied once the view has a size. */
  want: { x?: number; y?: number; scale?: number };
  transform: string;
  /** Laid out once (x / y given before that are placed without animation). */
  placed: boolean;
  scheduled: boolean;
  raf: number;
  /** Pointers down on the view (two make a pinch). */
  pointers: Map<number, { x: number; y: number }>;
}

interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

const VIEW = Symbol('wx2tg.movableView');

function rpxToPx(v: unknown): number {
  const text = String(v ?? '').trim();
  const m = /^(-?[\d.]+)rpx$/.exec(text);
  if (!m) return parseFloat(text) || 0;
  return (Number(m[1]) * (document.documentElement.clientWidth || 375)) / 750;
}

function canX(s: ViewState): boolean {
  return s.dir === 'all' || s.dir === 'horizontal';
}

function canY(s: ViewState): boolean {
  return s.dir === 'all' || s.dir === 'vertical';
}

/** Where the view may rest: inside the area, or covering it when the view is the larger. */
function bounds(el: HTMLElement, s: ViewState, scale = s.scale): Bounds {
  const area = el.parentElement;
  const aw = area?.clientWidth ?? 0;
  const ah = area?.clientHeight ?? 0;
  const w = el.offsetWidth * scale;
  const h = el.offsetHeight * scale;
  const [minX, maxX] = w <= aw ? [0, aw - w] : [aw - w, 0];
  const [minY, maxY] = h <= ah ? [0, ah - h] : [ah - h, 0];
  return { minX, maxX, minY, maxY };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function render(el: HTMLElement, s: ViewState): void {
  s.transform = `translate(${s.x}px, ${s.y}px) scale(${s.scale})`;
  el.style.transform = s.transform;
  el.style.transformOrigin = '0 0';
}

function report(el: HTMLElement, s: ViewState, source: Source): void {
  dispatchWxEvent(el, 'change', { x: round(s.x), y: round(s.y), source });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function stop(s: ViewState): void {
  cancelAnimationFrame(s.raf);
  s.raf = 0;
}

/**
 * Runs the view's motion one frame at a time: springs toward a target (x/y set by the program,
 * the way back inside after out-of-bounds), or a fling slowing down by friction.
 */
function spring(el: HTMLElement, s: ViewState, target: { x: number; y: number; scale: number }, source: Source): void {
  stop(s);
  if (!s.animation) {
    const scaled = target.scale !== s.scale;
    Object.assign(s, target);
    render(el, s);
    report(el, s, source);
    if (scaled) dispatchWxEvent(el, 'scale', { x: round(s.x), y: round(s.y), scale: s.scale });
    return;
  }
  const scaling = target.scale !== s.scale;
  // A critically damped spring: it arrives without overshooting; damping sets how fast.
  const omega = Math.max(1, s.damping) * 0.75; // damping 20: settled in about 0.6 s
  const vel = { x: 0, y: 0, scale: 0 };
  let last = performance.now();
  const step = (now: number): void => {
    const dt = Math.min(0.05, (now - last) / 1000);
    last = now;
    let done = true;
    for (const k of ['x', 'y', 'scale'] as const) {
      const a = -omega * omega * (s[k] - target[k]) - 2 * omega * vel[k];
      vel[k] += a * dt;
      s[k] += vel[k] * dt;
      const eps = k === 'scale' ? 0.002 : 0.5;
      if (Math.abs(s[k] - target[k]) > eps || Math.abs(vel[k]) > eps * 10) done = false;
    }
    if (done) Object.assign(s, target);
    render(el, s);
    report(el, s, source);
    if (scaling) dispatchWxEvent(el, 'scale', { x: round(s.x), y: round(s.y), scale: round(s.scale) });
    s.raf = done ? 0 : requestAnimationFrame(step);
  };
  s.raf = requestAnimationFrame(step);
}

/** After a release: slide on with the finger's speed (inertia), then come back inside if outside. */
function release(el: HTMLElement, s: ViewState, vx: number, vy: number): void {
  const settleInside = (): void => {
    const b = bounds(el, s);
    const x = clamp(s.x, b.minX, b.maxX);
    const y = clamp(s.y, b.minY, b.maxY);
    if (x !== s.x || y !== s.y) spring(el, s, { x, y, scale: s.scale }, 'out-of-bounds');
  };
  if (!s.inertia || Math.hypot(vx, vy) < 0.1) {
    settleInside();
    return;
  }
  stop(s);
  let v = { x: canX(s) ? vx * 1000 : 0, y: canY(s) ? vy * 1000 : 0 }; // px per second
  const decay = Math.max(0.1, s.friction) * 3;
  let last = performance.now();
  const step = (now: number): void => {
    const dt = Math.min(0.05, (now - last) / 1000);
    last = now;
    const f = Math.exp(-decay * dt);
    v = { x: v.x * f, y: v.y * f };
    s.x += v.x * dt;
    s.y += v.y * dt;
    const b = bounds(el, s);
    if (!s.outOfBounds) {
      // Without out-of-bounds the edge stops it.
      const cx = clamp(s.x, b.minX, b.maxX);
      const cy = clamp(s.y, b.minY, b.maxY);
      if (cx !== s.x) v.x = 0;
      if (cy !== s.y) v.y = 0;
      s.x = cx;
      s.y = cy;
    } else {
      // Past the edge it is braked much harder.
      if (s.x < b.minX || s.x > b.maxX) v.x *= 0.7;
      if (s.y < b.minY || s.y > b.maxY) v.y *= 0.7;
    }
    render(el, s);
    report(el, s, 'friction');
    if (Math.hypot(v.x, v.y) > 8) s.raf = requestAnimationFrame(step);
    else {
      s.raf = 0;
      settleInside();
    }
  };
  s.raf = requestAnimationFrame(step);
}

/** Scales about a point (client coordinates) so that the point stays put. */
function zoom(el: HTMLElement, s: ViewState, next: number, cx: number, cy: number): void {
  const scale = clamp(next, s.scaleMin, s.scaleMax);
  if (scale === s.scale) return;
  const area = el.parentElement!.getBoundingClientRect();
  const px = cx - area.left;
  const py = cy - area.top;
  const ratio = scale / s.scale;
  s.x = px - (px - s.x) * ratio;
  s.y = py - (py - s.y) * ratio;
  s.scale = scale;
  if (!s.outOfBounds) {
    const b = bounds(el, s);
    s.x = clamp(s.x, b.minX, b.maxX);
    s.y = clamp(s.y, b.minY, b.maxY);
  }
  render(el, s);
  dispatchWxEvent(el, 'scale', { x: round(s.x), y: round(s.y), scale: round(s.scale) });
}

/** Puts x / y / scale-value given by the program in place, within bounds, once laid out. */
function applyWanted(el: HTMLElement, s: ViewState, animate: boolean): void {
  if (!el.parentElement || !el.offsetWidth) return;
  const w = s.want;
  const scale = s.scalable && w.scale !== undefined ? clamp(w.scale, s.scaleMin, s.scaleMax) : s.scale;
  const b = bounds(el, s, scale);
  const x = clamp(w.x ?? s.x, b.minX, b.maxX);
  const y = clamp(w.y ?? s.y, b.minY, b.maxY);
  s.want = {};
  if (x === s.x && y === s.y && scale === s.scale) return;
  if (animate) spring(el, s, { x, y, scale }, '');
  else {
    Object.assign(s, { x, y, scale });
    render(el, s);
  }
}

/** x, y and scale-value set in one update make one move. */
function schedule(el: HTMLElement, s: ViewState): void {
  if (!s.placed || s.scheduled) return;
  s.scheduled = true;
  queueMicrotask(() => {
    s.scheduled = false;
    applyWanted(el, s, true);
  });
}

function touchAction(el: HTMLElement, s: ViewState): void {
  // Let the page scroll along the axes the view does not move on.
  el.style.touchAction = s.disabled ? '' : s.scalable || s.dir === 'all' ? 'none' : s.dir === 'horizontal' ? 'pan-y' : s.dir === 'vertical' ? 'pan-x' : '';
}

function listen(el: HTMLElement, s: ViewState): void {
  let drag: { x: number; y: number; sx: number; sy: number; id: number; moved: boolean; samples: Sample[] } | null = null;
  let pinch: { d: number; scale: number } | null = null;
  const distance = (): number => {
    const [a, b] = [...s.pointers.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };
  el.addEventListener('pointerdown', (e) => {
    if (s.disabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
    s.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (s.scalable && s.pointers.size === 2) {
      drag = null;
      pinch = { d: distance(), scale: s.scale };
      return;
    }
    if (s.dir === 'none' || s.pointers.size > 1) return;
    stop(s);
    // Captured at once: a quick mouse may leave the view before it has followed.
    el.setPointerCapture?.(e.pointerId);
    drag = { x: e.clientX, y: e.clientY, sx: s.x, sy: s.y, id: e.pointerId, moved: false, samples: [[e.timeStamp, e.clientX, e.clientY]] };
  });
  el.addEventListener('pointermove', (e) => {
    if (!s.pointers.has(e.pointerId)) return;
    s.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pinch) {
      const pts = [...s.pointers.values()];
      const d = distance();
      if (d && pinch.d) zoom(el, s, (pinch.scale * d) / pinch.d, (pts[0]!.x + pts[1]!.x) / 2, (pts[0]!.y + pts[1]!.y) / 2);
      return;
    }
    if (!drag || drag.id !== e.pointerId) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved) {
      if (Math.hypot(dx, dy) < 3) return;
      drag.moved = true;
      const t = { identifier: e.pointerId, pageX: e.pageX, pageY: e.pageY, clientX: e.clientX, clientY: e.clientY };
      dispatchWxEvent(el, Math.abs(dx) > Math.abs(dy) ? 'htouchmove' : 'vtouchmove', {}, { touches: [t], changedTouches: [t] });
    }
    e.preventDefault();
    const b = bounds(el, s);
    let x = canX(s) ? drag.sx + dx : s.x;
    let y = canY(s) ? drag.sy + dy : s.y;
    let outside = false;
    const resist = (v: number, lo: number, hi: number): number => {
      if (v >= lo && v <= hi) return v;
      outside = true;
      if (!s.outOfBounds) return clamp(v, lo, hi);
      return v < lo ? lo - (lo - v) * 0.35 : hi + (v - hi) * 0.35;
    };
    x = resist(x, b.minX, b.maxX);
    y = resist(y, b.minY, b.maxY);
    s.x = x;
    s.y = y;
    render(el, s);
    report(el, s, outside && s.outOfBounds ? 'touch-out-of-bounds' : 'touch');
    drag.samples.push([e.timeStamp, e.clientX, e.clientY]);
    if (drag.samples.length > 6) drag.samples.shift();
  });
  const up = (e: PointerEvent): void => {
    if (!s.pointers.delete(e.pointerId)) return;
    if (pinch) {
      if (s.pointers.size < 2) {
        pinch = null;
        release(el, s, 0, 0);
      }
      return;
    }
    if (!drag || drag.id !== e.pointerId) return;
    const d = drag;
    drag = null;
    if (!d.moved) return;
    const { vx, vy } = releaseVelocity(d.samples, e.timeStamp);
    release(el, s, vx, vy);
  };
  el.addEventListener('pointerup', up);
  el.addEventListener('pointercancel', up);
  el.addEventListener(
    'wheel',
    (e) => {
      if (!s.scalable || s.disabled) return;
      e.preventDefault();
      stop(s);
      // A trackpad pinch arrives as a wheel with ctrlKey: finer steps than a mouse wheel.
      zoom(el, s, s.scale * Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.002)), e.clientX, e.clientY);
    },
    { passive: false },
  );
}

defineBuiltin('movable-view', {
  create(el) {
    const s: ViewState = {
      dir: 'none',
      inertia: false,
      outOfBounds: false,
      damping: 20,
      friction: 2,
      disabled: false,
      scalable: false,
      scaleMin: 0.5,
      scaleMax: 10,
      animation: true,
      x: 0,
      y: 0,
      scale: 1,
      want: {},
      transform: '',
      placed: false,
      scheduled: false,
      raf: 0,
      pointers: new Map(),
    };
    (el as any)[VIEW] = s;
    render(el, s);
    listen(el, s);
    // A style binding replaces the inline style: put the position back.
    new MutationObserver(() => {
      if (el.style.transform !== s.transform) {
        render(el, s);
        touchAction(el, s);
      }
    }).observe(el, { attributes: true, attributeFilter: ['style'] });
    // First layout, and any later change of the view's or the area's size: clamp into bounds.
    let area: Element | null = null;
    const ro = new ResizeObserver(() => {
      // The area is watched from the next frame (observing it inside this callback would loop).
      if (!area && el.parentElement) {
        area = el.parentElement;
        requestAnimationFrame(() => ro.observe(area!));
      }
      const fresh = !s.placed;
      s.placed = true;
      applyWanted(el, s, false);
      if (fresh || s.raf) return;
      const b = bounds(el, s);
      const x = clamp(s.x, b.minX, b.maxX);
      const y = clamp(s.y, b.minY, b.maxY);
      if (x !== s.x || y !== s.y) spring(el, s, { x, y, scale: s.scale }, '');
    });
    ro.observe(el);
  },
  set(el, name, value) {
    const s = stateOf<ViewState>(el, VIEW);
    const on = flag(value);
    switch (name) {
      case 'direction':
        s.dir = ['all', 'vertical', 'horizontal'].includes(String(value)) ? String(value) : 'none';
        touchAction(el, s);
        return true;
      case 'inertia':
        s.inertia = on;
        return true;
      case 'out-of-bounds':
        s.outOfBounds = on;
        return true;
      case 'x':
      case 'y':
        s.want[name] = rpxToPx(value);
        schedule(el, s);
        return true;
      case 'damping':
        s.damping = num(value, 20) > 0 ? num(value, 20) : 20;
        return true;
      case 'friction':
        s.friction = num(value, 2) > 0 ? num(value, 2) : 2;
        return true;
      case 'disabled':
        s.disabled = on;
        touchAction(el, s);
        return true;
      case 'scale':
        s.scalable = on;
        touchAction(el, s);
        return true;
      case 'scale-min':
        s.scaleMin = clamp(num(value, 0.5), 0.1, 10);
        return true;
      case 'scale-max':
        s.scaleMax = clamp(num(value, 10), 0.5, 20);
        return true;
      case 'scale-value':
        s.want.scale = clamp(num(value, 1), 0.5, 10);
        schedule(el, s);
        return true;
      case 'animation':
        s.animation = value == null || on;
        return true;
    }
    return false;
  },
});

defineBuiltin('movable-area', {
  create(el) {
    // scale-area: a pinch (or wheel) anywhere in the area scales its scalable views.
    let pts = new Map<number, { x: number; y: number }>();
    let pinch: { d: number; views: [HTMLElement, ViewState, number][] } | null = null;
    const scalables = (): [HTMLElement, ViewState][] =>
      ([...el.children].filter((c) => c.tagName === 'WX-MOVABLE-VIEW') as HTMLElement[]).map((v) => [v, stateOf<ViewState>(v, VIEW)] as [HTMLElement, ViewState]).filter(([, s]) => s?.scalable && !s.disabled);
    const dist = (): number => {
      const [a, b] = [...pts.values()];
      return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
    };
    el.addEventListener('pointerdown', (e) => {
      if (!el.hasAttribute('scale-area')) return;
      pts.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pts.size === 2) pinch = { d: dist(), views: scalables().map(([v, s]) => [v, s, s.scale]) };
    });
    el.addEventListener('pointermove', (e) => {
      if (!pinch || !pts.has(e.pointerId)) return;
      pts.set(e.pointerId, { x: e.clientX, y: e.clientY });
      const [a, b] = [...pts.values()];
      for (const [v, s, start] of pinch.views) if (!s.pointers.size || s.pointers.size < 2) zoom(v, s, (start * dist()) / pinch.d, (a!.x + b!.x) / 2, (a!.y + b!.y) / 2);
    });
    const up = (e: PointerEvent): void => {
      pts.delete(e.pointerId);
      if (pts.size < 2) pinch = null;
      if (!pts.size) pts = new Map();
    };
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener(
      'wheel',
      (e) => {
        if (!el.hasAttribute('scale-area') || (e.target as Element).closest?.('wx-movable-view')) return;
        const views = scalables();
        if (!views.length) return;
        e.preventDefault();
        for (const [v, s] of views) zoom(v, s, s.scale * Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.002)), e.clientX, e.clientY);
      },
      { passive: false },
    );
  },
  set(el, name, value) {
    if (name !== 'scale-area') return false;
    el.toggleAttribute('scale-area', flag(value));
    return true;
  },
});
