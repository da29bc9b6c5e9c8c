/**
 * Built-in components. Each renders as a light-DOM element `wx-<tag>` (so WXSS tag selectors map
 * one to one) and may give some attributes behaviour of its own.
 */
export interface BuiltinComponent {
  /** Called once when an element of this tag is created (inner structure, listeners). */
  create?(el: HTMLElement): void;
  /** Applies an attribute; returns false to fall back to plain reflection. */
  set(el: HTMLElement, name: string, value: unknown): boolean;
  /**
   * Attributes to apply again whenever their binding is set, even to an unchanged value
   * (scroll-view's refresher-triggered: WeChat programs set `false` again to end a refresh).
   */
  alwaysSet?: readonly string[];
}

const registry = new Map<string, BuiltinComponent>();

export function defineBuiltin(tag: string, impl: BuiltinComponent): void {
  registry.set(tag, impl);
}

export function builtinFor(tag: string): BuiltinComponent | undefined {
  return registry.get(tag);
}
