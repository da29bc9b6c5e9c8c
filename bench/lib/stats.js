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

/** Runs fn repeatedly for at least `ms` (after warm-up) and returns the median ms per run. */
export function measure(fn, { ms = 1500, min = 20, warmup = 5 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  const until = performance.now() + ms;
  while (times.length < min || performance.now() < until) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return { median: median(times), runs: times.length, spread: spread(times).iqr };
}

/**
 * Measures several functions interleaved (a, b, a, b, …) so that machine noise (other processes
 * on a shared 2-core machine) lands on all of them alike. Returns the median ms of each.
 */
export function measureInterleaved(fns, { ms = 1500, min = 20, warmup = 3 } = {}) {
  const names = Object.keys(fns);
  for (let i = 0; i < warmup; i++) for (const n of names) fns[n]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const until = performance.now() + ms * names.length;
  while (times[names[0]].length < min || performance.now() < until) {
    for (const n of names) {
      const t = performance.now();
      fns[n]();
      times[n].push(performance.now() - t);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { median: median(times[n]), runs: times[n].length, spread: spread(times[n]).iqr }]));
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
