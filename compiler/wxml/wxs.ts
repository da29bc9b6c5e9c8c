import { getAttr, type WxmlElement } from './ast.js';
import type { WxmlContext } from './context.js';
import { transformWxs } from '../wxs/index.js';
import type { Diagnostic } from '../diagnostics.js';

/**
 * `<wxs module="m" src="./m.wxs"/>` imports a compiled wxs module; `<wxs module="m">…</wxs>`
 * compiles the inline body as a CommonJS-style module. Either way `m` becomes a name the file's
 * expressions can call.
 */
export function wxsModule(ctx: WxmlContext, el: WxmlElement): void {
  const mod = getAttr(el, 'module');
  if (!mod || !mod.value) {
    ctx.report('WX2010', ['wxs', 'module'], el.start, el.start + 4);
    return;
  }
  const name = mod.value;
  const src = getAttr(el, 'src');
  if (src && src.value) {
    const spec = ctx.resolve(src.value, 'wxs', src.valueStart);
    if (!spec) return;
    const local = `$x${ctx.imports.length}`;
    ctx.imports.push(`import ${local} from ${JSON.stringify(spec)};`);
    ctx.wxsEntries.push(`${JSON.stringify(name)}:${local}`);
  } else {
    const diags: Diagnostic[] = [];
    const t = transformWxs(el.raw ?? '', ctx.file, diags, ctx.source, el.rawStart ?? 0);
    for (const d of diags) {
      const at = d.start?.offset ?? 0;
      ctx.report(d.code, [d.message.replace(/^WXS syntax error: |\.$/g, '')], at, at + 1);
    }
    if (!t) return;
    const table: string[] = [];
    for (const spec of t.requires) {
      const resolved = ctx.resolve(spec, 'wxs', (el.rawStart ?? 0) + (el.raw ?? '').indexOf(spec));
      if (!resolved) continue;
      const local = `$x${ctx.imports.length}`;
      ctx.imports.push(`import ${local} from ${JSON.stringify(resolved)};`);
      table.push(`${JSON.stringify(spec)}:${local}`);
    }
    ctx.wxsEntries.push(`${JSON.stringify(name)}:$wxs(function(module,exports,require){${t.body}\n},{${table.join(',')}})`);
  }
  ctx.wxs.add(name);
}
