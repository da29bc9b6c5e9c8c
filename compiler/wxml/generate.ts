import { getAttr, type WxmlElement, type WxmlNode } from './ast.js';
import { compileValue, depsCode, exprOf, rootsOf, type WxmlContext } from './context.js';
import { eventBinding } from './eventBinding.js';
import { FOR_ATTRS, forInfo, hasFor } from './wxFor.js';
import { IF_ATTRS, ifCondition, ifRole } from './wxIf.js';
import { templateCall, templateDefinition, importTemplates, includeFile } from './template.js';
import { modelBinding } from './model.js';
import { splitInterpolation } from './interpolation.js';
import { isBuiltinTag } from '../../common/builtins.js';
import { MAX_NESTING } from './parse.js';

/** Generated code for a list of nodes plus the data roots those nodes read. */
export interface Generated {
  code: string[];
  roots: Set<string>;
}

/** Generates the IR for a list of sibling nodes, grouping wx:if/elif/else chains. */
export function genChildren(ctx: WxmlContext, nodes: readonly WxmlNode[]): Generated {
  // Each file is cut at MAX_NESTING by the parser; includes and template bodies stack files, so
  // the depth is counted here too.
  const limits = ctx.limits;
  if (limits.depth > MAX_NESTING && nodes.length) {
    if (!limits.deepReported) {
      limits.deepReported = true;
      ctx.report('WX2017', [String(MAX_NESTING)], nodes[0]!.start, nodes[0]!.start + 1);
    }
    return { code: [], roots: new Set() };
  }
  limits.depth++;
  try {
    return genSiblings(ctx, nodes);
  } finally {
    limits.depth--;
  }
}

function genSiblings(ctx: WxmlContext, nodes: readonly WxmlNode[]): Generated {
  const out: Generated = { code: [], roots: new Set() };
  // branches of the chain being collected: [cond fn | null, deps, children code, roots]
  let chain: string[] | null = null;
  let chainLine = 0;
  const closeChain = (): void => {
    if (chain) out.code.push(`{k:2,br:[${chain.join(',')}],l:${chainLine}}`);
    chain = null;
  };
  for (const node of nodes) {
    if (node.type === 'text') {
      if (/^\s*$/.test(node.value)) continue;
      closeChain();
      genText(ctx, node.value, node.start, out);
      continue;
    }
    const el = node;
    if (el.tag === 'wxs') continue; // collected before generation (see compileWxml)
    if (el.tag === 'import') {
      importTemplates(ctx, el);
      continue;
    }
    if (el.tag === 'template' && getAttr(el, 'name')) {
      templateDefinition(ctx, el);
      continue;
    }
    // wx:for binds tighter than wx:if: such an element's condition is per row (see genElement).
    const role = hasFor(el) ? null : ifRole(el);
    if (role === 'elif' || role === 'else') {
      if (!chain) {
        ctx.report('WX2006', [role], el.start, el.start + el.tag.length + 1);
        continue;
      }
    } else closeChain();
    if (role === null) {
      genElement(ctx, el, out);
      continue;
    }
    const cond = role === 'else' ? null : ifCondition(ctx, el, role);
    const body: Generated = { code: [], roots: new Set() };
    genElement(ctx, el, body);
    const condCode = cond ? cond[0] : 'null';
    const condDeps = cond ? cond[1] : [];
    for (const r of rootsOf(condDeps)) out.roots.add(r);
    for (const r of body.roots) out.roots.add(r);
    const branch = `[${condCode},${depsCode(condDeps)},[${body.code.join(',')}],${JSON.stringify([...body.roots])}]`;
    if (role === 'if') {
      chain = [branch];
      chainLine = lineOf(ctx, el.start);
    }
    else chain!.push(branch);
    if (role === 'else') closeChain();
  }
  closeChain();
  return out;
}

