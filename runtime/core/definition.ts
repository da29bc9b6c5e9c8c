/**
 * Component definitions: `Behavior()`, the built-in `wx://` behaviors, and the normalisation that
 * merges a component with its behaviors by WeChat's rules:
 *   - behaviors apply in order, each one once, its own behaviors before itself; the component last;
 *   - properties and methods: later wins (so the component's own win);
 *   - data: later wins, except that two objects under the same name are merged;
 *   - lifetimes, pageLifetimes and observers: all are kept and run in that order;
 *   - a behavior's definitionFilter sees (and may change) the definition that uses it.
 */
import { cloneData, parsePath, type DataPath } from './path.js';

export type Fn = (...args: any[]) => any;
export type Ctor = StringConstructor | NumberConstructor | BooleanConstructor | ObjectConstructor | ArrayConstructor | null;

export interface PropertySpec {
  type: Ctor;
  optionalTypes: Ctor[];
  value: unknown;
  observer?: Fn | string;
}

export interface RelationSpec {
  type: 'parent' | 'child' | 'ancestor' | 'descendant';
  target?: string | BehaviorRecord;
  linked?: Fn;
  linkChanged?: Fn;
  unlinked?: Fn;
}

export interface ObserverSpec {
  /** One entry per comma-separated field: the path and whether it ends in `.**`. */
  fields: { path: DataPath; deep: boolean; all: boolean }[];
  fn: Fn;
}

export interface NormalizedDefinition {
  properties: Map<string, PropertySpec>;
  data: Record<string, unknown>;
  methods: Record<string, Fn>;
  lifetimes: Map<string, (Fn | string)[]>;
  pageLifetimes: Map<string, (Fn | string)[]>;
  observers: ObserverSpec[];
  behaviors: Set<BehaviorRecord>;
  behaviorNames: Set<string>;
  relations: Record<string, RelationSpec>;
  externalClasses: string[];
  options: {
    multipleSlots?: boolean;
    addGlobalClass?: boolean;
    styleIsolation?: string;
    virtualHost?: boolean;
    pureDataPattern?: RegExp;
  };
  export?: Fn;
}

export interface BehaviorRecord {
  readonly __wx2tgBehavior: true;
  readonly options: Record<string, any>;
  readonly name?: string;
}

export const LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'] as const;
export const PAGE_LIFETIMES = ['show', 'hide', 'resize', 'routeDone'] as const;

export function isBehavior(v: unknown): v is BehaviorRecord {
  return !!v && typeof v === 'object' && (v as BehaviorRecord).__wx2tgBehavior === true;
}

export function Behavior(options: Record<string, any>): BehaviorRecord {
  return { __wx2tgBehavior: true, options: options ?? {} };
}

function builtin(name: string, options: Record<string, any>): BehaviorRecord {
  return { __wx2tgBehavior: true, options, name };
}

/** The built-in behaviors WeChat provides by name. */
export const BUILTIN_BEHAVIORS: Record<string, BehaviorRecord> = {
  // A custom form control: `name` and `value` are collected by <form> on submit.
  'wx://form-field': builtin('wx://form-field', { properties: { name: { type: String, value: '' }, value: { type: null, value: '' } } }),
  // A component whose descendants' form fields belong to the enclosing <form>.
  'wx://form-field-group': builtin('wx://form-field-group', {}),
  // A button inside a custom component that submits/resets the enclosing <form>.
  'wx://form-field-button': builtin('wx://form-field-button', {}),
  // Lets `export()` decide what selectComponent returns.
  'wx://component-export': builtin('wx://component-export', {}),
};

function resolveBehavior(b: unknown, where: string): BehaviorRecord | null {
  if (typeof b === 'string') {
    const found = BUILTIN_BEHAVIORS[b];
    if (!found) throw new Error(`${where}: unknown behavior "${b}"`);
    return found;
  }
  if (isBehavior(b)) return b;
  if (b && typeof b === 'object') return Behavior(b as Record<string, any>); // a plain object used as a behavior
  return null;
}

const DEFAULTS = new Map<Ctor, () => unknown>([
  [String, () => ''],
  [Number, () => 0],
  [Boolean, () => false],
  [Object, () => null],
  [Array, () => []],
  [null, () => null],
]);

export function normalizeProperty(spec: unknown): PropertySpec {
  if (spec === null || typeof spec === 'function') {
    const type = spec as Ctor;
    return { type, optionalTypes: [], value: (DEFAULTS.get(type) ?? (() => null))() };
  }
  const s = (spec ?? {}) as { type?: Ctor; optionalTypes?: Ctor[]; value?: unknown; observer?: Fn | string };
  const type = s.type === undefined ? null : s.type;
  return {
    type,
    optionalTypes: Array.isArray(s.optionalTypes) ? s.optionalTypes : [],
    value: 'value' in s ? cloneData(s.value) : (DEFAULTS.get(type) ?? (() => null))(),
    observer: s.observer,
  };
}

function parseObserverFields(key: string): ObserverSpec['fields'] {
  return key.split(',').map((raw) => {
    const f = raw.trim();
    if (f === '**') return { path: [], deep: true, all: true };
    const deep = f.endsWith('.**');
    const path = parsePath(deep ? f.slice(0, -3) : f) ?? [f];
    return { path, deep, all: false };
  });
}

function mergeData(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(source)) {
    const cur = target[k];
    if (cur && v && typeof cur === 'object' && typeof v === 'object' && !Array.isArray(cur) && !Array.isArray(v)) {
      const merged = { ...(cur as Record<string, unknown>) };
      mergeData(merged, v as Record<string, unknown>);
      target[k] = merged;
    } else target[k] = v;
  }
}

