/**
 * The compiled-template contract: what compiler/wxml emits and runtime/render instantiates.
 *
 * A WXML file compiles to an ES module whose default export is a `TemplateModule`. Nodes are plain
 * objects; every `{{ }}` becomes an arrow function (`Expr`) plus the data paths it reads (`Dep`),
 * computed at compile time. Nothing is evaluated from strings at run time.
 *
 * Fine-grained updates rest on the deps: a `setData` produces a change set (root name → changed
 * sub-paths), and only bindings whose deps meet the change set are re-evaluated. Every subtree
 * also carries `r`, the roots read anywhere inside it, so untouched subtrees (and every row of an
 * untouched list) are skipped without being visited.
 *
 * See docs/template-contract.md for the prose version.
 */

/** Loop variables in scope; nested loops chain scopes through the prototype. */
export type Scope = Record<string, unknown>;
/** The wxs modules visible to the file that defined the template. */
export type WxsTable = Record<string, unknown>;
/** A compiled `{{ }}` expression. `d` is the data (component data or template `data`), `s` the scope. */
export type Expr = (d: any, s: any, w: any) => unknown;
/** A data dependency: root name followed by the static path below it (`a.b[0]` → ['a', 'b', 0]). */
export type Dep = readonly (string | number)[];

export const NodeKind = {
  Text: 0,
  Element: 1,
  If: 2,
  For: 3,
  Template: 4,
  Slot: 5,
} as const;

export interface TextNode {
  k: typeof NodeKind.Text;
  /** Static text (when there is no binding). */
  v?: string;
  e?: Expr;
  d?: Dep[];
  /** 1-based source line of a bound text, for runtime error messages. */
  l?: number;
}

/** [attribute name, expression, deps] */
export type AttrBinding = [string, Expr, Dep[]];
/** [event name, EventFlags, handler method name or expression yielding one, deps of that expression] */
export type EventBinding = [string, number, string | Expr];

export interface ElementNode {
  k: typeof NodeKind.Element;
  /** The WXML tag (`view`, or a custom component's name in usingComponents). */
  t: string;
  /** Static attributes. */
  a?: Record<string, string>;
  /** Bound attributes. */
  b?: AttrBinding[];
  /** Event bindings. */
  on?: EventBinding[];
  c?: TemplateNode[];
  /** Roots read by the bindings of this element's children (not its own attributes). */
  r?: string[];
  /** Two-way bindings (`model:value="{{a.b}}"`): [attribute, setData key it writes back]. */
  m?: [string, string][];
  /** 1-based source line, for runtime error messages. */
  l?: number;
}

/** One branch of wx:if / wx:elif / wx:else: [condition or null for else, deps, children, roots of children]. */
export type IfBranch = [Expr | null, Dep[], TemplateNode[], string[]];

export interface IfNode {
  k: typeof NodeKind.If;
  br: IfBranch[];
  /** Line of the wx:if element. */
  l?: number;
}

export interface ForNode {
  k: typeof NodeKind.For;
  e: Expr;
  d: Dep[];
  /** When the list expression is a plain data path, that path: enables per-row updates. */
  p?: Dep;
  item: string;
  index: string;
  /** wx:key: null (by index), '*this', or a property name of the item. */
  key: string | null;
  c: TemplateNode[];
  /** Roots read by the row template, loop variables included. */
  r: string[];
  /** Line of the wx:for element. */
  l?: number;
}

export interface TemplateCallNode {
  k: typeof NodeKind.Template;
  /** The template name, or an expression yielding it. */
  is: string | Expr;
  /** `data="{{...}}"` as an object expression. */
  data?: Expr;
  d: Dep[];
  /** Line of the <template is> element. */
  l?: number;
}

export interface SlotNode {
  k: typeof NodeKind.Slot;
  name: string;
}

export type TemplateNode = TextNode | ElementNode | IfNode | ForNode | TemplateCallNode | SlotNode;

export interface TemplateDefinition {
  c: TemplateNode[];
  r: string[];
  /** The wxs modules of the file that defined it. */
  w: WxsTable;
  /** The templates visible in the file that defined it: a nested `<template is>` resolves there. */
  t?: Record<string, TemplateDefinition>;
}

export interface TemplateModule {
  /** The file's own content (what a page or component renders). */
  c: TemplateNode[];
  /** Roots read anywhere in the file's content. */
  r: string[];
  /** Templates visible in this file: its own `<template name>` plus those of its `<import>`s. */
  t: Record<string, TemplateDefinition>;
  /** Templates this file defines (what an importer sees). */
  own: Record<string, TemplateDefinition>;
  w: WxsTable;
  /** The source path, relative to the program root, for messages. */
  f: string;
}