function genText(ctx: WxmlContext, raw: string, offset: number, out: Generated): void {
  const b = compileValue(ctx, raw, offset);
  if (!b) return;
  if (b.constant !== undefined) {
    out.code.push(`{k:0,v:${JSON.stringify(b.constant)}}`);
    return;
  }
  // A lone {{x}} in text still renders as text.
  const fn = b.fn.startsWith('(d,s,w)=>$t(') || b.fn.includes('+') ? b.fn : b.fn.replace('(d,s,w)=>', '(d,s,w)=>$t(') + ')';
  out.code.push(`{k:0,e:${fn},d:${depsCode(b.deps)},l:${lineOf(ctx, offset)}}`);
  for (const r of rootsOf(b.deps)) out.roots.add(r);
}

/** An element, wrapped in a wx:for node when it has one (wx:for applies before wx:if). */
export function genElement(ctx: WxmlContext, el: WxmlElement, out: Generated): void {
  if (hasFor(el)) {
    const info = forInfo(ctx, el);
    if (!info) return;
    for (const r of rootsOf(info.deps)) out.roots.add(r);
    ctx.locals.push(info.item, info.index);
    const row: Generated = { code: [], roots: new Set() };
    const role = ifRole(el);
    if (role === 'if') {
      // wx:for with wx:if on the same element: the condition is per row.
      const cond = ifCondition(ctx, el, 'if');
      const body: Generated = { code: [], roots: new Set() };
      genPlainElement(ctx, el, body);
      if (cond) {
        for (const r of rootsOf(cond[1])) row.roots.add(r);
        for (const r of body.roots) row.roots.add(r);
        row.code.push(`{k:2,br:[[${cond[0]},${depsCode(cond[1])},[${body.code.join(',')}],${JSON.stringify([...body.roots])}]],l:${lineOf(ctx, el.start)}}`);
      }
    } else genPlainElement(ctx, el, row);
    ctx.locals.length -= 2;
    for (const r of row.roots) if (r !== info.item && r !== info.index) out.roots.add(r);
    out.code.push(
      `{k:3,e:${info.fn},d:${depsCode(info.deps)}${info.path ? `,p:${JSON.stringify(info.path)}` : ''},` +
        `item:${JSON.stringify(info.item)},index:${JSON.stringify(info.index)},key:${JSON.stringify(info.key)},` +
        `c:[${row.code.join(',')}],r:${JSON.stringify([...row.roots])},l:${lineOf(ctx, el.start)}}`,
    );
    return;
  }
  genPlainElement(ctx, el, out);
}

