/**
 * hover-class, hover-start-time, hover-stay-time and hover-stop-propagation, shared by view,
 * button and navigator: the class is added once a press has lasted hover-start-time and removed
 * hover-stay-time after release.
 */
interface HoverState {
  cls: string;
  start: number;
  stay: number;
  stop: boolean;
  timer?: ReturnType<typeof setTimeout>;
  listening: boolean;
}

const HOVER = Symbol('wx2tg.hover');

function state(el: HTMLElement, defaults: { cls: string; stay: number }): HoverState {
  let s = (el as any)[HOVER] as HoverState | undefined;
  if (!s) {
    s = { cls: defaults.cls, start: 50, stay: defaults.stay, stop: false, listening: false };
    (el as any)[HOVER] = s;
  }
  return s;
}

/** Marks a pointer-down as claimed by a hover-stop-propagation element below the ancestors. */
const claimed = new WeakSet<Event>();

function listen(el: HTMLElement, s: HoverState): void {
  if (s.listening) return;
  s.listening = true;
  el.addEventListener('pointerdown', (e) => {
    if (!s.cls || s.cls === 'none' || claimed.has(e) || el.hasAttribute('disabled')) return;
    if (s.stop) claimed.add(e);
    clearTimeout(s.timer);
    s.timer = setTimeout(() => el.classList.add(...s.cls.split(/\s+/).filter(Boolean)), s.start);
    const release = (): void => {
      clearTimeout(s.timer);
      s.timer = setTimeout(() => el.classList.remove(...s.cls.split(/\s+/).filter(Boolean)), s.stay);
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
    };
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
  });
}

/** Applies a hover attribute; returns false when `name` is not one. */
export function setHover(el: HTMLElement, name: string, value: unknown, defaults: { cls: string; stay: number }): boolean {
  switch (name) {
    case 'hover-class':
      state(el, defaults).cls = value == null ? defaults.cls : String(value);
      listen(el, state(el, defaults));
      return true;
    case 'hover-start-time':
      state(el, defaults).start = Number(value) || 0;
      return true;
    case 'hover-stay-time':
      state(el, defaults).stay = Number(value) || 0;
      return true;
    case 'hover-stop-propagation':
      state(el, defaults).stop = value !== false && value !== 'false';
      return true;
  }
  return false;
}

export function enableDefaultHover(el: HTMLElement, defaults: { cls: string; stay: number }): void {
  listen(el, state(el, defaults));
}
