/**
 * wx.cloud in the runtime chunk: a small recorder. Programs build database queries
 * synchronously (`const db = wx.cloud.database(); const _ = db.command;
 * db.collection('todos').where({done: _.neq(true)}).orderBy('at', 'desc')`) and only the
 * operations that talk to the server are asynchronous (get, count, add, set, update, remove,
 * watch). So the builder calls are recorded, and at the first operation the real client
 * (./cloudClient.ts, loaded then) replays them — programs that never use wx.cloud never download
 * it. Arguments holding recorded values (`_.inc(1)`, `db.serverDate()`) are replayed too.
 */
import { hasCallbacks } from './callback.js';
import { lazyAsync, lazyTask } from './lazy.js';

type Step = { p: PropertyKey } | { c: unknown[] };
type Client = typeof import('./cloudClient.js');

const load = (): Promise<Client> => import('./cloudClient.js');
const STEPS = Symbol('wx2tg.cloudSteps');
/** Operations that go to the server, once the chain has reached a collection. */
const OPERATIONS = new Set(['get', 'count', 'add', 'set', 'update', 'remove', 'watch', 'end']);


/** The real value of a recorded chain (or of a structure holding some). */
function replay(v: unknown, root: Record<string, unknown>): unknown {
  const steps = v && (typeof v === 'object' || typeof v === 'function') ? ((v as Record<symbol, Step[]>)[STEPS] as Step[] | undefined) : undefined;
  if (steps) {
    let cur: any = root;
    let self: any = undefined;
    for (const s of steps) {
      if ('p' in s) {
        self = cur;
        cur = cur[s.p];
      } else {
        const args = s.c.map((a) => replay(a, root));
        const out = cur.apply(self, args);
        self = undefined;
        cur = out;
      }
    }
    return cur;
  }
  if (Array.isArray(v)) return v.map((x) => replay(x, root));
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'function' && !(x as unknown as Record<symbol, unknown>)[STEPS] ? x : replay(x, root);
    return out;
  }
  return v;
}

function reachedCollection(steps: Step[]): 'collection' | 'document' | null {
  let kind: 'collection' | 'document' | null = null;
  for (const s of steps) if ('p' in s) kind = s.p === 'collection' ? 'collection' : s.p === 'doc' && kind ? 'document' : kind;
  return kind;
}

function operation(steps: Step[], name: string, kind: 'collection' | 'document') {
  return (...args: unknown[]) => {
    const api = `${kind}.${name}`;
    const opts = args[0];
    const run = load().then((m) => {
      const target = replay(record(steps), m.cloud as unknown as Record<string, unknown>) as Record<string, (...a: unknown[]) => unknown>;
      return target[name]!(...args.map((a) => replay(a, m.cloud as unknown as Record<string, unknown>)));
    });
    if (name === 'watch') {
      // The watcher is handed back at once; close() reaches the real one when it exists.
      run.catch((e) => (opts as { onError?: (e: unknown) => void })?.onError?.(e));
      return { close: () => run.then((w) => (w as { close(): Promise<void> }).close(), () => undefined) };
    }
    const settled = run.then((p) => p, (e) => load().then((m) => Promise.reject(m.failure(api, e))));
    if (!hasCallbacks(opts)) return settled;
    settled.catch((e) => {
      // an error thrown while replaying (bad where(), …) never reached the operation's callbacks
      if (!(e as { __reported?: boolean }).__reported) {
        opts.fail?.(e);
        opts.complete?.(e);
      }
    });
    return undefined;
  };
}

function record(steps: Step[]): any {
  return new Proxy(function recorded() {}, {
    get(_t, prop) {
      if (prop === STEPS) return steps;
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      const kind = reachedCollection(steps);
      const last = steps[steps.length - 1];
      // The few plain values a reference carries, known without the client: collection.name, doc._id / doc.id
      if (last && 'c' in last && steps.length >= 2) {
        const called = steps[steps.length - 2]!;
        if ('p' in called && called.p === 'collection' && prop === 'name') return last.c[0];
        if ('p' in called && called.p === 'doc' && (prop === '_id' || prop === 'id')) return String(last.c[0]);
      }
      if (kind && last && 'c' in last && OPERATIONS.has(prop as string)) return operation(steps, prop as string, kind);
      return record([...steps, { p: prop }]);
    },
    apply(_t, _self, args) {
      return record([...steps, { c: args }]);
    },
  });
}

const TASK_METHODS = ['abort', 'onProgressUpdate', 'offProgressUpdate', 'onHeadersReceived', 'offHeadersReceived'] as const;
const client = () => load().then((m) => m.cloud as unknown as Record<string, any>);

function makeCloud(): Record<string, unknown> {
  return {
    init: (opts?: unknown) => void client().then((c) => c.init(opts)),
    database: (...args: unknown[]) => record([{ p: 'database' }, { c: args }]),
    callFunction: lazyAsync(client, 'callFunction'),
    uploadFile: lazyTask(client, 'uploadFile', TASK_METHODS, true),
    downloadFile: lazyTask(client, 'downloadFile', TASK_METHODS, true),
    getTempFileURL: lazyAsync(client, 'getTempFileURL'),
    deleteFile: lazyAsync(client, 'deleteFile'),
    callContainer: lazyAsync(client, 'callContainer'),
    CloudID: (cloudID: string) => ({ cloudID }),
  };
}

export const cloud: Record<string, unknown> = makeCloud();
/** new wx.cloud.Cloud({resourceEnv}): the same API (one environment per wx2tg server). */
cloud.Cloud = class {
  constructor() {
    Object.assign(this, makeCloud(), { init: () => Promise.resolve() });
  }
};
