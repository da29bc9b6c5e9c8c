/**
 * wx2tg/runtime: what a converted mini-program imports. Importing it installs the globals a
 * mini-program expects (`wx`, `App`, `Page`, `Component`, `Behavior`, `getApp`,
 * `getCurrentPages`, `requirePlugin`) and exports the start-up and module-definition hooks the
 * compiled bundle calls. Built-in components register when their module is imported: a build
 * imports the ones its program uses (runtime/components/index.js has them all).
 */
import './core/component.js';
import { App, getApp } from './core/app.js';
import { Behavior } from './core/definition.js';
import { Page } from './core/page.js';
import { enterModule, recordDefinition } from './core/registry.js';
import { getCurrentPages } from './api/route.js';
import { wx } from './api/index.js';
import { getLaunchOptionsSync } from './shell/start.js';

export { startApp } from './shell/start.js';
export { enterModule } from './core/registry.js';
export { encodeStartParam, decodeStartParam } from './shell/startParam.js';
export { flushAll } from './core/scheduler.js';
export { domOps } from './render/domOps.js';

export function Component(options: Record<string, any>): void {
  recordDefinition('Component', options ?? {});
}

export function requirePlugin(name: string): never {
  throw new Error(`requirePlugin("${name}"): mini-program plugins are not supported on Telegram`);
}

wx.getLaunchOptionsSync = getLaunchOptionsSync;
wx.getEnterOptionsSync = getLaunchOptionsSync;

export { defineUnitModule } from './core/unit.js';

const g = globalThis as Record<string, unknown>;
// WeChat's JS environment has a `global` object that programs write to (`global.x = …`).
if (!('global' in g)) g.global = g;
Object.assign(g, { wx, App, Page, Component, Behavior, getApp, getCurrentPages, requirePlugin });

export { wx, App, Page, Behavior, getApp, getCurrentPages };