/** An element without its wx:for / wx:if (those are handled by the caller). */
function genPlainElement(ctx: WxmlContext, el: WxmlElement, out: Generated): void {
  if (el.tag === 'block') {
    const inner = genChildren(ctx, el.children);
    out.code.push(...inner.code);
    for (const r of inner.roots) out.roots.add(r);
    return;
  }
  if (el.tag === 'template') {
    templateCall(ctx, el, out);
    return;
  }
  if (el.tag === 'include') {
    includeFile(ctx, el, out);
    return;
  }
  if (el.tag === 'slot') {
    out.code.push(`{k:5,name:${JSON.stringify(getAttr(el, 'name')?.value ?? '')}}`);
    return;
  }
  const known = ctx.knownTag ? ctx.knownTag(el.tag) : true;
  if (!known) ctx.report('WX2012', [el.tag], el.start + 1, el.start + 1 + el.tag.length);
  const builtin = known && ctx.knownAttribute !== undefined && isBuiltinTag(el.tag);
  // Without knownTag (a lone template) any non-built-in tag may be a custom component.
  const customComponent = !isBuiltinTag(el.tag) && (ctx.knownTag ? known : true);
  const statics: string[] = [];
  const bound: string[] = [];
  const events: string[] = [];
  const models: string[] = [];
  for (const attr of el.attrs) {
    if (IF_ATTRS.has(attr.name) || FOR_ATTRS.has(attr.name)) continue;
    if (attr.name.startsWith('model:')) {
      const model = modelBinding(ctx, attr);
      if (!model) continue;
      bound.push(`[${JSON.stringify(model.name)},${model.fn},${depsCode(model.deps)}]`);
      for (const r of rootsOf(model.deps)) out.roots.add(r);
      models.push(`[${JSON.stringify(model.name)},${JSON.stringify(model.key)}]`);
      continue;
    }
    const ev = eventBinding(ctx, attr);
    if (ev !== null) {
      events.push(ev);
      continue;
    }
    // An element the runtime reflects attributes onto must not get `onclick="…"`: the browser
    // would run it, and with a {{ }} value that is script from data. (A custom component takes
    // attributes as properties, where such a name is only data.)
    if (/^on/i.test(attr.name) && !customComponent) {
      ctx.report('WX2020', [attr.name, el.tag], attr.start, attr.start + attr.name.length);
      continue;
    }
    // An attribute a wxs observer watches (change:level … level="{{x}}") is the observer's input.
    if (builtin && !ctx.knownAttribute!(el.tag, attr.name) && !el.attrs.some((a) => a.name === 'change:' + attr.name)) {
      ctx.report('WX2015', [attr.name, el.tag], attr.start, attr.start + attr.name.length);
    }
    if (attr.name.startsWith('change:') || attr.name.startsWith('generic:')) {
      const parts = splitInterpolation(attr.value ?? '', attr.valueStart);
      const single = parts.length === 1 && parts[0]!.kind === 'expr';
      const at = attr.valueStart >= 0 ? attr.valueStart : attr.start;
      if (attr.name.startsWith('change:') && !single) {
        ctx.report('WX2014', [attr.name], attr.start, attr.start + attr.name.length);
        continue;
      }
      if (attr.name.startsWith('generic:') && (!attr.value || parts.some((p) => p.kind === 'expr'))) {
        ctx.report('WX2016', [attr.name], at, at + Math.max(1, (attr.value ?? '').length));
        continue;
      }
    }
    if (attr.value === null) {
      // A bare attribute (`<input disabled>`) is true, as in WeChat.
      bound.push(`[${JSON.stringify(attr.name)},()=>true,[]]`);
      continue;
    }
    const b = compileValue(ctx, attr.value, attr.valueStart);
    if (!b) continue;
    if (b.constant !== undefined && ASSET_ATTRS.has(attr.name)) b.constant = ctx.assetPath(b.constant);
    if (b.constant !== undefined) statics.push(`${JSON.stringify(attr.name)}:${JSON.stringify(b.constant)}`);
    else {
      bound.push(`[${JSON.stringify(attr.name)},${b.fn},${depsCode(b.deps)}]`);
      for (const r of rootsOf(b.deps)) out.roots.add(r);
    }
  }
  const children = genChildren(ctx, el.children);
  for (const r of children.roots) out.roots.add(r);
  const fields = [`k:1`, `t:${JSON.stringify(el.tag)}`];
  if (statics.length) fields.push(`a:{${statics.join(',')}}`);
  if (bound.length) fields.push(`b:[${bound.join(',')}]`);
  if (events.length) fields.push(`on:[${events.join(',')}]`);
  if (models.length) fields.push(`m:[${models.join(',')}]`);
  if (children.code.length) fields.push(`c:[${children.code.join(',')}]`, `r:${JSON.stringify([...children.roots])}`);
  fields.push(`l:${lineOf(ctx, el.start)}`);
  out.code.push(`{${fields.join(',')}}`);
}

/** Attributes that name a file of the program (its path is made root-absolute at compile time). */
const ASSET_ATTRS = new Set(['src', 'poster', 'icon-path', 'selected-icon-path']);

/** Line starts per source, computed once: an element's line is a binary search, not a rescan. */
const lineStarts = new WeakMap<object, number[]>();

export function lineOf(ctx: WxmlContext, offset: number): number {
  let starts = lineStarts.get(ctx);
  if (!starts) {
    starts = [0];
    const src = ctx.source;
    for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(ctx, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export { exprOf };
