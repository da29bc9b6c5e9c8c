/** Small helpers the built-ins share for reading attribute values. */

/** A boolean attribute: present (''), true, or any value but false/'false'/null. */
export function flag(value: unknown): boolean {
  return value === true || value === '' || (value != null && value !== false && value !== 'false');
}

/** A number attribute, or `fallback` when it is missing or not a number. */
export function num(value: unknown, fallback: number): number {
  if (value == null || value === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

/** A length as WeChat writes it (px by default, rpx allowed) → a CSS length. */
export function cssLength(value: unknown): string {
  const v = String(value ?? '0').trim();
  const rpx = /^(-?[\d.]+)rpx$/.exec(v);
  if (rpx) return `calc(${rpx[1]} * var(--rpx))`;
  return /^-?[\d.]+$/.test(v) ? `${v}px` : v || '0px';
}

/** The state a built-in keeps on its element under `key`. */
export function stateOf<T>(el: Element, key: symbol): T {
  return (el as any)[key] as T;
}

/** Sets or removes a reflected attribute (for styling from base.css). */
export function reflect(el: Element, name: string, on: boolean, value = ''): void {
  if (on) el.setAttribute(name, value);
  else el.removeAttribute(name);
}

/** A pointer sample: [event.timeStamp (when the input happened, not when it was handled), clientX, clientY]. */
export type Sample = [number, number, number];

/**
 * The speed (px/ms) of a drag as it was let go: over the last 100 ms of moves, or none when the
 * pointer had rested before the release.
 */
export function releaseVelocity(samples: Sample[], now: number): { vx: number; vy: number } {
  const last = samples[samples.length - 1];
  if (!last || now - last[0] > 120) return { vx: 0, vy: 0 };
  const first = samples.find(([t]) => last[0] - t <= 100) ?? last;
  const dt = Math.max(16, last[0] - first[0]);
  return { vx: (last[1] - first[1]) / dt, vy: (last[2] - first[2]) / dt };
}
