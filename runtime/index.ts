/**
 * wx2tg/runtime: what a converted mini-program imports. Importing it installs the globals a
 * mini-program expects (`wx`, `App`, `Page`, `Component`, `Behavior`, `getApp`,
 * `getCurrentPages`, `requirePlugin`), registers the built-in components, and exports the
 * start-up and module-definition hooks the compiled bundle calls.
 */
import './components/index.js';
import type { TemplateModule } from '../common/template.js';
import { App, getApp } from './core/app.js';
import { Page } from './core/page.js';
import { enterModule, recordDefinition, takeDefinition } from './core/registry.js';
import { getCurrentPages } from './api/route.js';
import { wx } from './api/index.js';
import type { PageModule } from './shell/router.js';
import type { WindowConfig } from './shell/page-frame.js';
import { getLaunchOptionsSync } from './shell/start.js';

export { startApp } from './shell/start.js';
export { enterModule } from './core/registry.js';
export { encodeStartParam, decodeStartParam } from './shell/startParam.js';
export { flushAll } from './core/scheduler.js';
export { domOps } from './render/domOps.js';

export function Component(options: Record<string, any>): void {
  recordDefinition('Component', options ?? {});
}

export function Behavior<T extends Record<string, any>>(options: T): T {
  return options;
}

export function requirePlugin(name: string): never {
  throw new Error(`requirePlugin("${name}"): mini-program plugins are not supported on Telegram`);
}

wx.getLaunchOptionsSync = getLaunchOptionsSync;
wx.getEnterOptionsSync = getLaunchOptionsSync;

/** Called by the compiled page module once the page's script has run. */
export function definePageModule(path: string, template: TemplateModule, config: WindowConfig & Record<string, unknown>): PageModule {
  return { path, template, config, def: takeDefinition(path) };
}

const g = globalThis as Record<string, unknown>;
Object.assign(g, { wx, App, Page, Component, Behavior, getApp, getCurrentPages, requirePlugin });

export { wx, App, Page, getApp, getCurrentPages, enterModule as __enterModule };
