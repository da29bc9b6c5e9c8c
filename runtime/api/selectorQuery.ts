/**
 * wx.createSelectorQuery and the instance method of the same name, against real layout. This
 * module records the requests; the code that finds and measures elements (queryEngine.ts) loads
 * on the first exec(), which answers asynchronously in any case.
 */
import type { Instance } from '../core/instance.js';

export type Callback = (res: any) => void;

export interface FieldsSpec {
  id?: boolean;
  dataset?: boolean;
  mark?: boolean;
  rect?: boolean;
  size?: boolean;
  scrollOffset?: boolean;
  properties?: string[];
  computedStyle?: string[];
  node?: boolean;
  context?: boolean;
}

export interface Request {
  selector: string | null; // null: the viewport
  all: boolean;
  fields: FieldsSpec;
  cb?: Callback;
}

/** The element and owner a query searches in: a page or a component. */
export interface Scope {
  root: Element;
  owner: Instance | null;
}

let currentScope: () => Scope | null = () => null;

/** The shell tells queries where the current page is. */
export function setDefaultQueryScope(fn: () => Scope | null): void {
  currentScope = fn;
}

/** The element a page (its <wx-page>) or a component (its host) renders into. */
export function elementOf(inst: unknown): Element | null {
  const i = inst as { __host?: Element; __el?: Element } | undefined;
  return i?.__host ?? i?.__el ?? null;
}

function scopeOf(inst: Instance | undefined): Scope | null {
  if (!inst) return currentScope();
  const root = elementOf(inst);
  return root ? { root, owner: inst } : null;
}

export class NodesRef {
  constructor(
    private readonly query: SelectorQuery,
    private readonly selector: string | null,
    private readonly all: boolean,
  ) {}
  private add(fields: FieldsSpec, cb?: Callback): SelectorQuery {
    return this.query.__push({ selector: this.selector, all: this.all, fields, cb });
  }
  boundingClientRect(cb?: Callback): SelectorQuery {
    return this.add({ id: true, dataset: true, rect: true, size: true }, cb);
  }
  scrollOffset(cb?: Callback): SelectorQuery {
    return this.add({ id: true, dataset: true, scrollOffset: true }, cb);
  }
  fields(fields: FieldsSpec, cb?: Callback): SelectorQuery {
    return this.add({ ...fields }, cb);
  }
  node(cb?: Callback): SelectorQuery {
    return this.add({ node: true }, cb);
  }
  context(cb?: Callback): SelectorQuery {
    return this.add({ context: true }, cb);
  }
}

export class SelectorQuery {
  private scopeInstance: Instance | undefined;
  private readonly requests: Request[] = [];
  constructor(scope?: Instance) {
    this.scopeInstance = scope;
  }
  in(component: Instance): SelectorQuery {
    this.scopeInstance = component;
    return this;
  }
  select(selector: string): NodesRef {
    return new NodesRef(this, selector, false);
  }
  selectAll(selector: string): NodesRef {
    return new NodesRef(this, selector, true);
  }
  selectViewport(): NodesRef {
    return new NodesRef(this, null, false);
  }
  __push(r: Request): SelectorQuery {
    this.requests.push(r);
    return this;
  }
  /** Runs the requests after pending renders reach the DOM; results come in request order. */
  exec(cb?: Callback): SelectorQuery {
    const requests = [...this.requests];
    const engine = import('./queryEngine.js');
    requestAnimationFrame(() => {
      void engine.then((m) => {
        const results = m.runQuery(() => scopeOf(this.scopeInstance), requests);
        cb?.(results);
      });
    });
    return this;
  }
}

export function createSelectorQuery(): SelectorQuery {
  return new SelectorQuery();
}
