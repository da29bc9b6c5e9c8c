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
): UnitModule {
  return { path, kind, template, config, using, prefix, def: takeDefinition(path) };
}
