/**
 * WXSS fixtures, one folder per plugin concern under test/fixtures/project/wxss: input.wxss (and
 * the files it imports), options.json with the style scope, and the expected output.css and
 * diagnostics.txt. Imports resolve from the folder, which stands for the program root.
 * `UPDATE_FIXTURES=1 npx vitest run test/compiler/project-wxss.test.ts` rewrites the
 * expectations; review the diff before committing it.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWxss, type StyleScope } from '../../compiler/wxss/index.js';
import { formatDiagnostic } from '../../compiler/diagnostics.js';

const ROOT = path.resolve(import.meta.dirname, '../fixtures/project/wxss');
const update = process.env.UPDATE_FIXTURES === '1';

describe('WXSS fixtures', () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(name, () => {
      const dir = path.join(ROOT, name);
      const input = path.join(dir, 'input.wxss');
      const { scope } = JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as { scope: StyleScope };
      const result = compileWxss(readFileSync(input, 'utf8'), input, dir, scope);
      const diagnostics = result.diagnostics.map((d) => formatDiagnostic({ ...d, file: path.relative(dir, d.file) })).join('\n\n');
      const outFile = path.join(dir, 'output.css');
      const diagFile = path.join(dir, 'diagnostics.txt');
      if (update) {
        writeFileSync(outFile, result.css + '\n');
        if (diagnostics) writeFileSync(diagFile, diagnostics + '\n');
        else rmSync(diagFile, { force: true });
      }
      expect(result.css + '\n').toBe(readFileSync(outFile, 'utf8'));
      expect(diagnostics ? diagnostics + '\n' : '').toBe(existsSync(diagFile) ? readFileSync(diagFile, 'utf8') : '');
    });
  }
});
