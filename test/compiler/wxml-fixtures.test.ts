/**
 * WXML fixtures: each folder under test/fixtures/wxml holds input.wxml and the expected
 * output.js and/or diagnostics.txt. `UPDATE_FIXTURES=1 npx vitest run test/compiler` rewrites
 * the expectations; review the diff before committing it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWxml } from '../../compiler/wxml/index.js';
import { formatDiagnostic } from '../../compiler/diagnostics.js';
import { isBuiltinTag, TEMPLATE_ONLY_TAGS } from '../../common/builtins.js';
import { isKnownAttribute } from '../../common/builtinAttributes.js';

/** A fixture's options.json: the custom components its file may use; whether attributes are checked. */
interface FixtureOptions {
  knownTags?: string[];
  checkAttributes?: boolean;
}

const ROOT = path.resolve(import.meta.dirname, '../fixtures/wxml');
const update = process.env.UPDATE_FIXTURES === '1';

describe('WXML fixtures', () => {
  for (const name of readdirSync(ROOT).sort()) {
    const dir = path.join(ROOT, name);
    it(name, () => {
      const source = readFileSync(path.join(dir, 'input.wxml'), 'utf8');
      const optionsFile = path.join(dir, 'options.json');
      const opts: FixtureOptions = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
      const result = compileWxml(source, {
        knownTag: opts.knownTags ? (tag) => isBuiltinTag(tag) || TEMPLATE_ONLY_TAGS.includes(tag) || opts.knownTags!.includes(tag) : undefined,
        knownAttribute: opts.checkAttributes ? isKnownAttribute : undefined,
        file: `${name}/input.wxml`,
        resolve: (src) => (src.includes('missing') ? null : `./${src.replace(/^\//, '')}`),
        readInclude: (src) => {
          const f = path.join(dir, src);
          return existsSync(f) ? { source: readFileSync(f, 'utf8'), file: `${name}/${src}` } : null;
        },
      });
      const diagnostics = result.diagnostics.map(formatDiagnostic).join('\n\n');
      const outFile = path.join(dir, 'output.js');
      const diagFile = path.join(dir, 'diagnostics.txt');
      if (update) {
        writeFileSync(outFile, result.code + '\n');
        if (diagnostics) writeFileSync(diagFile, diagnostics + '\n');
        return;
      }
      expect(result.code + '\n').toBe(readFileSync(outFile, 'utf8'));
      expect(diagnostics ? diagnostics + '\n' : '').toBe(existsSync(diagFile) ? readFileSync(diagFile, 'utf8') : '');
    });
  }
});
