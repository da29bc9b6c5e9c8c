/**
 * wx2tg/testing: run unit tests written for miniprogram-simulate against the wx2tg runtime.
 *
 *   const simulate = require('wx2tg/testing')   // or import * as simulate from 'wx2tg/testing'
 *   const id = simulate.load('/abs/path/components/stepper/index')
 *   const comp = simulate.render(id, { value: 2 })
 *   comp.attach(document.createElement('parent-wrapper'))
 *   comp.querySelector('.plus').dispatchEvent('tap')
 *   await simulate.sleep(10)
 *   expect(comp.instance.data.value).toBe(3)
 *
 * Runs in a DOM test environment (jsdom or happy-dom) under Node: WXML and WXSS go through the
 * real wx2tg compiler, the component's script runs through Node's require (CommonJS), and the
 * runtime renders as it does in the browser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { compileWxml } from '../compiler/wxml/index.js';
import { compileWxss, componentPrefix } from '../compiler/wxss/index.js';
import { compileWxsFile } from '../compiler/wxs/index.js';
import { resolveComponentPath } from '../compiler/project/index.js';
import { resolveTemplateSrc } from '../compiler/compile.js';
import { formatDiagnostic } from '../compiler/diagnostics.js';
import type { TemplateModule } from '../common/template.js';
import '../runtime/index.js';
import '../runtime/components/index.js';
import { enterModule, takeDefinition } from '../runtime/core/registry.js';
import { ComponentInstance, flushReady } from '../runtime/core/component.js';
import { Instance } from '../runtime/core/instance.js';
import { flushAll } from '../runtime/core/scheduler.js';
import type { UnitModule } from '../runtime/core/unit.js';
import { COMPONENT, nodeData, OWNER } from '../runtime/render/attrs.js';
import { dispatchWxEvent, setHandlerInvoker } from '../runtime/render/events.js';
import { invokeHandler } from '../runtime/render/invoke.js';

setHandlerInvoker(invokeHandler);

const units = new Map<string, UnitModule>();
let nextId = 1;

/**
 * Evaluates a compiled module (ours: only `import x from "spec"` lines and `export default`).
 * Test-time only; the browser runtime never evaluates strings.
 */
function evaluateModule(code: string, load: (spec: string) => unknown): unknown {
  const body = code
    .replace(/^import (\$\w+) from ("[^"]*");$/gm, (_, local: string, spec: string) => `const ${local} = __load(${spec});`)
    .replace(/^export default /m, 'return ');
  return new Function('__load', body)(load);
}

function loadWxs(file: string, root: string): unknown {
  const result = compileWxsFile(readFileSync(file, 'utf8'), path.relative(root, file), (spec) => resolveTemplateSrc(spec, file, root, '.wxs'));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map(formatDiagnostic).join('\n\n'));
  return evaluateModule(result.code, (spec) => loadWxs(spec, root));
}

function loadTemplateFile(file: string, root: string): TemplateModule {
  const source = readFileSync(file, 'utf8');
  const result = compileWxml(source, {
    file: path.relative(root, file),
    resolve: (src, kind) => resolveTemplateSrc(src, file, root, kind === 'wxml' ? '.wxml' : '.wxs'),
    readInclude: (src) => {
      const f = resolveTemplateSrc(src, file, root, '.wxml');
      return f ? { source: readFileSync(f, 'utf8'), file: path.relative(root, f) } : null;
    },
  });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map(formatDiagnostic).join('\n\n'));
  return evaluateModule(result.code, (spec) => (spec.endsWith('.wxs') ? loadWxs(spec, root) : loadTemplateFile(spec, root))) as TemplateModule;
}

function compileTemplateString(template: string, name: string): TemplateModule {
  const result = compileWxml(template, { file: `${name}.wxml`, resolve: () => null, readInclude: () => null });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map(formatDiagnostic).join('\n\n'));
  return evaluateModule(result.code, () => undefined) as TemplateModule;
}

function injectStyle(css: string): void {
  if (!css.trim() || typeof document === 'undefined') return;
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
}

export interface LoadOptions {
  /** The program root, for `/`-absolute paths (default: the folder above the component's folder). */
  rootPath?: string;
}

export interface InlineDefinition extends Record<string, unknown> {
  id?: string;
  tagName?: string;
  template: string;
  usingComponents?: Record<string, string>;
}

/**
 * Registers a component and returns its id: from its path (without extension), as
 * miniprogram-simulate's load(path) does, or from an inline definition with a `template`.
 */
