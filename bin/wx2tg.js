#!/usr/bin/env node
// The wx2tg command. The TypeScript sources compile to dist/ on `npm install` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/compiler/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('wx2tg: dist/ is missing; run `npm run build` in the wx2tg package first.');
  process.exit(1);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
