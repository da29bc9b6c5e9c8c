/**
 * Custom component instances: properties from the parent's template, observers, lifetimes in
 * WeChat's order, slots, triggerEvent, selectComponent, style scoping of its template's classes.
 */
import type { ChildComponent } from '../render/view.js';
import { COMPONENT, modelChanged, nodeData } from '../render/attrs.js';
import { dispatchWxEvent } from '../render/events.js';
import { scheduleFlush } from './scheduler.js';
import { coerceProperty, initialComponentData, normalizeDefinition, type NormalizedDefinition, type Fn, BUILTIN_BEHAVIORS, isBehavior, type BehaviorRecord } from './definition.js';
import { Instance, setComponentFactory, type UnitModuleLike } from './instance.js';
import { cloneData, getPath, type DataPath } from './path.js';
import type { UnitModule } from './unit.js';
import { linkRelations, relationsMoved, unlinkRelations, type RelationLinks } from './relations.js';

export function definitionOf(mod: UnitModule): NormalizedDefinition {
  if (!mod.normalized) {
    const def = mod.def;
    if (!def) throw new Error(`component ${mod.path}: its script did not call Component()`);
    mod.normalized = normalizeDefinition(def.options, `component ${mod.path}`);
  }
  return mod.normalized;
}

const camel = (name: string): string => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

type IsolationMode = 'isolated' | 'apply-shared' | 'shared';

/** Methods the framework owns: a user method of the same name must not replace them. */
const RESERVED = new Set(['setData', 'triggerEvent', 'selectComponent', 'selectAllComponents', 'selectOwnerComponent', 'hasBehavior', 'getRelationNodes', 'groupSetData', 'getPageId', 'createSelectorQuery', 'data', 'properties', 'is', 'id', 'dataset']);

export class ComponentInstance extends Instance implements ChildComponent {
  readonly is: string;
  readonly __def: NormalizedDefinition;
  readonly __module: UnitModule;
  readonly __host: HTMLElement;
  readonly __parent: Instance;
  readonly __hostClass: string;
  readonly __virtual: boolean = false;
  readonly __relations: RelationLinks = new Map();
  private readonly __isolation: IsolationMode;
  private readonly __externalClasses = new Map<string, string>();
  private readonly __slots = new Map<string, HTMLElement>();
  private readonly __classCache = new Map<string, string>();
  /** componentGenerics chosen by the parent's template: generic name → implementation. */
  private readonly __genericChoice = new Map<string, UnitModuleLike>();
  private __pendingProps: Map<string, unknown> | null = null;
  private __rendered = false;
  private __detached = false;
  /** Set while values from the parent are applied, so they are not echoed back through model:. */
  private __fromParent = false;

  constructor(mod: UnitModule, host: HTMLElement, parent: Instance) {
    const def = definitionOf(mod);
    super(`component ${mod.path}`, initialComponentData(def));
    this.is = mod.path;
    this.__def = def;
    this.__module = mod;
    this.__host = host;
    this.__parent = parent;
    this.__using = mod.using;
    this.__hostClass = mod.prefix ? `${mod.prefix}-host` : '';
    const json = (mod.config.styleIsolation as string | undefined) ?? def.options.styleIsolation;
    this.__isolation = /shared$/.test(json ?? '') ? (json!.endsWith('apply-shared') ? 'apply-shared' : 'shared') : def.options.addGlobalClass || mod.config.addGlobalClass ? 'apply-shared' : 'isolated';
    for (const [name, fn] of Object.entries(def.methods)) if (!RESERVED.has(name)) (this as any)[name] = fn;
    if (def.options.virtualHost) {
      // No box of its own: its first-level nodes lay out in the parent, as in WeChat.
      this.__virtual = true;
      host.style.display = 'contents';
    }
    parent.__children.add(this);
  }

  /** A tag of this component's template: a generic (the parent's choice, else its default) or usingComponents. */
  override __child(tag: string): ((host: HTMLElement) => ChildComponent) | null {
    const chosen = this.__genericChoice.get(tag);
    if (chosen) return this.__childFactory(chosen);
    const generics = (this.__module as { generics?: Record<string, UnitModuleLike | null> }).generics;
    if (generics && tag in generics) {
      const fallback = generics[tag];
      if (fallback) return this.__childFactory(fallback);
      this.__error(new Error(`generic <${tag}> has no implementation: pass generic:${tag}="…" or give it a default in componentGenerics`), 'generic');
      return null;
    }
    return super.__child(tag);
  }

