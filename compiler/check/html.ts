/**
 * The report as one self-contained HTML page: inline CSS, a summary drawn in inline SVG, a small
 * inline script to filter by status or name. No external asset, font or URL: it opens anywhere.
 */
import { KINDS, STATUSES, type CheckItem, type CheckReport, type Counts, type ItemKind } from './report.js';

const TITLES: Record<ItemKind, string> = { api: 'wx APIs', component: 'Components', attribute: 'Attributes', config: 'app.json & page options' };
const LABELS = { supported: 'Supported', partial: 'Partial', unsupported: 'Unsupported' } as const;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A ring: one arc per status, sized by its share of the items. */
function donut(c: Counts): string {
  const total = c.supported + c.partial + c.unsupported;
  const r = 52;
  const len = 2 * Math.PI * r;
  let offset = 0;
  const arcs = STATUSES.map((s) => {
    const part = total ? (c[s] / total) * len : 0;
    const arc = part ? `<circle class="arc ${s}" r="${r}" cx="70" cy="70" stroke-dasharray="${part.toFixed(2)} ${(len - part).toFixed(2)}" stroke-dashoffset="${(-offset).toFixed(2)}"/>` : '';
    offset += part;
    return arc;
  }).join('');
  const pct = total ? Math.round(((c.supported + c.partial) / total) * 100) : 100;
  return (
    `<svg class="donut" viewBox="0 0 140 140" role="img" aria-label="${pct}% of the items used work on Telegram">` +
    `<circle class="track" r="${r}" cx="70" cy="70"/><g transform="rotate(-90 70 70)">${arcs}</g>` +
    `<text x="70" y="68" class="pct">${pct}%</text><text x="70" y="88" class="sub">work here</text></svg>`
  );
}

/** One stacked bar per kind, with its counts in the status colours. */
function bars(report: CheckReport): string {
  const rows = KINDS.map((kind, i) => {
    const c = report.summary[kind];
    const total = c.supported + c.partial + c.unsupported;
    const y = i * 34;
    let x = 0;
    const segs = STATUSES.map((s) => {
      const w = total ? (c[s] / total) * 260 : 0;
      const seg = w ? `<rect class="${s}" x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="20"><title>${c[s]} ${s}</title></rect>` : '';
      x += w;
      return seg;
    }).join('');
    const counts = STATUSES.map((s) => `<tspan class="${s}">${c[s]}</tspan>`).join('<tspan> · </tspan>');
    return (
      `<text x="0" y="${y + 21}" class="lbl">${TITLES[kind]}</text>` +
      `<svg x="170" y="${y + 6}" width="260" height="20"><clipPath id="bar-${kind}"><rect width="260" height="20" rx="4"/></clipPath>` +
      `<g clip-path="url(#bar-${kind})"><rect class="track" width="260" height="20"/>${segs}</g></svg>` +
      `<text x="442" y="${y + 21}" class="num">${counts}</text>`
    );
  }).join('');
  return `<svg class="bars" viewBox="0 0 540 ${KINDS.length * 34}" role="img" aria-label="supported, partial and unsupported items of each kind">${rows}</svg>`;
}

function uses(item: CheckItem): string {
  const list = item.uses.map((u) => `<li><code>${esc(u.file)}:${u.line}:${u.column}</code></li>`);
  if (list.length <= 3) return `<ul class="uses">${list.join('')}</ul>`;
  return `<ul class="uses">${list.slice(0, 3).join('')}</ul><details><summary>${list.length - 3} more</summary><ul class="uses">${list.slice(3).join('')}</ul></details>`;
}

function section(report: CheckReport, kind: ItemKind): string {
  const items = report.items.filter((i) => i.kind === kind);
  if (!items.length) return '';
  const rows = items
    .map(
      (it) =>
        `<tr class="item ${it.status}" data-name="${esc(it.name.toLowerCase())}"><td><span class="badge ${it.status}">${LABELS[it.status]}</span></td>` +
        `<td><code class="name">${esc(it.name)}</code></td><td class="note">${it.note ? esc(it.note) : ''}</td><td>${uses(it)}</td></tr>`,
    )
    .join('\n');
  const c = report.summary[kind];
  return (
    `<section><h2>${TITLES[kind]} <small>${c.supported} supported · ${c.partial} partial · ${c.unsupported} unsupported · ${c.uses} uses</small></h2>` +
    `<table><thead><tr><th>Status</th><th>Name</th><th>What differs / why</th><th>Where</th></tr></thead><tbody>\n${rows}\n</tbody></table></section>`
  );
}

