/**
 * Template instances: turn the compiled IR (common/template.ts) into DOM, and apply change sets
 * to it. Every binding remembers its last value and writes the DOM only when it differs; whole
 * subtrees are skipped when the change set touches none of the roots they read.
 */
import {
  NodeKind,
  type Dep,
  type ElementNode,
  type Expr,
  type ForNode,
  type IfNode,
  type TemplateCallNode,
  type TemplateModule,
  type TemplateNode,
  type TextNode,
} from '../../common/template.js';
import { applyAttribute, COMPONENT, MODEL, nodeData, OWNER } from './attrs.js';
import { addChange, depsHit, rootsHit, type ChangeSet } from './changes.js';
import { builtinFor } from '../components/registry.js';
import { domOps } from './domOps.js';
import { loadWxsHooks, wxsHooks } from './wxsHooks.js';

/** What a template instance needs from the component that owns it. */
export interface Owner {
  /** "page pages/index/index" or "component components/x/x": names the owner in errors. */
  readonly __label: string;
  /** Reports an error thrown while evaluating a binding or a handler. */
  __error(err: unknown, where: string): void;
  /** The factory of the custom component `tag` names in this owner's usingComponents, or null. */
  __child?(tag: string): ((host: HTMLElement) => ChildComponent) | null;
  /** Maps a class attribute value to the classes the element gets (component style scoping). */
  __mapClass?(value: string): string;
  /** Called by <slot> elements of this owner's template as they are created. */
  __registerSlot?(name: string, el: HTMLElement): void;
}

/** A custom component instance as seen by its parent's template. */
export interface ChildComponent {
  /** The marker class of the host element (`:host` styles). */
  readonly __hostClass: string;
  setProperty(name: string, value: unknown): void;
  flushProperties(): void;
  slotTarget(name: string): Node | null;
  attach(): void;
  detach(): void;
  /** The host moved among its siblings. */
  moved?(): void;
  /** options.virtualHost: the host takes no box; class and style go to the component instead. */
  readonly __virtual?: boolean;
}

/** Shared by the parts of one template instance: the data they read and where names resolve. */
export interface TemplateScope {
  d: any;
  w: any;
  owner: Owner;
  tpl: TemplateModule;
}

export interface Part {
  mount(parent: Node, before: Node | null): void;
  update(cs: ChangeSet): void;
  move(parent: Node, before: Node | null): void;
  /** The first DOM node of the part (for insertion before it). */
  first(): Node;
  destroy(remove: boolean): void;
}

function evaluate(ts: TemplateScope, e: Expr, s: unknown, line: number | undefined): unknown {
  try {
    return e(ts.d, s, ts.w);
  } catch (err) {
    ts.owner.__error(err, `${ts.tpl.f}${line ? ':' + line : ''}`);
    return undefined;
  }
}

export function createParts(ts: TemplateScope, nodes: readonly TemplateNode[], s: unknown): Part[] {
  const parts: Part[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) parts[i] = createPart(ts, nodes[i]!, s);
  return parts;
}

function createPart(ts: TemplateScope, node: TemplateNode, s: unknown): Part {
  switch (node.k) {
    case NodeKind.Text:
      return new TextPart(ts, node, s);
    case NodeKind.Element:
      return new ElementPart(ts, node, s);
    case NodeKind.If:
      return new IfPart(ts, node, s);
    case NodeKind.For:
      return new ForPart(ts, node, s);
    case NodeKind.Template:
      return new TemplatePart(ts, node, s);
    case NodeKind.Slot:
      return new SlotPart(ts, node.name);
  }
}

export function mountParts(parts: Part[], parent: Node, before: Node | null): void {
  for (let i = 0; i < parts.length; i++) parts[i]!.mount(parent, before);
}

export function updateParts(parts: Part[], cs: ChangeSet): void {
  for (let i = 0; i < parts.length; i++) parts[i]!.update(cs);
}

function destroyParts(parts: Part[], remove: boolean): void {
  for (let i = 0; i < parts.length; i++) parts[i]!.destroy(remove);
}

