import { getAttr, type WxmlElement } from './ast.js';
import { depsCode, exprOf, rootsOf, type WxmlContext } from './context.js';
import { genChildren, lineOf, type Generated } from './generate.js';
import { splitInterpolation } from './interpolation.js';

/** `<template name="x">…</template>`: compiled with its own data as `d` and no loop variables. */
export function templateDefinition(ctx: WxmlContext, el: WxmlElement): void {
  const name = getAttr(el, 'name')!.value ?? '';
  const saved = ctx.locals;
  ctx.locals = [];
  const body = genChildren(ctx, el.children);
  ctx.locals = saved;
  // `t`: the templates of the file that defines it (its own and its imports), where a nested
  // <template is> resolves, wherever the template is used.
  ctx.templates.push(`${JSON.stringify(name)}:{c:[${body.code.join(',')}],r:${JSON.stringify([...body.roots])},w:$w,get t(){return $T}}`);
}

/** `<template is="x" data="{{...}}"/>`: the name may be an expression; data is an object body. */
export function templateCall(ctx: WxmlContext, el: WxmlElement, out: Generated): void {
  const is = getAttr(el, 'is');
  if (!is || !is.value) {
    ctx.report('WX2010', ['template', 'is'], el.start, el.start + 9);
    return;
  }
  const deps: (string | number)[][] = [];
  let isCode: string;
  const isParts = splitInterpolation(is.value, is.valueStart);
  if (isParts.some((p) => p.kind === 'expr')) {
    const pieces: string[] = [];
    for (const p of isParts) {
      if (p.kind === 'text') pieces.push(JSON.stringify(p.value));
      else {
        const e = exprOf(ctx, p.code, p.offset);
        if (!e) return;
        deps.push(...e.deps);
        pieces.push(`$t(${e.code})`);
      }
    }
    isCode = `(d,s,w)=>${pieces.join('+')}`;
  } else isCode = JSON.stringify(is.value);
  let dataCode = '';
  const data = getAttr(el, 'data');
  if (data && data.value) {
    const parts = splitInterpolation(data.value, data.valueStart);
    if (parts.length === 1 && parts[0]!.kind === 'expr') {
      const e = exprOf(ctx, parts[0]!.code, parts[0]!.offset, true);
      if (!e) return;
      deps.push(...e.deps);
      dataCode = `,data:(d,s,w)=>(${e.code})`;
    }
  }
  for (const r of rootsOf(deps)) out.roots.add(r);
  out.code.push(`{k:4,is:${isCode}${dataCode},d:${depsCode(deps)},l:${lineOf(ctx, el.start)}}`);
}

/** `<import src>`: the imported file's own templates become visible here (not its imports). */
export function importTemplates(ctx: WxmlContext, el: WxmlElement): void {
  const src = getAttr(el, 'src');
  if (!src || !src.value) {
    ctx.report('WX2010', ['import', 'src'], el.start, el.start + 7);
    return;
  }
  const spec = ctx.resolve(src.value, 'wxml', src.valueStart);
  if (!spec) return;
  const name = `$i${ctx.importedTables.length}`;
  ctx.imports.push(`import ${name} from ${JSON.stringify(spec)};`);
  ctx.importedTables.push(name);
}

/**
 * `<include src>`: the included file's content (not its templates or wxs) is inlined here,
 * compiled in this file's scope, as WeChat copies it textually.
 */
export function includeFile(ctx: WxmlContext, el: WxmlElement, out: Generated): void {
  const src = getAttr(el, 'src');
  if (!src || !src.value) {
    ctx.report('WX2010', ['include', 'src'], el.start, el.start + 8);
    return;
  }
  const inner = ctx.include(src.value, src.valueStart);
  if (!inner) return;
  const nodes = inner.nodes.filter((n) => n.type === 'text' || (n.tag !== 'template' && n.tag !== 'wxs'));
  const body = genChildren(inner.ctx, nodes);
  out.code.push(...body.code);
  for (const r of body.roots) out.roots.add(r);
}
