/**
 * preloadRule (app.json): the packages a page names are fetched once it is shown, without running
 * them. Loaded by the router for the first page that has a rule.
 */
const preloaded = new Set<string>();

/** The files of each package that the build lists in index.html (none on the dev server). */
let packageFiles: Record<string, string[]> | null = null;

function filesOf(pkg: string): string[] {
  if (!packageFiles) {
    const el = document.getElementById('wx2tg-packages');
    try {
      packageFiles = el?.textContent ? (JSON.parse(el.textContent) as Record<string, string[]>) : {};
    } catch {
      packageFiles = {};
    }
  }
  return packageFiles[pkg] ?? [];
}

/**
 * Fetches the chunks of the packages a rule lists without running them
 * (modulepreload), so that opening one of their pages later needs no download. "wifi" rules
 * skip connections the browser reports as cellular or data-saving.
 */
export function preloadPackages(rule: { network: 'all' | 'wifi'; packages: string[] }): void {
  const connection = (navigator as { connection?: { type?: string; saveData?: boolean } }).connection;
  if (rule.network !== 'all' && (connection?.type === 'cellular' || connection?.saveData)) return;
  const todo = rule.packages.filter((p) => !preloaded.has(p));
  if (!todo.length) return;
  for (const p of todo) preloaded.add(p);
  setTimeout(() => {
    for (const pkg of todo) {
      for (const file of filesOf(pkg)) {
        const link = document.createElement('link');
        if (file.endsWith('.css')) {
          link.rel = 'preload';
          link.as = 'style';
        } else link.rel = 'modulepreload';
        link.crossOrigin = '';
        link.href = file;
        document.head.appendChild(link);
      }
    }
  }, 0);
}
