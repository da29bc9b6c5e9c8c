import type { TemplateModule } from '../../common/template.js';
import { Instance, initialData } from './instance.js';
import { recordDefinition, type Definition } from './registry.js';

/** `Page({...})`: records the page definition of the file being evaluated. */
export function Page(options: Record<string, any>): void {
  recordDefinition('Page', options ?? {});
}

/** One open page. Fields of the Page object become fields of the instance, as in WeChat. */
export class PageInstance extends Instance {
  readonly route: string;
  options: Record<string, string>;
  readonly __template: TemplateModule;
  readonly __id: number;

  constructor(route: string, def: Definition, template: TemplateModule, query: Record<string, string>, id: number) {
    super(`page ${route}`, initialData(def.options.data));
    this.route = route;
    this.options = query;
    this.__template = template;
    this.__id = id;
    for (const key of Object.keys(def.options)) {
      if (key === 'data') continue;
      if (key in this) continue; // never let user fields shadow setData, route, …
      (this as any)[key] = def.options[key];
    }
  }

  getPageId(): string {
    return `pageId:${this.__id}`;
  }
}