  /** WeChat's rendering backend name; components read it (`this.renderer`). */
  get renderer(): string {
    return 'webview';
  }

  get properties(): Record<string, any> {
    return this.data;
  }
  get id(): string {
    return this.__host.id;
  }
  get dataset(): Record<string, unknown> {
    return nodeData(this.__host).dataset;
  }

  // --- the parent's template talks to us through these (ChildComponent) ---

  setProperty(attr: string, value: unknown): void {
    if (attr.startsWith('generic:')) {
      // generic:selectable="custom-radio": the parent's usingComponents names the implementation.
      const tag = String(value ?? '').toLowerCase();
      const mod = this.__parent.__using[tag];
      if (mod) this.__genericChoice.set(attr.slice(8).toLowerCase(), mod);
      else this.__error(new Error(`${attr}="${tag}": <${tag}> is not in the usingComponents of ${this.__parent.__label}`), 'generic');
      return;
    }
    if (this.__def.externalClasses.includes(attr)) {
      this.__externalClasses.set(attr, this.__parent.__mapClass(value == null ? '' : String(value)));
      this.__classCache.clear();
      if (this.__view) this.__refreshClasses();
      return;
    }
    const name = this.__def.properties.has(attr) ? attr : camel(attr);
    const spec = this.__def.properties.get(name);
    if (!spec) return; // WeChat ignores attributes that are not properties
    (this.__pendingProps ??= new Map()).set(name, coerceProperty(spec, value));
  }

  /**
   * Applies the values the parent's template passed. The first call renders the component, as
   * WeChat orders it: the template renders with the defaults (child components are created
   * inside it, so children's `created` comes first), then `created`, then the parent's values
   * arrive like a setData (observers fire), all before `attached`.
   */
  flushProperties(): void {
    const pending = this.__pendingProps;
    this.__pendingProps = null;
    if (!this.__rendered) {
      this.__rendered = true;
      this.__render(this.__module.template).mount(this.__host);
      this.__lifetime('created');
      if (pending) {
        const patch: Record<string, unknown> = {};
        for (const [k, v] of pending) patch[k] = v;
        this.__fromParent = true;
        this.setData(patch);
        this.__fromParent = false;
      }
      return;
    }
    if (!pending) return;
    const patch: Record<string, unknown> = {};
    for (const [k, v] of pending) {
      const cur = this.data[k];
      if (cur !== v || (typeof v === 'object' && v !== null)) patch[k] = v;
    }
    if (Object.keys(patch).length) {
      this.__fromParent = true;
      this.setData(patch);
      this.__fromParent = false;
    }
  }

  /** Single-slot mode: every child goes to the one slot, names ignored. multipleSlots: by name. */
  slotTarget(name: string): Node | null {
    if (!this.__def.options.multipleSlots) return this.__slots.values().next().value ?? null;
    return this.__slots.get(name) ?? null;
  }

  __registerSlot(name: string, el: HTMLElement): void {
    if (!this.__slots.has(name)) this.__slots.set(name, el);
  }

  /** Called when the host enters the DOM: runs attached if the parent is in the page tree. */
  attach(): void {
    if (this.__parent.__attached && !this.__attached) this.__attachTree();
  }

  __attachTree(): void {
    if (this.__attached || this.__detached) return;
    this.__attached = true;
    this.__lifetime('attached');
    linkRelations(this);
    queueReady(this);
    for (const c of [...this.__children]) c.__attachTree();
  }

  detach(): void {
    this.__detachTree();
  }

  /** The host moved among its siblings (keyed wx:for): `moved`, then relations' linkChanged. */
  moved(): void {
    if (!this.__attached) return;
    this.__lifetime('moved');
    relationsMoved(this);
  }

  __detachTree(): void {
    if (this.__detached) return;
    this.__detached = true;
    const wasAttached = this.__attached;
    this.__attached = false;
    for (const c of [...this.__children]) c.__detachTree();
    if (wasAttached) {
      this.__lifetime('detached');
      unlinkRelations(this);
    }
    this.__view?.destroy(false);
    this.__parent.__children.delete(this);
  }

  // --- lifetimes ---

  __lifetime(name: string, ...args: unknown[]): void {
    for (const fn of this.__def.lifetimes.get(name) ?? []) this.__try(() => resolveFn(this, fn).apply(this, args), `lifetimes.${name}`);
  }