class TextPart implements Part {
  private readonly node: Text;
  private value: string;
  constructor(
    private readonly ts: TemplateScope,
    private readonly ir: TextNode,
    private readonly s: unknown,
  ) {
    this.value = ir.e ? String(evaluate(ts, ir.e, s, ir.l)) : (ir.v ?? '');
    this.node = document.createTextNode(this.value);
  }
  mount(parent: Node, before: Node | null): void {
    domOps.insert(parent, this.node, before);
  }
  update(cs: ChangeSet): void {
    const ir = this.ir;
    if (!ir.e || !depsHit(ir.d!, cs)) return;
    const v = String(evaluate(this.ts, ir.e, this.s, ir.l));
    if (v !== this.value) {
      this.value = v;
      domOps.setText(this.node, v);
    }
  }
  move(parent: Node, before: Node | null): void {
    domOps.insert(parent, this.node, before);
  }
  first(): Node {
    return this.node;
  }
  destroy(remove: boolean): void {
    if (remove) domOps.remove(this.node);
  }
}

class ElementPart implements Part {
  readonly el: HTMLElement;
  private readonly values: unknown[];
  private readonly children: Part[];
  private readonly child: ChildComponent | null;
  /** wxs property observers: `change:prop="{{m.fn}}"` → prop → the function. */
  private observers: Map<string, unknown> | null = null;
  private observersStarted = false;
  constructor(
    private readonly ts: TemplateScope,
    private readonly ir: ElementNode,
    private readonly s: unknown,
  ) {
    const tag = ir.t;
    const factory = ts.owner.__child ? ts.owner.__child(tag) : null;
    const el = document.createElement(factory ? tag : 'wx-' + tag);
    this.el = el;
    (el as any)[OWNER] = ts.owner;
    let child: ChildComponent | null = null;
    if (factory) {
      try {
        child = factory(el);
      } catch (err) {
        // One broken component must not blank the page: report it, leave its host empty.
        ts.owner.__error(err, `<${tag}> (${ts.tpl.f}${ir.l ? ':' + ir.l : ''})`);
      }
    }
    this.child = child;
    if (this.child) {
      (el as any)[COMPONENT] = this.child;
      if (!(ir.a && 'class' in ir.a) && !(ir.b && ir.b.some((x) => x[0] === 'class'))) el.className = this.child.__hostClass;
    } else builtinFor(tag)?.create?.(el);
    if (ir.a) for (const name in ir.a) this.apply(name, ir.a[name]);
    const b = ir.b;
    this.values = b ? new Array(b.length) : [];
    if (b) {
      for (let i = 0; i < b.length; i++) {
        const v = evaluate(ts, b[i]![1], s, ir.l);
        this.values[i] = v;
        this.apply(b[i]![0], v);
      }
    }
    if (ir.m) {
      const models = ir.m;
      (el as any)[MODEL] = (attr: string, value: unknown): void => {
        const hit = models.find((m) => m[0] === attr || camelCase(m[0]) === attr);
        const owner = ts.owner as unknown as { setData?(patch: Record<string, unknown>): void };
        if (hit && owner.setData) owner.setData({ [hit[1]]: value });
      };
    }
    if (ir.on) {
      const data = nodeData(el);
      data.on = ir.on;
      data.scope = { ts, s };
    }
    this.children = ir.c ? createParts(ts, ir.c, s) : [];
    if (this.child) {
      // The component renders first, so that its <slot>s exist for this element's children.
      this.child.flushProperties();
      for (let i = 0; i < this.children.length; i++) {
        const slot = this.child.slotTarget(slotNameOf(ir.c![i]!));
        if (slot) this.children[i]!.mount(slot, null);
      }
    } else mountParts(this.children, el, null);
  }
  private apply(name: string, value: unknown): void {
    if (name.startsWith('change:')) {
      (this.observers ??= new Map()).set(name.slice(7), value);
      return;
    }
    const child = this.child;
    if (child && ((name !== 'class' && name !== 'style' && name !== 'id' && name !== 'hidden' && !name.startsWith('data-') && !name.startsWith('mark:') && name !== 'slot') || (child.__virtual && (name === 'class' || name === 'style')))) {
      // A virtual host passes class and style on as a property / external class, if declared.
      child.setProperty(name, value);
      return;
    }
    domOps.count++;
    if (name === 'class') {
      const owner = this.ts.owner;
      const mapped = owner.__mapClass ? owner.__mapClass(value == null ? '' : String(value)) : value;
      applyAttribute(this.el, this.ir.t, name, child ? `${mapped} ${child.__hostClass}` : mapped);
      return;
    }
    applyAttribute(this.el, this.ir.t, name, value);
  }
  mount(parent: Node, before: Node | null): void {
    domOps.insert(parent, this.el, before);
    this.child?.attach();
    if (this.observers && !this.observersStarted) {
      // A wxs property observer also runs once with the initial value — after the rest of the
      // template is in place, since observers select other elements of it (weui's slideview).
      this.observersStarted = true;
      queueMicrotask(() => {
        for (const prop of this.observers!.keys()) this.observe(prop, this.current(prop), undefined);
      });
    }
  }
  private alwaysSet(name: string): boolean {
    return !this.child && builtinFor(this.ir.t)?.alwaysSet?.includes(name) === true;
  }
  private current(prop: string): unknown {
    const b = this.ir.b;
    if (b) for (let i = 0; i < b.length; i++) if (b[i]![0] === prop) return this.values[i];
    return this.ir.a?.[prop];
  }
  /** Calls the wxs observer of `prop`: fn(newValue, oldValue, ownerInstance, instance). */
  private observe(prop: string, value: unknown, old: unknown): void {
    const fn = this.observers?.get(prop);
    if (typeof fn !== 'function') return;
    const hooks = wxsHooks();
    if (!hooks) {
      void loadWxsHooks().then(() => this.observe(prop, value, old));
      return;
    }
    try {
      fn(value, old, hooks.ownerDescriptor(this.ts.owner), hooks.descriptorOf(this.el));
    } catch (err) {
      this.ts.owner.__error(err, `change:${prop} wxs observer (${this.ts.tpl.f}${this.ir.l ? ':' + this.ir.l : ''})`);
    }
  }
  update(cs: ChangeSet): void {
    const ir = this.ir;
    const b = ir.b;
    if (b) {
      let changedProps = false;
      let observed: [string, unknown, unknown][] | null = null;
      for (let i = 0; i < b.length; i++) {
        const binding = b[i]!;
        if (!depsHit(binding[2], cs)) continue;
        const v = evaluate(this.ts, binding[1], this.s, ir.l);
        const old = this.values[i];
        // A wxs observer runs whenever its property is set, changed or not (as in WeChat).
        if (this.observers?.has(binding[0])) (observed ??= []).push([binding[0], v, old]);
        // Objects are compared by identity: setData gives new copies when they change. Some
        // built-in attributes act when set even to the same value (refresher-triggered, x/y).
        if (v === old && (typeof v !== 'object' || v === null) && !this.alwaysSet(binding[0])) continue;
        this.values[i] = v;
        this.apply(binding[0], v);
        changedProps = true;
      }
      if (changedProps && this.child) this.child.flushProperties();
      if (observed) for (const [prop, v, old] of observed) this.observe(prop, v, old);
    }
    if (ir.c && rootsHit(ir.r, cs)) updateParts(this.children, cs);
  }
  move(parent: Node, before: Node | null): void {
    domOps.insert(parent, this.el, before);
    // Components of this template inside the moved element hear `moved`.
    if (this.child) this.child.moved?.();
    // Only an owner with child components needs the walk (a plain keyed list moves for free).
    const children = (this.ts.owner as { __children?: Set<unknown> }).__children;
    if (children && children.size > 0 && this.el.firstElementChild) {
      for (const n of this.el.querySelectorAll('*')) {
        const c = (n as any)[COMPONENT] as (ChildComponent & { __parent?: unknown }) | undefined;
        if (c && c.__parent === this.ts.owner) c.moved?.();
      }
    }
  }
  first(): Node {
    return this.el;
  }
  destroy(remove: boolean): void {
    this.child?.detach();
    destroyParts(this.children, false);
    if (remove) domOps.remove(this.el);
  }
}

