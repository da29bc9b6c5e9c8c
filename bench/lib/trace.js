/**
 * Main-thread CPU time of a measured interval, from a Chromium trace. The page marks the start
 * and end (performance.mark); trace events carry both the wall clock (ts) and the thread's own
 * CPU clock (tts), so the difference of tts between the two marks is the time the renderer's main
 * thread actually ran: JS, style, layout and paint, but not the time it waited for a core. On a
 * 2-core machine shared with other work, that is the figure that holds still; wall time is
 * reported beside it.
 *
 * Tracing.start returns before every renderer has started recording, so a mark made at once can
 * be lost (seen under heavy load): the page is given a moment first, and when a mark is still
 * missing the result is null and the caller measures again.
 */
export async function withCpuTrace(cdp, fn, { start = 'wx2tg-bench-start', end = 'wx2tg-bench-end' } = {}) {
  const events = [];
  const collect = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['blink.user_timing'], recordMode: 'recordUntilFull' }, transferMode: 'ReportEvents' });
  await new Promise((r) => setTimeout(r, 100));
  let value;
  try {
    value = await fn();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  const a = events.find((e) => e.name === start);
  const b = events.find((e) => e.name === end);
  if (!a || !b || a.tts === undefined || b.tts === undefined) return null;
  return { value, cpuMs: (b.tts - a.tts) / 1000, wallMs: (b.ts - a.ts) / 1000 };
}