export function load(definition: string | InlineDefinition, tagName?: string, options: LoadOptions = {}): string {
  if (typeof definition !== 'string') {
    const id = definition.id ?? `inline-${nextId++}`;
    const { template, usingComponents, tagName: _t, id: _i, ...rest } = definition;
    const using: Record<string, UnitModule> = {};
    for (const [tag, ref] of Object.entries(usingComponents ?? {})) {
      const dep = units.get(ref);
      if (!dep) throw new Error(`wx2tg/testing: usingComponents["${tag}"] = "${ref}" is not a loaded component id`);
      Object.defineProperty(using, tag, { get: () => dep, enumerable: true });
    }
    units.set(id, {
      path: id,
      kind: 'component',
      template: compileTemplateString(template, id),
      config: { component: true },
      using,
      prefix: componentPrefix(id),
      def: { kind: 'component', via: 'Component', options: rest },
    });
    return id;
  }
  const base = definition.replace(/\.(js|ts|wxml|json|wxss)$/, '');
  const root = path.resolve(options.rootPath ?? path.dirname(path.dirname(base)));
  return loadFromPath(path.resolve(base), root, tagName);
}

function loadFromPath(base: string, root: string, tagName?: string): string {
  const id = path.relative(root, base).split(path.sep).join('/');
  if (units.has(id)) return id;
  const jsonFile = base + '.json';
  const config = existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, any>) : { component: true };
  const using: Record<string, UnitModule> = {};
  const mod: UnitModule = {
    path: id,
    kind: 'component',
    template: { c: [], r: [], t: {}, own: {}, w: {}, f: id },
    config,
    using,
    prefix: componentPrefix(id),
    def: undefined,
  };
  units.set(id, mod); // before dependencies, so that recursive components resolve
  for (const [tag, spec] of Object.entries((config.usingComponents ?? {}) as Record<string, string>)) {
    const resolved = resolveComponentPath(spec, path.dirname(base), root);
    if (!resolved) throw new Error(`wx2tg/testing: cannot find component "${spec}" used in ${jsonFile}`);
    const depId = loadFromPath(path.join(root, resolved), root);
    Object.defineProperty(using, tag.toLowerCase(), { get: () => units.get(depId)!, enumerable: true });
  }
  mod.template = loadTemplateFile(base + '.wxml', root);
  if (existsSync(base + '.wxss')) {
    const { css } = compileWxss(readFileSync(base + '.wxss', 'utf8'), base + '.wxss', root, { kind: 'component', prefix: mod.prefix });
    injectStyle(css);
  }
  const script = existsSync(base + '.js') ? base + '.js' : null;
  if (!script) throw new Error(`wx2tg/testing: ${base}.js not found (TypeScript components must be compiled first)`);
  enterModule(id, 'component');
  runScript(script);
  mod.def = takeDefinition(id);
  void tagName;
  return id;
}

/**
 * Runs a component script as WeChat does: a CommonJS module (whatever the package's "type"),
 * with require() resolving relative to the file.
 */
function runScript(file: string): void {
  const req = createRequire(file);
  const module = { exports: {} as unknown };
  const fn = new Function('module', 'exports', 'require', '__filename', '__dirname', readFileSync(file, 'utf8'));
  fn(module, module.exports, req, file, path.dirname(file));
}

/** The page-like owner a rendered component lives in during a test. */
class TestRoot extends Instance {
  constructor() {
    super('test root', {});
  }
}

export interface RenderedNode {
  dom: Element;
  instance?: any;
  querySelector(selector: string): RenderedNode | null;
  querySelectorAll(selector: string): RenderedNode[];
  dispatchEvent(name: string, options?: { detail?: unknown; touches?: unknown[]; changedTouches?: unknown[]; bubbles?: boolean; composed?: boolean; capturePhase?: boolean }): void;
  addEventListener(name: string, handler: (event: any) => void): void;
  removeEventListener(name: string, handler: (event: any) => void): void;
  toJSON(): unknown;
}

export interface RenderedComponent extends RenderedNode {
  instance: any;
  attach(parent: Element): void;
  detach(): void;
  setData(data: Record<string, unknown>, callback?: () => void): void;
  triggerLifeTime(name: string, ...args: unknown[]): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
}

function mapSelector(selector: string, scope: Instance): string {
  return selector.replace(/\.(-?[_a-zA-Z][\w-]*)/g, (_, c: string) => '.' + (scope.__mapClass(c).split(' ')[0] || c));
}