const CSS = `
:root { --ok: #1a9d55; --part: #d68a00; --no: #d93b3b; --fg: #1c1f23; --muted: #6b7280; --bg: #f6f7f9; --card: #fff; --line: #e3e6ea; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8eaed; --muted: #9aa0a6; --bg: #16181b; --card: #1f2226; --line: #30343a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 10px; }
h2 small { font-weight: 400; color: var(--muted); font-size: 13px; margin-left: 8px; }
.path { color: var(--muted); word-break: break-all; }
.summary { display: flex; flex-wrap: wrap; gap: 20px; align-items: center; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px; margin: 16px 0; }
.donut { width: 150px; height: 150px; flex: none; }
.donut circle { fill: none; stroke-width: 16; }
.donut .track { stroke: var(--line); }
.donut .pct { font-size: 26px; font-weight: 700; text-anchor: middle; fill: var(--fg); }
.donut .sub { font-size: 11px; text-anchor: middle; fill: var(--muted); }
.arc.supported { stroke: var(--ok); } .arc.partial { stroke: var(--part); } .arc.unsupported { stroke: var(--no); }
.totals { display: flex; gap: 14px; flex-wrap: wrap; }
.total { min-width: 110px; padding: 8px 12px; border-radius: 8px; background: var(--bg); }
.total b { display: block; font-size: 24px; }
.total.supported b { color: var(--ok); } .total.partial b { color: var(--part); } .total.unsupported b { color: var(--no); }
.bars { width: 100%; max-width: 540px; height: auto; flex: 1 1 360px; }
.bars .lbl, .bars .num { font-size: 13px; fill: var(--fg); } .bars .num { fill: var(--muted); font-weight: 600; }
.bars tspan.supported { fill: var(--ok); } .bars tspan.partial { fill: var(--part); } .bars tspan.unsupported { fill: var(--no); }
.bars rect.supported { fill: var(--ok); } .bars rect.partial { fill: var(--part); } .bars rect.unsupported { fill: var(--no); } .bars rect.track { fill: var(--line); }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 16px; }
.filters button { font: inherit; padding: 5px 12px; border-radius: 16px; border: 1px solid var(--line); background: var(--card); color: var(--fg); cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--fg); color: var(--card); }
.filters input { font: inherit; padding: 5px 10px; border-radius: 16px; border: 1px solid var(--line); background: var(--card); color: var(--fg); min-width: 220px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin: 0 0 16px; overflow-x: auto; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; padding: 6px 8px; border-bottom: 1px solid var(--line); }
td { padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
tr:last-child td { border-bottom: 0; }
td:first-child { width: 110px; } td:nth-child(2) { width: 28%; } td:last-child { width: 26%; }
.name { font-weight: 600; word-break: break-word; }
.note { color: var(--muted); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
.badge.supported { background: var(--ok); } .badge.partial { background: var(--part); } .badge.unsupported { background: var(--no); }
.uses { list-style: none; margin: 0; padding: 0; } .uses code { font-size: 12px; color: var(--muted); }
details summary { cursor: pointer; color: var(--muted); font-size: 12px; }
body[data-show="unsupported"] tr.item:not(.unsupported), body[data-show="partial"] tr.item:not(.partial), body[data-show="supported"] tr.item:not(.supported) { display: none; }
tr.item.hide { display: none; }
@media (max-width: 640px) {
  thead { display: none; }
  table, tbody, tr, td { display: block; width: auto !important; }
  tr.item { padding: 8px 0; border-bottom: 1px solid var(--line); }
  td { border: 0; padding: 2px 0; }
  .totals .total { min-width: 90px; }
}
footer { max-width: 1180px; margin: 0 auto; padding: 8px 20px 32px; color: var(--muted); font-size: 12px; }
`;

const SCRIPT = `
const body = document.body;
const buttons = document.querySelectorAll('.filters button');
for (const b of buttons) b.addEventListener('click', () => {
  body.dataset.show = b.dataset.show;
  for (const o of buttons) o.setAttribute('aria-pressed', String(o === b));
});
document.querySelector('.filters input').addEventListener('input', (e) => {
  const q = e.target.value.trim().toLowerCase();
  for (const tr of document.querySelectorAll('tr.item')) tr.classList.toggle('hide', !!q && !tr.dataset.name.includes(q));
});
`;

export function formatReportHtml(report: CheckReport): string {
  const t = report.summary.total;
  const total = t.supported + t.partial + t.unsupported;
  const name = report.program.split(/[\\/]/).filter(Boolean).pop() ?? report.program;
  const totals = STATUSES.map((s) => `<div class="total ${s}"><b>${t[s]}</b>${LABELS[s]}</div>`).join('');
  const filters =
    `<div class="filters" role="group" aria-label="Show"><button data-show="all" aria-pressed="true">All (${total})</button>` +
    STATUSES.slice()
      .reverse()
      .map((s) => `<button data-show="${s}" aria-pressed="false">${LABELS[s]} (${t[s]})</button>`)
      .join('') +
    `<input type="search" placeholder="Filter by name…" aria-label="Filter by name"></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wx2tg check — ${esc(name)}</title>
<style>${CSS}</style>
</head>
<body data-show="all">
<header>
<h1>Telegram compatibility of ${esc(name)}</h1>
<div class="path">${esc(report.program)}</div>
<div class="summary">${donut(t)}<div><div class="totals">${totals}</div><p class="path">${total} distinct items, ${t.uses} uses in all</p></div>${bars(report)}</div>
${filters}
</header>
<main>
${KINDS.map((k) => section(report, k)).join('\n')}
</main>
<footer>Generated by wx2tg check (${report.schema}). Supported: works as in WeChat. Partial: works, with the difference shown. Unsupported: does nothing here or fails with “…:fail not supported on Telegram”.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
