/**
 * The two tables wx answers from synchronously: the documented methods it lacks (each gets a
 * stub that fails the WeChat way) and the built-in components' working attributes (wx.canIUse).
 * As published, the runtime has both at start. A build of a mini-program replaces this module
 * (compiler/vite/apiTables.ts): the program's entry hands startApp the part its code names
 * (every method name and component name that occurs in a script of the bundle), and the rest
 * loads after the first page (apiTablesAll.ts), so that the first download does not carry them.
 */
import { WORKS } from '../../common/builtinAttributes.js';
import { UNSUPPORTED_METHODS } from '../../common/unsupportedNames.js';

export interface ApiTables {
  /** Unsupported method names, separated by white space. */
  names: string;
  /** Component → its working attributes, in common/builtinAttributes.ts's grammar. */
  works: Readonly<Record<string, string>>;
}

/** Everything, at start (null when a build replaced this module). */
export const TABLES_AT_START: ApiTables | null = { names: UNSUPPORTED_METHODS, works: WORKS };

/** The complete tables, loaded on demand (null when they are there at start). */
export const loadAllTables: (() => Promise<ApiTables>) | null = null;
