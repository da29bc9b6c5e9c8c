import { getAttr, type WxmlElement } from './ast.js';
import type { WxmlContext } from './context.js';

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
    const body = el.raw ?? '';
    ctx.wxsEntries.push(
      `${JSON.stringify(name)}:$wxs(function(module,exports,require){${body}\n})`,
    );
  }
  ctx.wxs.add(name);
}
