/**
 * What the bench adds to every page it drives (page.addInitScript): a tap that looks like a
 * real one to all three implementations (pointerdown/pointerup for the mini-program's tap
 * synthesis, then click for the DOM listeners of vanilla and React), and timing of an operation
 * from the tap to the next paint.
 *
 * Timing: the tap is made at the start of a frame, inside a requestAnimationFrame callback, and
 * a setTimeout(0) queued there runs once that frame's rendering (style, layout, paint) is done.
 * So the time covers the handler, the framework's work (the mini-program's setData flush and
 * React's render both run as microtasks before the frame renders) and the browser's rendering,
 * without waiting for the frame to start. The two user-timing marks around it let a trace
 * (lib/trace.js) read the renderer main thread's CPU time over the same interval.
 */
export const HARNESS = `(() => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  function tap(el) {
    const o = { bubbles: true, cancelable: true, composed: true, pointerId: 1, isPrimary: true, pointerType: 'mouse', button: 0, buttons: 1, clientX: 5, clientY: 5 };
    el.dispatchEvent(new PointerEvent('pointerdown', o));
    el.dispatchEvent(new PointerEvent('pointerup', Object.assign({}, o, { buttons: 0 })));
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0, clientX: 5, clientY: 5 }));
  }
  function find(t) {
    if (typeof t === 'string') {
      const el = document.querySelector(t);
      if (!el) throw new Error('bench: no element ' + t);
      return el;
    }
    const row = document.querySelectorAll('#rows > .row')[t.row];
    if (!row) throw new Error('bench: no row ' + t.row);
    return row.querySelector(t.part);
  }
  function hash(s) {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return (h >>> 0).toString(16);
  }
  window.__bench = {
    frame,
    tap,
    async step(t) {
      tap(find(t));
      await frame();
    },
    timed(t) {
      return new Promise((resolve, reject) => {
        requestAnimationFrame(() => {
          try {
            const el = find(t);
            performance.mark('wx2tg-bench-start');
            const t0 = performance.now();
            tap(el);
            setTimeout(() => {
              const ms = performance.now() - t0;
              performance.mark('wx2tg-bench-end');
              resolve(ms);
            }, 0);
          } catch (e) {
            reject(e);
          }
        });
      });
    },
    /** What the rows look like: count and a hash of every row's class and text. */
    digest() {
      const rows = Array.from(document.querySelectorAll('#rows > .row'));
      return { rows: rows.length, hash: hash(rows.map((r) => r.className + '|' + r.textContent).join('\\n')) };
    },
  };
})();`;
