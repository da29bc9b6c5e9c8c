import type { TemplateModule } from '../../common/template.js';
import type { NormalizedDefinition } from './definition.js';
import { takeDefinition, type Definition } from './registry.js';

/** A compiled page or component: its template, json, the components it uses and its script's definition. */
export interface UnitModule {
  path: string;
  kind: 'page' | 'component';
  template: TemplateModule;
  config: Record<string, any>;
  /** tag → module (read lazily: recursive components import each other). */
  using: Record<string, UnitModule>;
  /** Class prefix for component style scoping ('' for pages). */
  prefix: string;
  /**
   * json `componentGenerics`: each declared generic name → its default component (`{"default": …}`),
   * or null when it has none (the host must then choose one with `generic:<name>="tag"`).
   * Read lazily, like `using`. Always set by defineUnitModule; optional only for hand-built modules.
   */
  generics?: Record<string, UnitModule | null>;
  def: Definition | undefined;
  /** The merged definition, computed on first use. */
  normalized?: NormalizedDefinition;
}

/** Called by each compiled page/component module once its script has run. */
export function defineUnitModule(
  path: string,
  kind: 'page' | 'component',
  template: TemplateModule,
  config: Record<string, any>,
  using: Record<string, UnitModule>,
  prefix: string,
  generics: Record<string, UnitModule | null> = {},
): UnitModule {
  return { path, kind, template, config, using, prefix, generics, def: takeDefinition(path) };
}