/** Parts that render a changing list of children before an anchor comment. */
abstract class RangePart implements Part {
  protected readonly anchor: Comment = document.createComment('');
  protected abstract childParts(): Iterable<Part>;
  abstract update(cs: ChangeSet): void;
  mount(parent: Node, before: Node | null): void {
    for (const p of this.childParts()) p.mount(parent, before);
    domOps.insert(parent, this.anchor, before);
  }
  move(parent: Node, before: Node | null): void {
    for (const p of this.childParts()) p.move(parent, before);
    domOps.insert(parent, this.anchor, before);
  }
  first(): Node {
    for (const p of this.childParts()) return p.first();
    return this.anchor;
  }
  destroy(remove: boolean): void {
    for (const p of this.childParts()) p.destroy(remove);
    if (remove) domOps.remove(this.anchor);
  }
}

class IfPart extends RangePart {
  private branch = -1;
  private parts: Part[] = [];
  constructor(
    private readonly ts: TemplateScope,
    private readonly ir: IfNode,
    private readonly s: unknown,
  ) {
    super();
    this.branch = this.pick();
    if (this.branch >= 0) this.parts = createParts(ts, ir.br[this.branch]![2], s);
  }
  protected childParts(): Iterable<Part> {
    return this.parts;
  }
  private pick(): number {
    const br = this.ir.br;
    for (let i = 0; i < br.length; i++) {
      const cond = br[i]![0];
      if (cond === null || evaluate(this.ts, cond, this.s, this.ir.l)) return i;
    }
    return -1;
  }
  update(cs: ChangeSet): void {
    const br = this.ir.br;
    // Only re-test conditions when something they read changed.
    let retest = false;
    for (let i = 0; i < br.length; i++) if (depsHit(br[i]![1], cs)) retest = true;
    const next = retest ? this.pick() : this.branch;
    if (next === this.branch) {
      if (next >= 0 && rootsHit(br[next]![3], cs)) updateParts(this.parts, cs);
      return;
    }
    const parent = this.anchor.parentNode;
    destroyParts(this.parts, true);
    this.branch = next;
    this.parts = next >= 0 ? createParts(this.ts, br[next]![2], this.s) : [];
    if (parent) mountParts(this.parts, parent, this.anchor);
  }
}

