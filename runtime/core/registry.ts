/**
 * Which module is being defined. The compiled bundle evaluates, for each page and component,
 * a tiny module that names the file before the user's script runs, so `Page({...})` and
 * `Component({...})` know which file they belong to without rewriting user code.
 */
export type ModuleKind = 'app' | 'page' | 'component';

export interface Definition {
  kind: 'page' | 'component';
  /** Set when the definition came from `Page()`, `Component()` otherwise. */
  via: 'Page' | 'Component';
  options: Record<string, any>;
}

let current: { path: string; kind: ModuleKind } | null = null;
const definitions = new Map<string, Definition>();

export function enterModule(path: string, kind: ModuleKind): void {
  current = { path, kind };
}

export function currentModule(): { path: string; kind: ModuleKind } | null {
  return current;
}

export function recordDefinition(via: 'Page' | 'Component', options: Record<string, any>): void {
  if (!current || current.kind === 'app') {
    throw new Error(`${via}() was called outside a page or component file`);
  }
  definitions.set(current.path, { kind: current.kind, via, options });
}

export function takeDefinition(path: string): Definition | undefined {
  return definitions.get(path);
}
