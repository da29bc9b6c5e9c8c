/**
 * `wx2tg check`: what of WeChat's platform a program uses and how much of it works on Telegram.
 * The program is compiled first (every phase but bundling), so a program that cannot be read
 * fails with the build's own diagnostics; then its scripts, templates and json files are scanned:
 *
 *   api        every wx.* member it uses (scripts.ts), from what the runtime's wx implements
 *              (apiSupport.ts), and unsupported parameters of working APIs
 *   component  every built-in tag (templates.ts), from common/builtinAttributes.ts
 *   attribute  every attribute of a built-in, and its value when an enumerated one is literal
 *   config     every app.json and page/component json option (config.ts)
 *
 * Each item is supported, partial (with what differs) or unsupported (with why), with every use
 * located. The report is plain data (report.ts documents its JSON form); text.ts and html.ts
 * present it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileProgram } from '../compile.js';
import type { Diagnostic } from '../diagnostics.js';
import { attributeInfo, componentSupport, isCommonAttribute, type Support } from '../../common/builtinAttributes.js';
import { apiSupport, implementedApis, paramSupport } from './apiSupport.js';
import { APP_OPTIONS, TABBAR_OPTIONS, UNIT_OPTIONS, WINDOW_OPTIONS, optionSupport } from './config.js';
import { jsonKeyOffsets } from './jsonKeys.js';
import { scanScripts } from './scripts.js';
import { lineIndex, scanTemplate } from './templates.js';
import { KINDS, STATUSES, type CheckItem, type CheckReport, type ItemKind, type Location, type Counts } from './report.js';

export type { CheckItem, CheckReport, ItemKind, Location } from './report.js';
export { KINDS, STATUSES, REPORT_SCHEMA } from './report.js';

class Collector {
  private items = new Map<string, CheckItem>();

  add(kind: ItemKind, name: string, support: Support, where: Location): void {
    const key = `${kind}\0${name}`;
    let item = this.items.get(key);
    if (!item) {
      item = { kind, name, status: support.status, ...(support.note ? { note: support.note } : {}), uses: [] };
      this.items.set(key, item);
    }
    if (!item.uses.some((u) => u.file === where.file && u.line === where.line && u.column === where.column)) item.uses.push(where);
  }

  list(): CheckItem[] {
    const rank = (s: string): number => STATUSES.indexOf(s as never);
    const byPlace = (a: Location, b: Location): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);
    const items = [...this.items.values()];
    for (const item of items) item.uses.sort(byPlace);
    return items.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || rank(b.status) - rank(a.status) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

function summarize(items: CheckItem[]): CheckReport['summary'] {
  const zero = (): Counts => ({ supported: 0, partial: 0, unsupported: 0, uses: 0 });
  const summary = { total: zero() } as CheckReport['summary'];
  for (const kind of KINDS) summary[kind] = zero();
  for (const item of items) {
    for (const c of [summary[item.kind], summary.total]) {
      c[item.status]++;
      c.uses += item.uses.length;
    }
  }
  return summary;
}

const rel = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

export interface CheckResult {
  report: CheckReport;
  /** The compiler's warnings (errors throw CompileError before a report exists). */
  diagnostics: Diagnostic[];
}

