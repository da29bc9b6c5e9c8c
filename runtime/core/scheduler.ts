/**
 * setData batching: `this.data` changes at once; the DOM follows in one render per instance per
 * tick, after which the setData callbacks run (WeChat calls them once the view has updated).
 */
export interface Flushable {
  __flush(): void;
}

let queue: Flushable[] = [];
let scheduled = false;

export function scheduleFlush(target: Flushable): void {
  queue.push(target);
  if (!scheduled) {
    scheduled = true;
    queueMicrotask(flushAll);
  }
}

/** Runs every pending render now (also used by tests and by navigation before lifecycle hooks). */
export function flushAll(): void {
  scheduled = false;
  // Renders may call setData again (observers, callbacks): keep going until the queue is empty.
  for (let guard = 0; queue.length && guard < 100; guard++) {
    const batch = queue;
    queue = [];
    for (const t of batch) t.__flush();
  }
}
