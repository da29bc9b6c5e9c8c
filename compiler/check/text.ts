/** The report as terminal text: grouped by kind, the worst first, then a summary line. */
import { KINDS, type CheckItem, type CheckReport, type ItemKind } from './report.js';

const TITLES: Record<ItemKind, string> = { api: 'wx APIs', component: 'Components', attribute: 'Attributes', config: 'app.json and page options' };
const MARKS = { supported: '✓', partial: '~', unsupported: '✗' } as const;
const COLORS = { supported: '32', partial: '33', unsupported: '31' } as const;

export interface TextOptions {
  color?: boolean;
  /** Uses listed per item before "and N more" (default 3). */
  maxUses?: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatReportText(report: CheckReport, options: TextOptions = {}): string {
  const paint = (code: string, s: string): string => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const max = options.maxUses ?? 3;
  const lines: string[] = [];
  const item = (it: CheckItem): void => {
    const head = `  ${paint(COLORS[it.status], MARKS[it.status])} ${it.name}`;
    lines.push(it.note ? `${head}${paint('2', ' — ' + it.note)}` : head);
    const shown = it.uses.slice(0, max).map((u) => `${u.file}:${u.line}:${u.column}`);
    const more = it.uses.length > max ? ` and ${it.uses.length - max} more` : '';
    lines.push(paint('2', `      ${shown.join(', ')}${more}`));
  };
  for (const kind of KINDS) {
    const items = report.items.filter((i) => i.kind === kind);
    if (!items.length) continue;
    const c = report.summary[kind];
    lines.push(paint('1', `${TITLES[kind]}`) + paint('2', ` (${c.supported} supported, ${c.partial} partial, ${c.unsupported} unsupported)`));
    items.forEach(item);
    lines.push('');
  }
  const t = report.summary.total;
  const total = t.supported + t.partial + t.unsupported;
  lines.push(
    `wx2tg check: ${plural(total, 'item')} (${plural(t.uses, 'use')}): ` +
      `${paint(COLORS.supported, `${t.supported} supported`)}, ${paint(COLORS.partial, `${t.partial} partial`)}, ${paint(COLORS.unsupported, `${t.unsupported} unsupported`)}`,
  );
  return lines.join('\n') + '\n';
}