  __pageLifetime(name: string, ...args: unknown[]): void {
    for (const fn of this.__def.pageLifetimes.get(name) ?? []) this.__try(() => resolveFn(this, fn).apply(this, args), `pageLifetimes.${name}`);
    for (const c of [...this.__children]) (c as unknown as ComponentInstance).__pageLifetime(name, ...args);
  }

  override __error(err: unknown, where: string): void {
    super.__error(err, where);
    if (!where.startsWith('lifetimes.error')) this.__lifetime('error', err);
  }

  // --- data ---

  /**
   * After a setData: data observers first (each at most once, whenever a watched field was set,
   * changed or not), then property observers: for a whole property, when its value changed
   * (newVal, oldVal); for a sub-path, always, with the value written there and oldVal undefined.
   */
  protected override __observe(paths: DataPath[], old: Map<string, unknown>): void {
    const def = this.__def;
    for (const ob of def.observers) {
      if (!ob.fields.some((f) => paths.some((p) => fieldHit(f, p)))) continue;
      const args = ob.fields.map((f) => (f.all ? this.data : getPath(this.data, f.path)));
      this.__try(() => ob.fn.apply(this, args), `observers["${ob.fields.map((f) => (f.all ? '**' : f.path.join('.') + (f.deep ? '.**' : ''))).join(', ')}"]`);
    }
    for (const path of paths) {
      const name = path[0] as string;
      const obs = def.properties.get(name)?.observer;
      if (!obs) continue;
      const fn = typeof obs === 'string' ? (this as any)[obs] : obs;
      if (typeof fn !== 'function') continue;
      if (path.length > 1) {
        this.__try(() => fn.call(this, getPath(this.data, path), undefined, path), `properties.${name}.observer`);
        continue;
      }
      const now = this.data[name];
      const before = old.get(name);
      // setData copies values, so "changed" means a different value, not a different object:
      // an observer that sets its own property to what it already holds does not fire again.
      if (!sameValue(now, before)) this.__try(() => fn.call(this, now, before, path), `properties.${name}.observer`);
    }
    // model:prop on our tag: the component's own change to a property flows up to the parent.
    if (!this.__fromParent) {
      for (const root of new Set(paths.map((p) => p[0] as string))) {
        if (def.properties.has(root)) modelChanged(this.__host, root, this.data[root]);
      }
    }
  }

  protected override __coerce(path: DataPath, value: unknown): unknown {
    const spec = path.length === 1 ? this.__def.properties.get(path[0] as string) : undefined;
    return spec ? coerceProperty(spec, value) : value;
  }

  protected override __acceptsUndefined(root: string): boolean {
    return this.__def.properties.has(root);
  }

  protected override __watchesOld(root: string): boolean {
    return !!this.__def.properties.get(root)?.observer;
  }


  protected override __isPure(root: string): boolean {
    const p = this.__def.options.pureDataPattern;
    return !!p && p.test(root);
  }

  // --- classes ---

  override __mapClass(value: string): string {
    const hit = this.__classCache.get(value);
    if (hit !== undefined) return hit;
    const out: string[] = [];
    const prefix = this.__module.prefix;
    for (const c of value.split(/\s+/)) {
      if (!c) continue;
      if (this.__def.externalClasses.includes(c)) {
        const ext = this.__externalClasses.get(c);
        if (ext) out.push(ext);
      } else if (c.startsWith('~')) out.push(c.replace(/^~+/, ''));
      else if (c.startsWith('^')) out.push(this.__parent.__mapClass(c.slice(1)));
      else if (!prefix || this.__isolation === 'shared') out.push(c);
      else if (this.__isolation === 'apply-shared') out.push(`${prefix}--${c}`, c);
      else out.push(`${prefix}--${c}`);
    }
    const mapped = out.join(' ');
    this.__classCache.set(value, mapped);
    return mapped;
  }

  private __refreshClasses(): void {
    // External classes changed after render: re-render every class binding of this template.
    const roots = new Set(this.__module.template.r);
    this.__view?.update(new Map([...roots].map((r) => [r, null])));
  }

  // --- instance API ---

  triggerEvent(name: string, detail?: unknown, options: { bubbles?: boolean; composed?: boolean; capturePhase?: boolean } = {}): void {
    dispatchWxEvent(this.__host, name, detail === undefined ? {} : detail, {
      bubbles: !!options.bubbles,
      composed: !!options.composed,
      capturePhase: !!options.capturePhase,
    });
  }

