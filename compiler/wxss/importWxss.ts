import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import postcss, { type Root } from 'postcss';
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import { terminateImports } from './index.js';

/**
 * Inlines `@import "x.wxss";` (relative to the importing file, or `/`-absolute from the program
 * root; the extension may be left out). A file imported twice on one chain is a cycle: reported,
 * not followed.
 */
export function inlineImports(root: Root, file: string, programRoot: string, diagnostics: Diagnostic[], chain: string[] = [file]): void {
  root.walkAtRules('import', (rule) => {
    const spec = rule.params.trim().replace(/^url\((.*)\)$/, '$1').replace(/^['"]|['"]$/g, '');
    if (/^(https?:)?\/\//.test(spec)) return; // remote CSS stays an @import
    const base = spec.startsWith('/') ? path.join(programRoot, spec) : path.resolve(path.dirname(file), spec);
    // Only files: `@import ""` or `@import "."` names a folder, which is no stylesheet.
    const target = spec ? [base, base + '.wxss', base + '.css'].find(isFile) : undefined;
    const source = root.source?.input.css ?? '';
    const at = rule.source?.start?.offset;
    if (!target) {
      diagnostics.push(makeDiagnostic('WX3002', [spec], file, source, at));
      rule.remove();
      return;
    }
    if (chain.includes(target)) {
      diagnostics.push(makeDiagnostic('WX3003', [[...chain, target].map((f) => path.relative(programRoot, f)).join(' → ')], file, source, at));
      rule.remove();
      return;
    }
    const css = terminateImports(readFileSync(target, 'utf8'));
    let child: Root;
    try {
      child = postcss.parse(css, { from: target });
    } catch (e) {
      const err = e as { reason?: string; line?: number; column?: number; message: string };
      diagnostics.push(makeDiagnostic('WX3001', [err.reason ?? err.message], target, css, offsetOf(css, err.line, err.column)));
      rule.remove();
      return;
    }
    inlineImports(child, target, programRoot, diagnostics, [...chain, target]);
    rule.replaceWith(child.nodes);
  });
}

function isFile(f: string): boolean {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

export function offsetOf(source: string, line?: number, column?: number): number | undefined {
  if (!line) return undefined;
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = source.indexOf('\n', offset);
    if (nl < 0) return source.length;
    offset = nl + 1;
  }
  return offset + (column ?? 1) - 1;
}