interface Row {
  key: unknown;
  item: unknown;
  index: unknown;
  scope: Record<string, unknown>;
  parts: Part[];
}

/** Turns whatever wx:for is given into [item, index] pairs, as WeChat does. */
function listEntries(value: unknown): [unknown, unknown][] {
  if (Array.isArray(value)) return value.map((v, i) => [v, i]);
  if (typeof value === 'string') return Array.from(value).map((c, i) => [c, i]);
  if (typeof value === 'number') {
    const n = Math.max(0, Math.floor(value));
    const out: [unknown, unknown][] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = [i, i];
    return out;
  }
  if (value && typeof value === 'object') return Object.keys(value).map((k) => [(value as any)[k], k]);
  return [];
}

class ForPart extends RangePart {
  private rows: Row[] = [];
  constructor(
    private readonly ts: TemplateScope,
    private readonly ir: ForNode,
    private readonly s: unknown,
  ) {
    super();
    const entries = listEntries(evaluate(ts, ir.e, s, ir.l));
    this.rows = entries.map(([item, index]) => this.makeRow(item, index));
  }
  protected childParts(): Iterable<Part> {
    const rows = this.rows;
    return (function* () {
      for (const r of rows) yield* r.parts;
    })();
  }
  private keyOf(item: unknown, index: unknown): unknown {
    const key = this.ir.key;
    if (key === null) return index;
    if (key === '*this') return item;
    return item !== null && typeof item === 'object' ? (item as any)[key] : item;
  }
  private makeRow(item: unknown, index: unknown): Row {
    const scope = Object.create((this.s as object | null) ?? null) as Record<string, unknown>;
    scope[this.ir.item] = item;
    scope[this.ir.index] = index;
    return { key: this.keyOf(item, index), item, index, scope, parts: createParts(this.ts, this.ir.c, scope) };
  }
  /** The outer change set as the rows see it: loop variables shadow data roots of the same name. */
  private rowChanges(cs: ChangeSet): ChangeSet | null {
    const ir = this.ir;
    let relevant = false;
    for (const r of ir.r) if (r !== ir.item && r !== ir.index && cs.has(r)) relevant = true;
    if (!relevant) return null;
    if (!cs.has(ir.item) && !cs.has(ir.index)) return cs;
    const copy: ChangeSet = new Map(cs);
    copy.delete(ir.item);
    copy.delete(ir.index);
    return copy;
  }
  update(cs: ChangeSet): void {
    const ir = this.ir;
    const outer = this.rowChanges(cs);
    if (depsHit(ir.d, cs)) {
      const perRow = ir.p ? this.rowLevelChanges(cs) : null;
      if (perRow) {
        for (const [i, paths] of perRow) {
          const row = this.rows[i]!;
          const rcs: ChangeSet = outer ? new Map(outer) : new Map();
          rcs.delete(ir.item);
          rcs.delete(ir.index);
          for (const p of paths) addChange(rcs, [ir.item, ...p]);
          row.item = (row.scope[ir.item] = evaluateItem(this.ts, ir, this.s, i, row.item));
          updateParts(row.parts, rcs);
        }
        if (outer) for (let i = 0; i < this.rows.length; i++) if (!perRow.has(i)) updateParts(this.rows[i]!.parts, outer);
        return;
      }
      this.reconcile(listEntries(evaluate(this.ts, ir.e, this.s, ir.l)), outer);
      return;
    }
    if (outer) for (const row of this.rows) updateParts(row.parts, outer);
  }
  /**
   * When every change to the list is inside existing rows (`list[3].done`), the rows to update
   * and the paths inside each; null when the list itself changed shape.
   */
  private rowLevelChanges(cs: ChangeSet): Map<number, (string | number)[][]> | null {
    const p = this.ir.p!;
    const changed = cs.get(String(p[0]));
    if (!changed) return null;
    const out = new Map<number, (string | number)[][]>();
    for (const c of changed) {
      let i = 1;
      for (; i < p.length; i++) {
        if (i - 1 >= c.length) return null; // a parent of the list changed
        if (c[i - 1] != p[i]) break;
      }
      if (i < p.length) continue; // unrelated sibling path
      const rest = c.slice(p.length - 1);
      if (rest.length < 2) return null; // the list or a whole row was replaced
      const index = Number(rest[0]);
      if (!Number.isInteger(index) || index < 0 || index >= this.rows.length) return null;
      let list = out.get(index);
      if (!list) out.set(index, (list = []));
      list.push(rest.slice(1));
    }
    return out;
  }
  private reconcile(entries: [unknown, unknown][], outer: ChangeSet | null): void {
    const ir = this.ir;
    const parent = this.anchor.parentNode;
    const old = this.rows;
    const next: Row[] = new Array(entries.length);
    // Old rows by key; duplicate keys queue up and are used in order.
    const byKey = new Map<unknown, number[]>();
    for (let i = 0; i < old.length; i++) {
      const k = old[i]!.key;
      const q = byKey.get(k);
      if (q) q.push(i);
      else byKey.set(k, [i]);
    }
    const reused = new Int32Array(entries.length).fill(-1);
    const taken = new Uint8Array(old.length);
    for (let j = 0; j < entries.length; j++) {
      const [item, index] = entries[j]!;
      const key = this.keyOf(item, index);
      const q = byKey.get(key);
      if (q && q.length) {
        const i = q.shift()!;
        reused[j] = i;
        taken[i] = 1;
        const row = old[i]!;
        const rcs: ChangeSet = outer ? new Map(outer) : new Map();
        if (row.item !== item || (item !== null && typeof item === 'object')) {
          row.item = row.scope[ir.item] = item;
          rcs.set(ir.item, null);
        }
        if (row.index !== index) {
          row.index = row.scope[ir.index] = index;
          rcs.set(ir.index, null);
        }
        row.key = key;
        if (rcs.size) updateParts(row.parts, rcs);
        next[j] = row;
      } else next[j] = this.makeRow(item, index);
    }
    for (let i = 0; i < old.length; i++) if (!taken[i]) destroyParts(old[i]!.parts, true);
    this.rows = next;
    if (!parent) return;
    // Rows on the longest increasing run of old positions stay; the others move.
    const keep = longestIncreasing(reused);
    let before: Node = this.anchor;
    for (let j = next.length - 1; j >= 0; j--) {
      const row = next[j]!;
      if (reused[j] < 0) mountParts(row.parts, parent, before);
      else if (!keep.has(j)) for (const p of row.parts) p.move(parent, before);
      if (row.parts.length) before = row.parts[0]!.first();
    }
  }
}