  selectComponent(selector: string): unknown {
    return selectIn(this, selector, false)[0] ?? null;
  }

  selectAllComponents(selector: string): unknown[] {
    return selectIn(this, selector, true);
  }

  selectOwnerComponent(): unknown {
    return this.__parent;
  }

  hasBehavior(b: unknown): boolean {
    if (typeof b === 'string') return this.__def.behaviorNames.has(b) || (BUILTIN_BEHAVIORS[b] ? this.__def.behaviors.has(BUILTIN_BEHAVIORS[b]!) : false);
    return isBehavior(b) && this.__def.behaviors.has(b as BehaviorRecord);
  }

  getRelationNodes(path: string): unknown[] {
    return [...(this.__relations.get(path) ?? [])];
  }

  groupSetData(fn: () => void): void {
    this.__try(fn, 'groupSetData');
  }

  getPageId(): string {
    let p: Instance = this.__parent;
    while (p instanceof ComponentInstance) p = p.__parent;
    return (p as unknown as { getPageId?: () => string }).getPageId?.() ?? '';
  }
}

/** Structural equality for JSON-like data (what setData keeps). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!sameValue((a as any)[k], (b as any)[k])) return false;
  return true;
}

function resolveFn(c: ComponentInstance, fn: Fn | string): Fn {
  if (typeof fn === 'function') return fn;
  const m = (c as any)[fn];
  if (typeof m !== 'function') throw new Error(`no method "${fn}"`);
  return m as Fn;
}

/** Does a setData path touch an observed field? `a.b` hears `a` and `a.b`; `a.b.**` hears below too. */
function fieldHit(field: { path: DataPath; deep: boolean; all: boolean }, changed: DataPath): boolean {
  if (field.all) return true;
  const f = field.path;
  const n = Math.min(f.length, changed.length);
  for (let i = 0; i < n; i++) if (f[i] != changed[i]) return false;
  return changed.length <= f.length || field.deep;
}

/** The value selectComponent returns: the instance, or what `export()` gives (wx://component-export). */
function exported(c: ComponentInstance, caller: Instance): unknown {
  const exp = c.__def.export;
  if (exp && c.hasBehavior('wx://component-export')) return c.__try(() => exp.call(c, caller), 'export') ?? null;
  if (exp) return c.__try(() => exp.call(c, caller), 'export') ?? null;
  return c;
}

/**
 * selectComponent(s): hosts created by this instance's template (not inside other components'
 * templates) matching `selector`. Class selectors are matched through this template's class
 * scoping, so `.item` finds hosts written `class="item"` here.
 */
export function selectIn(owner: Instance, selector: string, all: boolean): unknown[] {
  const root: ParentNode | null = owner instanceof ComponentInstance ? owner.__host : (owner as unknown as { __el?: HTMLElement }).__el ?? null;
  if (!root) return [];
  const scoped = selector.replace(/\.(-?[_a-zA-Z][\w-]*)/g, (_, c: string) => '.' + owner.__mapClass(c).split(' ')[0]);
  const out: unknown[] = [];
  let list: NodeListOf<Element>;
  try {
    list = root.querySelectorAll(scoped);
  } catch {
    return [];
  }
  for (const el of list) {
    const c = (el as any)[COMPONENT] as ComponentInstance | undefined;
    if (!c || c.__parent !== owner) continue;
    out.push(exported(c, owner));
    if (!all) break;
  }
  return out;
}

// ready: after the whole tree attached, children before their parents.
let readyQueue: ComponentInstance[] = [];
let readyScheduled = false;

function queueReady(c: ComponentInstance): void {
  readyQueue.push(c);
  if (!readyScheduled) {
    readyScheduled = true;
    queueMicrotask(flushReady);
  }
}

/** Runs pending `ready` lifetimes now: deepest components first. */
export function flushReady(): void {
  readyScheduled = false;
  const batch = readyQueue;
  readyQueue = [];
  for (let i = batch.length - 1; i >= 0; i--) {
    const c = batch[i]!;
    if (c.__attached) c.__lifetime('ready');
  }
}

setComponentFactory((mod: UnitModuleLike, host: HTMLElement, parent: Instance) => new ComponentInstance(mod as UnitModule, host, parent));

