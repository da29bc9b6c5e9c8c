/**
 * Compiles WXML with the real compiler and evaluates the module, for runtime unit tests.
 * (Test-only: single-file templates have no imports, so the module body can be run directly.)
 */
import { compileWxml } from '../../compiler/wxml/index.js';
import type { TemplateModule } from '../../common/template.js';

export async function loadTemplate(source: string, file = 'test.wxml'): Promise<TemplateModule> {
  const result = compileWxml(source, { file, resolve: () => null, readInclude: () => null });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  if (/^import /m.test(result.code)) throw new Error('loadTemplate handles single-file templates only');
  return new Function(result.code.replace('export default ', 'return '))() as TemplateModule;
}
