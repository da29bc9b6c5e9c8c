/**
 * wx.cloud until a wx2tg server provides it: the object exists with WeChat's shape, so programs
 * load (they call wx.cloud.init() and wx.cloud.database() at start), and every operation fails
 * the WeChat way — callbacks' fail/complete and a rejected Promise with
 * "cloud.<op>:fail not supported on Telegram …".
 */
import { asyncApi, ApiFail } from './callback.js';
import { UNSUPPORTED_REASON } from '../../common/support.js';

const WHY = `${UNSUPPORTED_REASON} (wx.cloud needs the wx2tg server's cloud functions and database)`;
let warned = false;

const fail = (op: string) =>
  asyncApi(`cloud.${op}`, () => {
    throw new ApiFail(WHY);
  });

/** A query or document: every builder returns itself, every operation fails. */
function query(): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  for (const b of ['where', 'orderBy', 'limit', 'skip', 'field', 'doc', 'aggregate', 'match', 'group', 'project', 'sort', 'lookup', 'unwind', 'end']) q[b] = () => q;
  for (const op of ['get', 'count', 'add', 'set', 'update', 'remove']) q[op] = fail(`database.${op}`);
  q.watch = () => {
    throw new Error(`cloud.database.watch:fail ${WHY}`);
  };
  return q;
}

export const cloud = {
  init(): void {
    if (warned) return;
    warned = true;
    console.warn(`[wx2tg] wx.cloud: ${WHY}`);
  },
  callFunction: fail('callFunction'),
  uploadFile: fail('uploadFile'),
  downloadFile: fail('downloadFile'),
  getTempFileURL: fail('getTempFileURL'),
  deleteFile: fail('deleteFile'),
  callContainer: fail('callContainer'),
  database(): Record<string, unknown> {
    const cmd = new Proxy({}, { get: () => () => ({}) });
    return { collection: () => query(), command: cmd, serverDate: () => ({}), RegExp: (o: unknown) => o, Geo: {} };
  },
  CloudID: (id: string) => ({ cloudID: id }),
  Cloud: class {
    init(): void {
      cloud.init();
    }
  },
};
