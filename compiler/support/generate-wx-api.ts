/** `npm run gen:api`: regenerates common/wx-api.ts from the installed miniprogram-api-typings. */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../vite/index.js';
import { readWxMembers, renderWxApiModule } from './typings.js';

const require = createRequire(import.meta.url);
const pkgJson = require.resolve('miniprogram-api-typings/package.json');
const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
const members = readWxMembers(path.join(path.dirname(pkgJson), 'types/wx/lib.wx.api.d.ts'));
writeFileSync(path.join(PACKAGE_ROOT, 'common/wx-api.ts'), renderWxApiModule(members, version));
console.log(`common/wx-api.ts: ${members.filter((m) => m.kind === 'method').length} methods, ${members.filter((m) => m.kind === 'property').length} properties (typings ${version})`);
