/**
 * The channel between a page and the page it opened with navigateTo({events}): the opener gets
 * it as `res.eventChannel`, the opened page through `this.getOpenerEventChannel()`; emit on
 * either side reaches the listeners registered for that name.
 */
type Listener = (...args: unknown[]) => void;

export class EventChannel {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>();

  constructor(events?: Record<string, unknown>) {
    for (const [name, fn] of Object.entries(events ?? {})) if (typeof fn === 'function') this.on(name, fn as Listener);
  }

  on(name: string, fn: Listener): void {
    const list = this.listeners.get(name) ?? [];
    list.push({ fn, once: false });
    this.listeners.set(name, list);
  }

  once(name: string, fn: Listener): void {
    const list = this.listeners.get(name) ?? [];
    list.push({ fn, once: true });
    this.listeners.set(name, list);
  }

  off(name: string, fn?: Listener): void {
    if (!fn) this.listeners.delete(name);
    else this.listeners.set(name, (this.listeners.get(name) ?? []).filter((l) => l.fn !== fn));
  }

  emit(name: string, ...args: unknown[]): void {
    const list = this.listeners.get(name);
    if (!list) return;
    this.listeners.set(name, list.filter((l) => !l.once));
    for (const l of list) {
      try {
        l.fn(...args);
      } catch (err) {
        console.error(`[wx2tg] an EventChannel listener for "${name}" threw`, err);
      }
    }
  }
}