function emptyDefinition(): NormalizedDefinition {
  return {
    properties: new Map(),
    data: {},
    methods: {},
    lifetimes: new Map(),
    pageLifetimes: new Map(),
    observers: [],
    behaviors: new Set(),
    behaviorNames: new Set(),
    relations: {},
    externalClasses: [],
    options: {},
  };
}

function push(map: Map<string, (Fn | string)[]>, name: string, fn: unknown): void {
  // A lifetime may also name a method.
  if (typeof fn !== 'function' && typeof fn !== 'string') return;
  const list = map.get(name);
  if (list) list.push(fn as Fn | string);
  else map.set(name, [fn as Fn | string]);
}

/** Applies one definition (a behavior's or the component's own) on top of what is merged so far. */
function apply(out: NormalizedDefinition, options: Record<string, any>, where: string, isComponent: boolean): void {
  const direct: BehaviorRecord[] = [];
  for (const b of (options.behaviors as unknown[]) ?? []) {
    const rec = resolveBehavior(b, where);
    if (rec) direct.push(rec);
  }
  // A behavior's definitionFilter may rewrite the definition that uses it.
  for (const rec of direct) {
    const filter = rec.options.definitionFilter;
    if (typeof filter === 'function') {
      const nested = ((rec.options.behaviors as unknown[]) ?? [])
        .map((b) => resolveBehavior(b, where)?.options.definitionFilter)
        .filter((f): f is Fn => typeof f === 'function');
      filter(options, nested);
    }
  }
  for (const rec of direct) {
    if (out.behaviors.has(rec)) continue;
    out.behaviors.add(rec);
    if (rec.name) out.behaviorNames.add(rec.name);
    apply(out, rec.options, where, false);
  }
  const props = options.properties as Record<string, unknown> | undefined;
  if (props) for (const [name, spec] of Object.entries(props)) out.properties.set(name, normalizeProperty(spec));
  if (options.data && typeof options.data === 'object') mergeData(out.data, cloneData(options.data) as Record<string, unknown>);
  if (options.methods) for (const [k, v] of Object.entries(options.methods as Record<string, unknown>)) if (typeof v === 'function') out.methods[k] = v as Fn;
  // Lifetimes: the `lifetimes` section wins over the legacy top-level form of the same name.
  const lt = (options.lifetimes ?? {}) as Record<string, unknown>;
  for (const name of LIFETIMES) push(out.lifetimes, name, name in lt ? lt[name] : options[name]);
  const plt = (options.pageLifetimes ?? {}) as Record<string, unknown>;
  for (const name of PAGE_LIFETIMES) push(out.pageLifetimes, name, plt[name]);
  if (options.observers) {
    for (const [key, fn] of Object.entries(options.observers as Record<string, unknown>)) {
      if (typeof fn === 'function') out.observers.push({ fields: parseObserverFields(key), fn: fn as Fn });
    }
  }
  if (options.relations) Object.assign(out.relations, options.relations);
  if (Array.isArray(options.externalClasses)) out.externalClasses.push(...(options.externalClasses as string[]));
  if (typeof options.export === 'function') out.export = options.export as Fn;
  if (isComponent && options.options) {
    const o = options.options as Record<string, unknown>;
    out.options = {
      multipleSlots: !!o.multipleSlots,
      addGlobalClass: !!o.addGlobalClass,
      styleIsolation: typeof o.styleIsolation === 'string' ? o.styleIsolation : undefined,
      virtualHost: !!o.virtualHost,
      pureDataPattern: o.pureDataPattern instanceof RegExp ? o.pureDataPattern : undefined,
    };
  }
}

export function normalizeDefinition(options: Record<string, any>, where: string): NormalizedDefinition {
  const out = emptyDefinition();
  apply(out, options, where, true);
  return out;
}

/** Initial data: property defaults, then `data` (data fields win over properties of the same name). */
export function initialComponentData(def: NormalizedDefinition): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [name, spec] of def.properties) data[name] = cloneData(spec.value);
  Object.assign(data, cloneData(def.data) as Record<string, unknown>);
  return data;
}

/**
 * A value assigned to a property (by the parent's template or a setData of the whole property),
 * as the property's type takes it. A value matching an optional type is kept; otherwise it is
 * converted to the main type the way WeChat converts, falling back to the property's default.
 */
export function coerceProperty(spec: PropertySpec, value: unknown): unknown {
  if (spec.optionalTypes.some((t) => matchesOptional(t, value))) return value;
  const fallback = (): unknown => cloneData(spec.value);
  switch (spec.type) {
    case null:
      return value === undefined ? fallback() : value;
    case String:
      if (typeof value === 'string') return value;
      return value == null ? fallback() : String(value);
    case Number:
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      return typeof value !== 'object' || value === null ? (isFinite(value as number) ? Number(value) : fallback()) : fallback();
    case Boolean:
      return !!value;
    case Object:
      return typeof value === 'object' ? value : fallback();
    case Array:
      return Array.isArray(value) ? value : fallback();
    default:
      return value;
  }
}

/** optionalTypes match strictly: a numeric string is not a Number, an array is not an Object. */
function matchesOptional(type: Ctor, value: unknown): boolean {
  switch (type) {
    case String:
      return typeof value === 'string';
    case Number:
      return typeof value === 'number' && Number.isFinite(value);
    case Boolean:
      return typeof value === 'boolean';
    case Array:
      return Array.isArray(value);
    case Object:
      return value === null || (typeof value === 'object' && !Array.isArray(value));
    default:
      return false;
  }
}