export function checkProgram(dir: string): CheckResult {
  const program = compileProgram(dir);
  const { graph } = program;
  const root = graph.root;
  const c = new Collector();

  // APIs.
  implementedApis();
  for (const use of scanScripts(graph)) {
    const where = { file: use.file, line: use.line, column: use.column };
    const support = apiSupport(use.name);
    c.add('api', `wx.${use.name}`, support, where);
    if (support.status === 'unsupported') continue;
    for (const p of use.params ?? []) {
      const ps = paramSupport(use.name, p.name);
      if (ps) c.add('api', `wx.${use.name}({ ${p.name} })`, ps, { file: use.file, line: p.line, column: p.column });
    }
  }

  // Templates: custom tags are those some page or component declares (its own and app.json's).
  const custom = new Set<string>();
  for (const unit of [...graph.pages, ...graph.components.values()]) {
    for (const tag of Object.keys(unit.using)) custom.add(tag.toLowerCase());
    const generics = unit.config.componentGenerics;
    if (generics && typeof generics === 'object') for (const tag of Object.keys(generics)) custom.add(tag.toLowerCase());
  }
  for (const file of [...program.wxml.keys()].sort()) {
    const scan = scanTemplate(readFileSync(file, 'utf8'), custom);
    const f = rel(root, file);
    for (const t of scan.builtins) c.add('component', t.tag, componentSupport(t.tag), { file: f, line: t.line, column: t.column });
    for (const t of scan.unknown) {
      c.add('component', t.tag, { status: 'unsupported', note: 'not a built-in component, and no usingComponents entry declares it: it renders as a plain element with no behaviour' }, { file: f, line: t.line, column: t.column });
    }
    for (const a of scan.attributes) {
      if (isCommonAttribute(a.name)) continue;
      const where = { file: f, line: a.line, column: a.column };
      const info = attributeInfo(a.tag, a.name);
      // `model:` on a name the table does not know is a binding the compiler accepts (e.g. a group's value).
      if (!info && a.model) continue;
      if (!info) {
        c.add('attribute', `${a.tag}.${a.name}`, { status: 'unsupported', note: `not a documented attribute of <${a.tag}>: WeChat ignores it too` }, where);
      } else if (info.values && a.value !== null) {
        const v = info.values[a.value];
        const documented = Object.keys(info.values).map((x) => `"${x}"`).join(', ');
        c.add('attribute', `${a.tag}.${a.name}.${a.value}`, v ?? { status: 'unsupported', note: `not a documented value (${documented})` }, where);
      } else {
        c.add('attribute', `${a.tag}.${a.name}`, info.support, where);
      }
    }
  }

  // app.json, then each page's and component's json.
  const appFile = path.join(root, 'app.json');
  const app = graph.appJson as Record<string, unknown>;
  const appAt = jsonAt(appFile, root);
  for (const [key, value] of Object.entries(app)) {
    c.add('config', key, optionSupport(APP_OPTIONS, key, value) ?? undocumented('app.json'), appAt(key));
    const fields = (table: typeof WINDOW_OPTIONS, name: string): void => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return;
      for (const [k, v] of Object.entries(value)) c.add('config', `${name}.${k}`, optionSupport(table, k, v) ?? undocumented(name), appAt(`${key}.${k}`));
    };
    if ((key === 'subpackages' || key === 'subPackages') && Array.isArray(value)) {
      value.forEach((sp: unknown, i) => {
        if (sp && typeof sp === 'object' && 'independent' in sp) c.add('config', 'subpackages.independent', { status: 'supported' }, appAt(`${key}.${i}.independent`));
      });
    }
    if (key === 'window') fields(WINDOW_OPTIONS, 'window');
    if (key === 'tabBar') fields(TABBAR_OPTIONS, 'tabBar');
    if (key === 'networkTimeout' && value && typeof value === 'object') {
      for (const k of Object.keys(value)) {
        const api = apiSupport(k);
        c.add('config', `networkTimeout.${k}`, api.status === 'unsupported' ? { status: 'unsupported', note: `wx.${k} is not implemented` } : { status: 'supported' }, appAt(`${key}.${k}`));
      }
    }
  }
  for (const unit of [...graph.pages, ...graph.components.values()]) {
    if (!unit.json) continue;
    const at = jsonAt(unit.json, root);
    const isComponent = unit.config.component === true;
    for (const [key, value] of Object.entries(unit.config)) {
      const window = isComponent ? undefined : optionSupport(WINDOW_OPTIONS, key, value);
      if (window) c.add('config', `window.${key}`, window, at(key));
      else c.add('config', key, optionSupport(UNIT_OPTIONS, key, value) ?? undocumented(isComponent ? 'component json' : 'page json'), at(key));
    }
  }

  const items = c.list();
  return { report: { schema: 'wx2tg-check/1', program: root, summary: summarize(items), items }, diagnostics: program.diagnostics };
}

function undocumented(where: string): Support {
  return { status: 'unsupported', note: `not a documented ${where} option: WeChat ignores it too` };
}

/** Where a key path of a json file stands (the file itself when the key cannot be found). */
function jsonAt(file: string, root: string): (key: string) => Location {
  const source = readFileSync(file, 'utf8');
  const offsets = jsonKeyOffsets(source);
  const at = lineIndex(source);
  const f = rel(root, file);
  return (key) => {
    const offset = offsets.get(key);
    return offset === undefined ? { file: f, line: 1, column: 1 } : { file: f, ...at(offset) };
  };
}
