/**
 * Compiler plugins a program declares in project.config.json (`setting.useCompilerPlugins`):
 * with "less" or "sass", a page's or component's .less / .scss / .sass file stands where its
 * .wxss would, and is compiled with the well-kept library for it (less, sass); the result then
 * goes through the WXSS pipeline like any stylesheet.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';

const require = createRequire(import.meta.url);

export const STYLE_PLUGIN_EXTS: Record<string, string[]> = { less: ['.less'], sass: ['.scss', '.sass'] };

/** The CSS of a style file: .wxss as is, .less/.scss/.sass compiled. */
export function readStyleSource(file: string, diagnostics: Diagnostic[]): string {
  const raw = readFileSync(file, 'utf8');
  const ext = path.extname(file);
  // `@import "/common.wxss"` in a .less/.scss file names WXSS, which less and sass cannot read:
  // as a plain CSS import it passes through them, and the WXSS step inlines it.
  const source = ext === '.wxss' ? raw : raw.replace(/@import\s+(['"])([^'"\n]+\.wxss)\1/g, '@import url("$2")');
  if (ext === '.less') {
    const less = require('less') as { render(src: string, opts: object, cb: (err: any, out?: { css: string }) => void): void };
    let css = '';
    less.render(source, { filename: file, syncImport: true, javascriptEnabled: false, math: 'parens-division' }, (err, out) => {
      if (err) {
        const at = typeof err.index === 'number' ? err.index : undefined;
        diagnostics.push(makeDiagnostic('WX3001', [`less: ${err.message}`], err.filename && err.filename !== 'input' ? err.filename : file, err.filename && err.filename !== file ? readFileSync(err.filename, 'utf8') : source, at));
      } else css = out?.css ?? '';
    });
    return css;
  }
  if (ext === '.scss' || ext === '.sass') {
    const sass = require('sass') as { compileString(src: string, opts: object): { css: string } };
    try {
      return sass.compileString(source, { syntax: ext === '.sass' ? 'indented' : 'scss', url: new URL(`file://${file}`), loadPaths: [path.dirname(file)] }).css;
    } catch (e) {
      const err = e as { message: string; span?: { start?: { offset: number }; url?: URL } };
      const spanFile = err.span?.url ? err.span.url.pathname : file;
      diagnostics.push(makeDiagnostic('WX3001', [`sass: ${err.message.split('\n')[0]}`], spanFile, spanFile === file ? source : readFileSync(spanFile, 'utf8'), err.span?.start?.offset));
      return '';
    }
  }
  return source;
}