function wrap(el: Element, scope: Instance, root: TestRoot): RenderedNode {
  const comp = (el as any)[COMPONENT] as ComponentInstance | undefined;
  const listeners = new Map<(event: any) => void, string>();
  const node: RenderedNode = {
    dom: el,
    instance: comp,
    querySelector(selector) {
      const inner = comp ?? scope;
      const found = [...el.querySelectorAll(mapSelector(selector, inner))].find((n) => (n as any)[OWNER] === inner);
      return found ? wrap(found, inner, root) : null;
    },
    querySelectorAll(selector) {
      const inner = comp ?? scope;
      return [...el.querySelectorAll(mapSelector(selector, inner))].filter((n) => (n as any)[OWNER] === inner).map((n) => wrap(n, inner, root));
    },
    dispatchEvent(name, options = {}) {
      dispatchWxEvent(el, name, options.detail ?? {}, {
        touches: options.touches as never,
        changedTouches: options.changedTouches as never,
        bubbles: options.bubbles,
        composed: options.composed,
        capturePhase: options.capturePhase,
      });
      flushAll();
    },
    addEventListener(name, handler) {
      const key = `__test_${name}_${nextId++}`;
      (root as any)[key] = handler;
      listeners.set(handler, key);
      const data = nodeData(el);
      (data.on ??= []).push([name, 0, key]);
      data.scope ??= { ts: { d: {}, w: {}, owner: root, tpl: { c: [], r: [], t: {}, own: {}, w: {}, f: 'test' } }, s: null };
    },
    removeEventListener(name, handler) {
      const key = listeners.get(handler);
      const data = nodeData(el);
      if (key && data.on) data.on = data.on.filter((b) => !(b[0] === name && b[2] === key));
    },
    toJSON() {
      return toJSON(el);
    },
  };
  return node;
}

function toJSON(node: Node): unknown {
  if (node.nodeType === 3) return (node as Text).data;
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  const tagName = el.tagName.toLowerCase().replace(/^wx-/, '');
  if (tagName === 'slot') return [...el.childNodes].map(toJSON).filter((c) => c !== null);
  const attrs = [...el.attributes].map((a) => ({ name: a.name, value: a.value }));
  const children = [...el.childNodes].flatMap((c) => {
    const j = toJSON(c);
    return Array.isArray(j) ? j : j === null ? [] : [j];
  });
  return { tagName, attrs, children };
}

/** Creates an instance of a loaded component with the given properties (not yet attached). */
export function render(id: string, properties: Record<string, unknown> = {}): RenderedComponent {
  const mod = units.get(id);
  if (!mod) throw new Error(`wx2tg/testing: no component "${id}" was loaded`);
  const root = new TestRoot();
  const host = document.createElement(mod.path.split('/').pop() || 'main');
  (host as any)[OWNER] = root;
  const instance = new ComponentInstance(mod, host, root);
  (host as any)[COMPONENT] = instance;
  for (const [k, v] of Object.entries(properties)) instance.setProperty(k, v);
  instance.flushProperties();
  flushAll();
  const base = wrap(host, root, root);
  return {
    ...base,
    instance,
    attach(parent: Element) {
      parent.appendChild(host);
      root.__attached = true;
      instance.__attachTree();
      flushAll();
      flushReady();
    },
    detach() {
      instance.__detachTree();
      host.remove();
    },
    setData(data, callback) {
      instance.setData(data, callback);
      flushAll();
    },
    triggerLifeTime(name, ...args) {
      instance.__lifetime(name, ...args);
      flushAll();
    },
    triggerPageLifeTime(name, ...args) {
      instance.__pageLifetime(name, ...args);
      flushAll();
    },
  };
}

/** Waits, letting pending renders and timers run (tests written for simulate await this). */
export function sleep(ms = 0): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(() => {
      flushAll();
      resolve();
    }, ms),
  );
}

/** Compares rendered DOM with an HTML string, ignoring whitespace between tags and wx- prefixes. */
export function match(dom: Element, html: string): boolean {
  const norm = (s: string): string =>
    s
      .replace(/<(\/?)wx-/g, '<$1')
      .replace(/\s+class="[^"]*"/g, '')
      .replace(/>\s+</g, '><')
      .trim();
  return norm(dom.outerHTML) === norm(html);
}

/** Scrolls a scrollable node (or the window) to `destOffset` in `times` steps. */
export function scroll(node: RenderedNode, destOffset = 0, times = 20, propName: 'scrollTop' | 'scrollLeft' = 'scrollTop'): void {
  const el = node.dom as HTMLElement;
  const start = el[propName];
  for (let i = 1; i <= times; i++) {
    el[propName] = start + ((destOffset - start) * i) / times;
    dispatchWxEvent(el, 'scroll', { [propName]: el[propName] });
  }
  flushAll();
}