function evaluateItem(ts: TemplateScope, ir: ForNode, s: unknown, i: number, fallback: unknown): unknown {
  const list = evaluate(ts, ir.e, s, ir.l);
  return Array.isArray(list) ? list[i] : fallback;
}

/** Indices j (of entries with reused[j] >= 0) forming a longest increasing run of reused[j]. */
function longestIncreasing(reused: Int32Array): Set<number> {
  const tails: number[] = []; // j of the smallest tail for each length
  const prev = new Int32Array(reused.length).fill(-1);
  for (let j = 0; j < reused.length; j++) {
    const v = reused[j]!;
    if (v < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (reused[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[j] = tails[lo - 1]!;
    tails[lo] = j;
  }
  const keep = new Set<number>();
  let j = tails.length ? tails[tails.length - 1]! : -1;
  while (j >= 0) {
    keep.add(j);
    j = prev[j]!;
  }
  return keep;
}

class TemplatePart extends RangePart {
  private name: string | undefined;
  private data: Record<string, unknown> = {};
  private inner: TemplateScope | null = null;
  private parts: Part[] = [];
  constructor(
    private readonly ts: TemplateScope,
    private readonly ir: TemplateCallNode,
    private readonly s: unknown,
  ) {
    super();
    this.render();
  }
  protected childParts(): Iterable<Part> {
    return this.parts;
  }
  private resolveName(): string {
    const is = this.ir.is;
    return typeof is === 'string' ? is : String(evaluate(this.ts, is, this.s, this.ir.l) ?? '');
  }
  private readData(): Record<string, unknown> {
    const data = this.ir.data ? evaluate(this.ts, this.ir.data, this.s, this.ir.l) : {};
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  }
  private render(): void {
    this.name = this.resolveName();
    this.data = this.readData();
    const def = this.ts.tpl.t[this.name];
    if (!def) {
      this.inner = null;
      this.parts = [];
      return;
    }
    const tpl = def.t && def.t !== this.ts.tpl.t ? { ...this.ts.tpl, t: def.t } : this.ts.tpl;
    this.inner = { d: this.data, w: def.w, owner: this.ts.owner, tpl };
    this.parts = createParts(this.inner, def.c, null);
  }
  update(cs: ChangeSet): void {
    if (!depsHit(this.ir.d, cs)) return;
    const name = this.resolveName();
    if (name !== this.name) {
      const parent = this.anchor.parentNode;
      destroyParts(this.parts, true);
      this.render();
      if (parent) mountParts(this.parts, parent, this.anchor);
      return;
    }
    if (!this.inner) return;
    const data = this.readData();
    const inner: ChangeSet = new Map();
    for (const k of new Set([...Object.keys(this.data), ...Object.keys(data)])) {
      const a = this.data[k];
      const b = data[k];
      if (a !== b || (typeof b === 'object' && b !== null)) inner.set(k, null);
    }
    this.data = data;
    this.inner.d = data;
    if (inner.size) updateParts(this.parts, inner);
  }
}

function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The slot a child of a custom component goes to: its static `slot` attribute, else the default. */
function slotNameOf(node: TemplateNode): string {
  return node.k === NodeKind.Element && node.a && typeof node.a.slot === 'string' ? node.a.slot : '';
}

/** `<slot name>`: where the owner component's user content goes. */
class SlotPart implements Part {
  private readonly el: HTMLElement = document.createElement('wx-slot');
  constructor(ts: TemplateScope, name: string) {
    if (name) this.el.setAttribute('name', name);
    (this.el as any)[OWNER] = ts.owner;
    ts.owner.__registerSlot?.(name, this.el);
  }
  mount(parent: Node, before: Node | null): void {
    domOps.insert(parent, this.el, before);
  }
  update(): void {}
  move(parent: Node, before: Node | null): void {
    domOps.insert(parent, this.el, before);
  }
  first(): Node {
    return this.el;
  }
  destroy(remove: boolean): void {
    if (remove) domOps.remove(this.el);
  }
}

/** A mounted template: the root parts of a page or component. */
export class View {
  readonly scope: TemplateScope;
  private readonly parts: Part[];
  constructor(tpl: TemplateModule, data: any, owner: Owner) {
    this.scope = { d: data, w: tpl.w, owner, tpl };
    // wxs modules may respond to events: have their ComponentDescriptor code ready.
    for (const _ in tpl.w) {
      void loadWxsHooks();
      break;
    }
    this.parts = createParts(this.scope, tpl.c, null);
  }
  mount(parent: Node, before: Node | null = null): void {
    mountParts(this.parts, parent, before);
  }
  update(cs: ChangeSet): void {
    if (rootsHit(this.scope.tpl.r, cs)) updateParts(this.parts, cs);
  }
  destroy(remove: boolean): void {
    destroyParts(this.parts, remove);
  }
}

