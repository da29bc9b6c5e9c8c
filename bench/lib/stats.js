/** Small statistics for bench figures: medians of repeated runs and how much they spread. */

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function geomean(xs) {
  return Math.exp(xs.reduce((n, x) => n + Math.log(x), 0) / xs.length);
}

/**
 * The spread of repeated runs, for reporting noise: the interquartile range relative to the
 * median (0.1 = the middle half of the runs lies within a band 10% of the median wide).
 */
export function spread(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
  const m = median(s);
  return { min: s[0], max: s[s.length - 1], iqr: (q(0.75) - q(0.25)) / m };
}

/**
 * Measures several functions interleaved (a, b, a, b, …) so that machine noise (other processes
 * on a shared 2-core machine) lands on all of them alike. Each run is timed twice: the process's
 * CPU time (process.cpuUsage: what the function cost, whatever else the machine was doing; it
 * includes V8's helper threads, such as concurrent GC) and the wall clock. Returns for each the
 * median CPU ms (`median`, what ratios use), the median wall ms, the runs and the spread.
 */
export function measureInterleaved(fns, { ms = 1500, min = 20, warmup = 3 } = {}) {
  const names = Object.keys(fns);
  for (let i = 0; i < warmup; i++) for (const n of names) fns[n]();
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const until = performance.now() + ms * names.length;
  while (cpu[names[0]].length < min || performance.now() < until) {
    for (const n of names) {
      const c = process.cpuUsage();
      const t = performance.now();
      fns[n]();
      wall[n].push(performance.now() - t);
      const d = process.cpuUsage(c);
      cpu[n].push((d.user + d.system) / 1000);
    }
  }
  return Object.fromEntries(
    names.map((n) => [n, { median: median(cpu[n]), wallMedian: median(wall[n]), runs: cpu[n].length, spread: spread(cpu[n]).iqr, wallSpread: spread(wall[n]).iqr }]),
  );
}

/** Fisher–Yates shuffle (a copy): the order implementations run in changes from round to round. */
export function shuffled(xs) {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
