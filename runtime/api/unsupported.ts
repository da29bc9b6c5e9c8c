/**
 * Every wx method WeChat documents that wx2tg does not implement still exists, and fails the
 * way WeChat reports failures: asynchronous ones through fail/complete and a rejected Promise
 * with "<name>:fail not supported on Telegram", synchronous ones and factories by throwing an
 * Error with that message. Event subscriptions (onXxx/offXxx) accept a listener that will never
 * be called, and say so once in the console. Nothing pretends to succeed.
 */
import { UNSUPPORTED_PARAMS, UNSUPPORTED_REASON } from '../../common/support.js';
import { addComponents, canUseIn, type ComponentTable } from '../../common/componentTable.js';
import { loadAllTables, type ApiTables } from './apiTables.js';
import { asyncApi, ApiFail } from './callback.js';

const warned = new Set<string>();

function unsupported(name: string): (...args: any[]) => unknown {
  const message = `${name}:fail ${UNSUPPORTED_REASON}`;
  if (/Sync$/.test(name) || /^create/.test(name) || /^get\w*Manager$/.test(name) || name === 'getFileSystemManager') {
    return () => {
      throw new Error(message);
    };
  }
  if (/^(on|off)[A-Z]/.test(name)) {
    return () => {
      if (!warned.has(name)) {
        warned.add(name);
        console.warn(`[wx2tg] wx.${name}: ${UNSUPPORTED_REASON}; the listener will not be called`);
      }
    };
  }
  return asyncApi(name, () => {
    throw new ApiFail(UNSUPPORTED_REASON);
  }) as (...args: any[]) => unknown;
}

/** Adds the documented methods `wx` lacks (common/unsupportedNames.ts); returns their names. */
export function fillUnsupported(wx: Record<string, unknown>, names: string): string[] {
  const added: string[] = [];
  for (const name of names.trim().split(/\s+/)) {
    if (!name || name in wx) continue;
    wx[name] = unsupported(name);
    (wx[name] as { __wx2tgUnsupported?: boolean }).__wx2tgUnsupported = true;
    added.push(name);
  }
  return added;
}

const components: ComponentTable = new Map();

/** Learns (part of) the tables of apiTables.ts: the stubs, and the components wx.canIUse knows. */
export function useApiTables(wx: Record<string, unknown>, tables: ApiTables): void {
  fillUnsupported(wx, tables.names);
  addComponents(components, tables.works);
}

/** A build that shipped part of the tables at start: the rest, once the first page is up. */
export function completeApiTables(wx: Record<string, unknown>): Promise<void> {
  return loadAllTables ? loadAllTables().then((t) => useApiTables(wx, t)) : Promise.resolve();
}

export function isImplemented(wx: Record<string, unknown>, name: string): boolean {
  const fn = wx[name] as (((...a: unknown[]) => unknown) & { __wx2tgUnsupported?: boolean }) | undefined;
  return typeof fn === 'function' && !fn.__wx2tgUnsupported;
}

/**
 * wx.canIUse('${API}.${method}.${param}.${option}' or '${component}.${attribute}.${option}'):
 * true only for what works here (in full or in part). APIs: implemented and the parameter is not
 * one that fails (UNSUPPORTED_PARAMS); components: from common/builtinAttributes.ts's WORKS, as
 * far as useApiTables has learnt it.
 */
export function canIUse(wx: Record<string, unknown>, schema: unknown): boolean {
  if (typeof schema !== 'string' || !schema) return false;
  const s = schema.replace(/^wx\./, '');
  const [head = '', attr, value, extra] = s.split('.');
  if (Object.hasOwn(wx, head)) {
    for (const param in UNSUPPORTED_PARAMS) if (s === param || s.startsWith(param + '.')) return false;
    return isImplemented(wx, head);
  }
  if (attr === undefined && /^(block|slot|template)$/.test(head)) return true;
  return extra === undefined && canUseIn(components, head, attr, value);
}
