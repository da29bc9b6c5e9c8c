/**
 * wx.cloud's members as wx2tg provides them (runtime/api/cloud.ts → the wx2tg server's cloud
 * routes), for `wx2tg check` and the compatibility report: `cloud.<member>` → its support.
 */
import type { Support } from './builtinAttributes.js';

const SERVER = 'against the wx2tg server (wx2tg serve --program, or server/cloud)';

export const CLOUD_SUPPORT: Readonly<Record<string, Support>> = {
  cloud: { status: 'supported', note: `wx.cloud runs ${SERVER}` },
  'cloud.init': { status: 'supported', note: 'one environment per wx2tg server: env names file IDs and getWXContext().ENV' },
  'cloud.database': {
    status: 'partial',
    note: `collection/doc/where/field/orderBy/skip/limit/get/count/add/set/update/remove, db.command query and update operators, serverDate, RegExp, watch (polled) ${SERVER}; no aggregate(), Geo or transactions`,
  },
  'cloud.callFunction': { status: 'supported', note: 'runs cloudfunctions/<name>/index.js on the wx2tg server with wx-server-sdk and getWXContext()' },
  'cloud.uploadFile': { status: 'supported', note: 'stored on the wx2tg server’s disk; file IDs are cloud://<env>.wx2tg/<cloudPath>' },
  'cloud.downloadFile': { status: 'supported', note: 'tempFilePath is a blob: URL' },
  'cloud.getTempFileURL': { status: 'supported', note: 'signed links to the wx2tg server, valid up to a day' },
  'cloud.deleteFile': { status: 'supported' },
  'cloud.CloudID': { status: 'unsupported', note: 'open data (CloudID) is WeChat’s; there is nothing for the server to decode' },
  'cloud.Cloud': { status: 'supported', note: 'new wx.cloud.Cloud({resourceEnv}) has the same API; one environment per server' },
  'cloud.callContainer': { status: 'unsupported', note: 'WeChat Cloud Hosting containers do not exist on Telegram: call your service with wx.request' },
};

export function cloudSupport(name: string): Support {
  return CLOUD_SUPPORT[name] ?? { status: 'unsupported', note: `wx.${name} is not part of wx.cloud on the wx2tg server` };
}
