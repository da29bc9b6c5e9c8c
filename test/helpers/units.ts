/**
 * Builds pages and components from WXML strings and definition objects (compiled by the real
 * WXML compiler), and mounts a page the way the router does, for runtime unit tests.
 */
import { componentPrefix } from '../../compiler/wxss/scope.js';
import type { UnitModule } from '../../runtime/core/unit.js';
import { PageInstance } from '../../runtime/core/page.js';
import { flushAll } from '../../runtime/core/scheduler.js';
import '../../runtime/core/component.js';
import { loadTemplate } from './template.js';

export interface UnitSpec {
  wxml: string;
  options: Record<string, any>;
  using?: Record<string, UnitModule>;
  config?: Record<string, any>;
  via?: 'Page' | 'Component';
}

export async function component(path: string, spec: UnitSpec): Promise<UnitModule> {
  return {
    path,
    kind: 'component',
    template: await loadTemplate(spec.wxml, `${path}.wxml`),
    config: spec.config ?? { component: true },
    using: spec.using ?? {},
    prefix: componentPrefix(path),
    def: { kind: 'component', via: 'Component', options: spec.options },
  };
}

export async function page(path: string, spec: UnitSpec): Promise<UnitModule> {
  return {
    path,
    kind: 'page',
    template: await loadTemplate(spec.wxml, `${path}.wxml`),
    config: spec.config ?? {},
    using: spec.using ?? {},
    prefix: '',
    def: { kind: 'page', via: spec.via ?? 'Page', options: spec.options },
  };
}

let ids = 1;

/** Opens a page as the router does: render, attach, onLoad, onShow, then ready and onReady. */
export async function openPage(mod: UnitModule, query: Record<string, string> = {}): Promise<PageInstance> {
  const p = new PageInstance(mod, query, ids++);
  const el = document.createElement('wx-page');
  p.__el = el;
  p.__render(mod.template).mount(el);
  document.body.replaceChildren(el);
  p.__attachTree();
  p.__hook('onLoad', query);
  p.__pageLifetime('show');
  p.__hook('onShow');
  flushAll();
  await Promise.resolve();
  p.__readyTree();
  p.__hook('onReady');
  flushAll();
  return p;
}

export async function settle(): Promise<void> {
  flushAll();
  await Promise.resolve();
  flushAll();
}
