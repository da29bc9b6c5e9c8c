/** The complete tables of apiTables.ts, as a lazy chunk for builds that ship only part of them at start. */
import { WORKS } from '../../common/builtinAttributes.js';
import { UNSUPPORTED_METHODS } from '../../common/unsupportedNames.js';
import type { ApiTables } from './apiTables.js';

export const ALL_TABLES: ApiTables = { names: UNSUPPORTED_METHODS, works: WORKS };
