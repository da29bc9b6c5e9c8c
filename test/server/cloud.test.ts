/**
 * wx.cloud on the wx2tg server, over real HTTP with the same builder the Mini App uses
 * (common/cloudDb.ts): the document database's query and update semantics, the collection
 * rules for two users, cloud functions with getWXContext and the server SDK, file storage with
 * signed temporary URLs — on SQLite, and the database cases again on PostgreSQL.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CloudError, Database, type DbRequest } from '../../common/cloudDb.js';
import { CloudFunctions, CloudService, type CloudOptions } from '../../server/cloud/index.js';
import { applyUpdate, matches } from '../../server/cloud/engine.js';
import { allowed, parseRule, RuleError } from '../../server/cloud/rules.js';
import { signInitData } from '../../server/initData.js';
import { createServerKit, type ServerKit } from '../../server/kit.js';
import { openStore } from '../../server/storage/index.js';
import type { Store } from '../../server/storage/store.js';
import { onPostgres } from './pg.js';

const TOKEN = '555000222:AAcloud-test-token';
const ADA = { id: 710000001, first_name: 'Ada' };
const BOB = { id: 710000002, first_name: 'Bob' };
const BOT_INFO = { id: 555000222, is_bot: true, first_name: 'Cloud', username: 'cloud_test_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as never;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-cloud-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function initData(user: { id: number; first_name: string }): string {
  return signInitData({ user: JSON.stringify(user), auth_date: String(Math.floor(Date.now() / 1000)), chat_type: 'sender', chat_instance: '1' }, TOKEN);
}

interface Running {
  url: string;
  kit: ServerKit;
  store: Store;
  cloud: CloudService;
  stop(): Promise<void>;
}

async function start(storeUrl: string, options: CloudOptions): Promise<Running> {
  const store = await openStore(storeUrl);
  const cloud = new CloudService(options);
  const kit = createServerKit({ botToken: TOKEN, store, botInfo: BOT_INFO, log: () => undefined, extensions: [cloud], rateLimit: false });
  const server = http.createServer(kit.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await kit.start();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wx2tg`,
    kit,
    store,
    cloud,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await kit.close();
      await store.close();
    },
  };
}

/** What the runtime does: POST the request with the user's init data; errors become CloudErrors. */
function clientDb(url: string, user: { id: number; first_name: string }): Database {
  const auth = `tma ${initData(user)}`;
  return new Database(async (req: DbRequest) => {
    const res = await fetch(`${url}/cloud/db`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(req) });
    const body = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new CloudError(Number(body.errCode ?? -1), String(body.errMsg ?? body.error));
    return body;
  });
}

async function post(url: string, user: { id: number; first_name: string } | null, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { ...(user ? { authorization: `tma ${initData(user)}` } : {}), 'content-type': 'application/json', ...headers }, body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const COLLECTIONS = {
  notes: 'PRIVATE',
  posts: 'READONLY',
  config: 'ADMINWRITE',
  secrets: 'ADMINONLY',
  board: { read: 'doc.public == true || doc._openid == auth.openid', write: 'doc._openid == auth.openid' },
};

describe('the query engine', () => {
  const ctx = { now: 1_700_000_000_000 };
  const doc = { _id: 'a', n: 5, s: 'tea', tags: ['x', 'y'], style: { color: 'red', size: 3 }, items: [{ k: 1 }, { k: 7 }], at: { $date: 1000 } };
  const q = (where: unknown) => matches(doc, where, ctx);
  const op = (name: string, ...args: unknown[]) => ({ $op: name, args });

  it('matches values, sub-fields, array members and the comparison commands by type', () => {
    expect(q({ n: 5 })).toBe(true);
    expect(q({ n: '5' })).toBe(false);
    expect(q({ style: { color: 'red' } })).toBe(true); // a nested object is a sub-field condition
    expect(q({ 'style.size': op('gt', 2) })).toBe(true);
    expect(q({ style: op('eq', { color: 'red' }) })).toBe(false); // eq on an object is whole-object equality
    expect(q({ tags: 'x' })).toBe(true);
    expect(q({ 'items.k': 7 })).toBe(true);
    expect(q({ 'tags.1': 'y' })).toBe(true);
    expect(q({ n: op('gt', '4') })).toBe(false); // a number is never greater than a string
    expect(q({ n: op('in', [1, 5]) })).toBe(true);
    expect(q({ n: op('nin', [1, 5]) })).toBe(false);
    expect(q({ missing: op('exists', false) })).toBe(true);
    expect(q({ n: op('and', op('gt', 1), op('lt', 6)) })).toBe(true);
    expect(q(op('or', [{ n: 1 }, { s: 'tea' }]))).toBe(true);
    expect(q(op('nor', [{ n: 1 }, { s: 'tea' }]))).toBe(false);
    expect(q({ tags: op('all', ['y', 'x']) })).toBe(true);
    expect(q({ tags: op('size', 2) })).toBe(true);
    expect(q({ items: op('elemMatch', { k: op('gte', 7) }) })).toBe(true);
    expect(q({ n: op('mod', 2, 1) })).toBe(true);
    expect(q({ n: op('not', op('gt', 4)) })).toBe(false);
    expect(q({ s: op('regex', '^T', 'i') })).toBe(true);
    expect(q({ at: op('lt', { $date: 2000 }) })).toBe(true);
    expect(q({ n: op('neq', 5) })).toBe(false);
  });

  it('refuses update commands in queries, bad regexes and prototype paths with WeChat-style codes', () => {
    expect(() => q({ n: op('inc', 1) })).toThrow(/cannot be used in a query/);
    expect(() => q({ s: op('regex', '(', '') })).toThrow(CloudError);
    // patterns run in linear time: the classic catastrophic ones finish at once or are refused
    const long = { ...doc, s: 'a'.repeat(50_000) + '!' };
    for (const evil of ['(a+)+$', '((a)+)+$', '(?:(?:a)+)+$', '(a|a)*$', '(x|xx)*y', '(\\w+\\s?)*$', '(.*a){20}', '(a)\\1', '(?<=a)b']) {
      const t0 = performance.now();
      try {
        matches(long, { s: op('regex', evil, 'i') }, ctx);
      } catch (e) {
        expect((e as Error).message, evil).toMatch(/cannot run in linear time/);
      }
      expect(performance.now() - t0, evil).toBeLessThan(500);
    }
    expect(q({ s: op('regex', '^(te)a+$', '') })).toBe(true);
    expect(q({ s: op('regex', '[a-z]{2,3}', '') })).toBe(true);
    expect(q({ s: op('regex', '^(t|x)+ea$', '') })).toBe(true);
    expect(q({ s: op('regex', '^(TEA|coffee)$', 'i') })).toBe(true);
    expect(q({ s: op('regex', '^[S-U]E', 'i') })).toBe(true);
    expect(q({ s: op('regex', '^[^T]', 'i') })).toBe(false);
    expect(q({ s: op('regex', '^TEA', '') })).toBe(false);
    expect(() => q({ s: op('regex', 'a', 'x') })).toThrow(/u and x are not supported/);
    try {
      q({ n: op('inc', 1) });
    } catch (e) {
      expect((e as CloudError).errCode).toBe(-502002);
    }
  });

  it('applies updates: sub-field merges and every update command', () => {
    const out = applyUpdate(doc, { style: { color: 'blue' }, n: op('inc', 2), tags: op('push', ['z']), s: op('remove'), items: op('pull', { k: 1 }), count: op('mul', 3), best: op('max', 9), at: op('serverDate', 5) }, 42);
    expect(out.style).toEqual({ color: 'blue', size: 3 });
    expect(out.n).toBe(7);
    expect(out.tags).toEqual(['x', 'y', 'z']);
    expect('s' in out).toBe(false);
    expect(out.items).toEqual([{ k: 7 }]);
    expect(out.count).toBe(0);
    expect(out.best).toBe(9);
    expect(out.at).toEqual({ $date: 47 });
    const more = applyUpdate(out, { tags: op('push', { each: ['a', 'b'], position: 0, slice: 3 }), style: op('set', { weight: 1 }), extra: op('addToSet', { each: [1, 1, 2] }), renamed: op('rename', 'r2') }, 0);
    expect(more.tags).toEqual(['a', 'b', 'x']);
    expect(more.style).toEqual({ weight: 1 });
    expect(more.extra).toEqual([1, 2]);
    expect(applyUpdate({ a: [1, 2, 3] }, { a: op('pullAll', [1, 3]) }, 0).a).toEqual([2]);
    expect(applyUpdate({ a: [1, 2, 3] }, { a: op('pop') }, 0).a).toEqual([1, 2]);
    expect(applyUpdate({ a: [1, 2, 3] }, { a: op('shift') }, 0).a).toEqual([2, 3]);
    expect(applyUpdate({ a: [3] }, { a: op('unshift', [1, 2]) }, 0).a).toEqual([1, 2, 3]);
    expect(applyUpdate({ a: { b: 1 } }, { a: op('rename', 'c') }, 0)).toEqual({ c: { b: 1 } });
    expect(() => applyUpdate({ s: 'x' }, { s: op('inc', 1) }, 0)).toThrow(/not a number/);
  });

  it('parses the documented rule forms and refuses anything else', () => {
    expect(parseRule('PRIVATE', 'x').preset).toBe('PRIVATE');
    expect(parseRule({ read: true, write: 'doc._openid == auth.openid && doc.locked != true' }, 'x').preset).toBeNull();
    expect(() => parseRule('EVERYONE', 'x')).toThrow(RuleError);
    const members = parseRule({ read: 'auth.openid in doc.members || doc._openid == auth.openid', write: false }, 'x');
    expect(allowed(members.read, { auth: { openid: 'u1' }, doc: { members: ['u0', 'u1'] }, now: 0 })).toBe(true);
    expect(allowed(members.read, { auth: { openid: 'u2' }, doc: { members: ['u0', 'u1'] }, now: 0 })).toBe(false);
    expect(allowed(members.read, { auth: { openid: 'u2' }, doc: { members: 'u2' }, now: 0 })).toBe(false); // not an array
    expect(() => parseRule({ read: 'process.exit(1)' }, 'x')).toThrow(/unknown name/);
    expect(() => parseRule({ read: 'doc.a == 1; x' }, 'x')).toThrow(RuleError);
    expect(() => parseRule({ read: true, list: true }, 'x')).toThrow(/unknown operation/);
  });
});

function databaseCases(label: string, storeUrl: () => string) {
  describe(`the database over HTTP (${label})`, () => {
    let r: Running;
    const ada = () => clientDb(r.url, ADA);
    const bob = () => clientDb(r.url, BOB);

    it('starts with the declared collections', async () => {
      r = await start(storeUrl(), { collections: COLLECTIONS, filesDir: path.join(tmp, `files-${label}`) });
    });

    it('add / get / count / doc / where / orderBy / skip / limit / field with WeChat result shapes', async () => {
      const db = ada();
      const _ = db.command;
      const added = await db.collection('posts').add({ data: { title: 'first', n: 1, tags: ['a'], when: new Date(5000) } })!;
      expect(added.errMsg).toBe('collection.add:ok');
      expect(added._id).toMatch(/^[0-9a-f]{32}$/);
      for (let i = 2; i <= 25; i++) await db.collection('posts').add({ data: { title: `p${i}`, n: i, tags: i % 2 ? ['odd'] : ['even'] } });
      const one = await db.collection('posts').doc(added._id).get()!;
      expect(one.errMsg).toBe('document.get:ok');
      expect(one.data).toMatchObject({ _id: added._id, _openid: expect.any(String), title: 'first' });
      expect(one.data.when).toBeInstanceOf(Date);
      expect((one.data.when as Date).getTime()).toBe(5000);
      const all = await db.collection('posts').get()!;
      expect(all.data).toHaveLength(20); // WeChat's client limit
      const page = await db.collection('posts').where({ n: _.gte(10) }).orderBy('n', 'desc').skip(2).limit(3).field({ n: true }).get()!;
      expect(page.data.map((d) => d.n)).toEqual([23, 22, 21]);
      expect(Object.keys(page.data[0]!).sort()).toEqual(['_id', 'n']);
      const count = await db.collection('posts').where({ tags: 'odd' }).count()!;
      expect(count).toEqual({ total: 12, errMsg: 'collection.count:ok' });
      const or = await db.collection('posts').where(_.or([{ n: 1 }, { n: _.in([2, 3]) }])).count()!;
      expect(or.total).toBe(3);
      const hidden = await db.collection('posts').where({ n: 2 }).field({ title: -1, tags: 0, when: false }).get()!;
      expect(Object.keys(hidden.data[0]!).sort()).toEqual(['_id', '_openid', 'n']); // 1|-1 as WeChat documents
      expect(Object.keys((await db.collection('posts').where({ n: 2 }).field({ _id: true }).get())!.data[0]!)).toEqual(['_id']);
      expect((await db.collection('posts').where({ n: 1 }).where({ n: 2 }).get())!.data.map((d) => d.n)).toEqual([2]); // a later where() replaces
      const numeric = await db.collection('posts').add({ data: { _id: 42, title: 'numbered' } })!;
      expect(numeric._id).toBe('42');
      expect((await db.collection('posts').doc(42).get())!.data).toMatchObject({ _id: 42, title: 'numbered' });
      await db.collection('posts').doc(42).remove();
      // watch() is not held to the client's 20 documents
      const seen = await new Promise<number>((resolve, reject) => {
        const w = db.collection('posts').watch({ onChange: (snap: any) => void w.close().then(() => resolve(snap.docs.length)), onError: reject });
      });
      expect(seen).toBe(25);
      const re = await db.collection('posts').where({ title: db.RegExp({ regexp: '^P1', options: 'i' }) }).count()!;
      expect(re.total).toBe(10); // p10-p19 ("first" does not start with p1)
    });

    it('updates: doc and where, commands, serverDate; stats as WeChat reports them', async () => {
      const db = ada();
      const _ = db.command;
      const { _id } = (await db.collection('posts').add({ data: { title: 'counter', views: 0, meta: { a: 1, b: 2 }, list: [] } }))!;
      const before = Date.now();
      const u = await db.collection('posts').doc(_id).update({ data: { views: _.inc(1), meta: { b: 3 }, list: _.push(['x', 'y']), updatedAt: db.serverDate() } })!;
      expect(u).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
      const { data } = (await db.collection('posts').doc(_id).get())!;
      expect(data).toMatchObject({ views: 1, meta: { a: 1, b: 3 }, list: ['x', 'y'] });
      expect((data.updatedAt as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
      // 20 concurrent increments lose nothing
      await Promise.all(Array.from({ length: 20 }, () => db.collection('posts').doc(_id).update({ data: { views: _.inc(1) } })));
      expect((await db.collection('posts').doc(_id).get())!.data.views).toBe(21);
      const many = await db.collection('posts').where({ n: _.lte(3) }).update({ data: { flagged: true } })!;
      expect(many).toEqual({ stats: { updated: 3 }, errMsg: 'collection.update:ok' });
      const set = await db.collection('posts').doc('custom-id').set({ data: { title: 'set', x: 1 } })!;
      expect(set).toEqual({ _id: 'custom-id', stats: { updated: 0, created: 1 }, errMsg: 'document.set:ok' });
      await db.collection('posts').doc('custom-id').set({ data: { title: 'replaced' } });
      expect((await db.collection('posts').doc('custom-id').get())!.data).toEqual({ _id: 'custom-id', _openid: expect.any(String), title: 'replaced' });
      await expect(db.collection('posts').doc(_id).update({ data: { _openid: 'someone' } })).rejects.toMatchObject({ errMsg: expect.stringMatching(/^document\.update:fail -501007 update: _openid cannot be changed/) });
      const rm = await db.collection('posts').where({ flagged: true }).remove()!;
      expect(rm).toEqual({ stats: { removed: 3 }, errMsg: 'collection.remove:ok' });
    });

    it('watch(): init, then add / update (dotted updatedFields, removedFields) / remove as WeChat reports them', async () => {
      const base = ada();
      const db = new Database(base.transport, { watchIntervalMs: 80 });
      const _ = db.command;
      const { _id } = (await db.collection('notes').add({ data: { text: 'w', meta: { a: 1, b: 2 }, gone: true } }))!;
      const snaps: any[] = [];
      const w = db.collection('notes').where({ text: _.in(['w', 'w2']) }).watch({ onChange: (s: any) => snaps.push(s), onError: (e: unknown) => snaps.push({ error: e }) });
      const settle = async (n: number) => {
        for (let i = 0; i < 100 && snaps.length < n; i++) await new Promise((r) => setTimeout(r, 20));
      };
      await settle(1);
      expect(snaps[0]).toMatchObject({ type: 'init', docs: [{ _id, text: 'w' }], docChanges: [{ dataType: 'init', queueType: 'init', docId: _id }] });
      await db.collection('notes').doc(_id).update({ data: { meta: { b: 3 }, gone: _.remove(), at: db.serverDate() } });
      await settle(2);
      expect(snaps[1].docChanges).toEqual([expect.objectContaining({ dataType: 'update', queueType: 'update', docId: _id, updatedFields: { 'meta.b': 3, at: expect.any(Date) }, removedFields: ['gone'] })]);
      const second = (await db.collection('notes').add({ data: { text: 'w2' } }))!;
      await settle(3);
      expect(snaps[2].docChanges).toEqual([expect.objectContaining({ dataType: 'add', queueType: 'enqueue', docId: second._id })]);
      await db.collection('notes').doc(second._id).remove();
      await settle(4);
      expect(snaps[3].docChanges).toEqual([expect.objectContaining({ dataType: 'remove', queueType: 'dequeue', docId: second._id })]);
      expect(snaps.some((x) => x.error)).toBe(false);
      await w.close();
      await db.collection('notes').doc(_id).remove();
    });

    it('rules: PRIVATE hides other users’ documents, READONLY lets everyone read, ADMINWRITE/ADMINONLY refuse clients, custom rules are checked per document', async () => {
      const a = ada();
      const b = bob();
      const { _id } = (await a.collection('notes').add({ data: { text: 'ada’s' } }))!;
      await b.collection('notes').add({ data: { text: 'bob’s' } });
      expect((await a.collection('notes').get())!.data.map((d) => d.text)).toEqual(['ada’s']);
      await expect(b.collection('notes').doc(_id).get()).rejects.toMatchObject({ errMsg: `document.get:fail cannot find document with _id ${_id}, please make sure that the document exists and you have the corresponding Read permission` });
      expect((await b.collection('notes').doc(_id).update({ data: { text: 'hacked' } }))!.stats.updated).toBe(0);
      expect((await b.collection('notes').doc(_id).remove())!.stats.removed).toBe(0);
      expect((await a.collection('notes').doc(_id).get())!.data.text).toBe('ada’s');
      // READONLY: Bob reads Ada's post but cannot change it
      const post = (await a.collection('posts').add({ data: { title: 'readable' } }))!;
      expect((await b.collection('posts').doc(post._id).get())!.data.title).toBe('readable');
      expect((await b.collection('posts').doc(post._id).update({ data: { title: 'x' } }))!.stats.updated).toBe(0);
      // ADMINWRITE / ADMINONLY
      await expect(a.collection('config').add({ data: { k: 1 } })).rejects.toMatchObject({ errCode: -502003, errMsg: expect.stringMatching(/^collection\.add:fail -502003 database permission denied/) });
      expect((await a.collection('config').get())!.data).toEqual([]);
      await expect(a.collection('secrets').get()).rejects.toMatchObject({ errCode: -502003 });
      // custom rule: public documents are readable; documents the rule hides are out of every query,
      // so neither an answer nor an error tells whether a hidden one matched
      await a.collection('board').add({ data: { public: true, text: 'hello' } });
      await a.collection('board').add({ data: { public: false, text: 'draft', pin: '7391' } });
      expect((await b.collection('board').where({ public: true }).get())!.data.map((d) => d.text)).toEqual(['hello']);
      expect((await b.collection('board').get())!.data.map((d) => d.text)).toEqual(['hello']);
      for (const guess of ['0', '5', '8']) expect((await b.collection('board').where({ pin: b.command.gte(guess) }).count())!.total).toBe(0);
      expect((await a.collection('board').where({ _openid: '{openid}' }).count())!.total).toBe(2);
      expect((await a.collection('board').where({ pin: a.command.gte('5') }).count())!.total).toBe(1);
      expect((await b.collection('board').where({ public: true }).update({ data: { text: 'defaced' } }))!.stats.updated).toBe(0);
      expect((await b.collection('board').where({ pin: b.command.exists(true) }).remove())!.stats.removed).toBe(0);
      expect((await a.collection('board').where({ public: true }).get())!.data[0]!.text).toBe('hello');
    });

    it('bad queries get WeChat-style errors, not crashes', async () => {
      const db = ada();
      await expect(db.collection('nope').get()).rejects.toMatchObject({ errCode: -502005, errMsg: expect.stringMatching(/^collection\.get:fail -502005 database collection not exists/) });
      await expect(db.collection('posts').where({ n: db.command.inc(1) }).get()).rejects.toMatchObject({ errCode: -502002 });
      expect(() => db.collection('posts').where({ $where: 'sleep(1)' } as never)).toThrow(/cannot start with "\$"/);
      for (const bad of [{ action: 'drop', collection: 'posts' }, { action: 'get', collection: '../x' }, { action: 'get', collection: 'posts', orderBy: 'n' }, { action: 'get', collection: 'posts', field: { a: { $op: 'x' } } }, { action: 'get', collection: 'posts', limit: -1 }, { action: 'count', collection: 'posts', where: JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200)) }, { action: 'get', collection: 'posts', where: { a: { $op: 'eval', args: ['1'] } } }, 'nonsense']) {
        const res = await post(`${r.url}/cloud/db`, ADA, bad);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(typeof res.body.errMsg === 'string' || typeof res.body.error === 'string').toBe(true);
      }
      expect((await post(`${r.url}/cloud/db`, null, { action: 'get', collection: 'posts' })).status).toBe(401);
    });

    it('stops', async () => {
      await r.stop();
    });
  });
}

databaseCases('SQLite', () => path.join(tmp, 'cloud.sqlite'));

onPostgres('PostgreSQL', (url) => databaseCases('PostgreSQL', () => url));

describe('cloud functions and files', () => {
  const fnDir = path.join(tmp, 'cloudfunctions');
  let r: Running;
  const write = (name: string, code: string, config?: unknown) => {
    mkdirSync(path.join(fnDir, name), { recursive: true });
    writeFileSync(path.join(fnDir, name, 'index.js'), code);
    if (config) writeFileSync(path.join(fnDir, name, 'config.json'), JSON.stringify(config));
  };

  it('starts with a functions folder', async () => {
    write('login', `const cloud = require('wx-server-sdk'); cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
      exports.main = async (event, context) => { const w = cloud.getWXContext(); return { openid: w.OPENID, appid: w.APPID, env: w.ENV, event, fn: context.function_name }; };`);
    write('addNote', `const cloud = require('wx-server-sdk'); cloud.init(); const db = cloud.database(); const _ = db.command;
      exports.main = async (event) => {
        const { OPENID } = cloud.getWXContext();
        const added = await db.collection('config').add({ data: { owner: OPENID, text: event.text, at: db.serverDate() } });
        const got = await db.collection('config').where({ owner: OPENID }).get();
        const inner = await cloud.callFunction({ name: 'login', data: { nested: true } });
        return { id: added._id, count: got.data.length, inner: inner.result.openid, at: got.data[0].at instanceof Date };
      };`);
    write('boom', `exports.main = async () => { throw new TypeError('no such thing') };`);
    write('slow', `exports.main = () => new Promise((r) => setTimeout(r, 5000));`, { timeout: 1 });
    write('noMain', `exports.handler = () => 1;`);
    write('files', `const cloud = require('wx-server-sdk');
      exports.main = async () => { const up = await cloud.uploadFile({ cloudPath: 'fn/hello.txt', fileContent: Buffer.from('from a function') });
        const down = await cloud.downloadFile({ fileID: up.fileID }); return { fileID: up.fileID, text: down.fileContent.toString() }; };`);
    r = await start(path.join(tmp, 'fn.sqlite'), { collections: COLLECTIONS, functionsDir: fnDir, filesDir: path.join(tmp, 'fn-files'), appId: 'wx123', env: 'prod-1' });
  });

  it('callFunction runs main(event, context) with getWXContext for the calling user', async () => {
    const res = await post(`${r.url}/cloud/functions/login`, ADA, { data: { a: 1 } });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ appid: 'wx123', env: 'prod-1', fn: 'login', event: { a: 1, userInfo: { appId: 'wx123', openId: res.body.result.openid } } });
    const login = await post(`${r.url}/login`, null, { code: `tma.${Buffer.from(initData(ADA)).toString('base64url')}` });
    expect(res.body.result.openid).toBe(login.body.openid); // the same openid as code2Session
    expect(res.body.requestID).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the server SDK: admin database (no rules), serverDate, nested callFunction', async () => {
    const res = await post(`${r.url}/cloud/functions/addNote`, BOB, { data: { text: 'via function' } });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ count: 1, at: true });
    const bob = await post(`${r.url}/cloud/functions/login`, BOB, {});
    expect(res.body.result.inner).toBe(bob.body.result.openid);
  });

  it('failures carry WeChat’s codes: missing function, throwing main, timeout, no main', async () => {
    const missing = await post(`${r.url}/cloud/functions/nothere`, ADA, {});
    expect(missing).toMatchObject({ status: 404, body: { errCode: -501000 } });
    const boom = await post(`${r.url}/cloud/functions/boom`, ADA, {});
    expect(boom).toMatchObject({ status: 500, body: { errCode: -504002, errMsg: 'functions execute fail | errMsg: TypeError: no such thing' } });
    const slow = await post(`${r.url}/cloud/functions/slow`, ADA, {});
    expect(slow.body).toMatchObject({ errCode: -504002, errMsg: expect.stringMatching(/Task timed out after 1\.00 seconds/) });
    const noMain = await post(`${r.url}/cloud/functions/noMain`, ADA, {});
    expect(noMain.body.errMsg).toMatch(/does not export main/);
    expect((await post(`${r.url}/cloud/functions/..%2Fx`, ADA, {})).status).toBe(400);
  });

  it('an edited function is reloaded on the next call; without reload (wx2tg serve) the first load stays', async () => {
    const fixed = new CloudFunctions({ dir: fnDir, reload: false });
    const ctx = { OPENID: 'o', APPID: 'a', ENV: 'e', SOURCE: 'wx_client', service: r.cloud };
    const before = (await fixed.call('login', {}, ctx)).result;
    write('login', `exports.main = async () => ({ version: 2 });`);
    const res = await post(`${r.url}/cloud/functions/login`, ADA, {});
    expect(res.body.result).toEqual({ version: 2 });
    expect((await fixed.call('login', {}, ctx)).result).toEqual(before);
  });

  it('files: upload, signed temporary URL, other users cannot overwrite or delete, deleteFile', async () => {
    const up = await post(`${r.url}/cloud/files?cloudPath=${encodeURIComponent('avatars/ada.png')}`, ADA, Buffer.from('PNGDATA'), { 'content-type': 'image/png' });
    expect(up).toMatchObject({ status: 200, body: { fileID: 'cloud://prod-1.wx2tg/avatars/ada.png', statusCode: 200 } });
    const urls = await post(`${r.url}/cloud/files/temp-urls`, BOB, { fileList: [up.body.fileID, { fileID: 'cloud://prod-1.wx2tg/none.png', maxAge: 60 }] });
    expect(urls.body.fileList[0]).toMatchObject({ fileID: up.body.fileID, status: 0, errMsg: 'ok', maxAge: 86400 }); // WeChat's default: a day
    expect(urls.body.fileList[1]).toMatchObject({ status: -503003 });
    const link = urls.body.fileList[0].tempFileURL as string;
    expect(link.startsWith(`${r.url}/cloud/files/raw/`)).toBe(true);
    // a request naming another Host gets links to that host, but it does not change anyone else's
    const spoofed = await new Promise<any>((resolve, reject) => {
      const body = JSON.stringify({ fileList: [up.body.fileID] });
      const req = http.request(`${r.url}/cloud/files/temp-urls`, { method: 'POST', headers: { host: 'evil.example', authorization: `tma ${initData(BOB)}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(JSON.parse(text)));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(spoofed.fileList[0].tempFileURL).toMatch(/^http:\/\/evil\.example\//);
    expect((await post(`${r.url}/cloud/files/temp-urls`, ADA, { fileList: [up.body.fileID] })).body.fileList[0].tempFileURL.startsWith(`${r.url}/`)).toBe(true);
    const got = await fetch(link);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(await got.text()).toBe('PNGDATA');
    expect((await fetch(link.replace(/s=[^&]+/, 's=AAAA'))).status).toBe(404);
    expect((await fetch(link.replace(/e=\d+/, 'e=1'))).status).toBe(404);
    const steal = await post(`${r.url}/cloud/files?cloudPath=avatars/ada.png`, BOB, Buffer.from('EVIL'), { 'content-type': 'image/png' });
    expect(steal).toMatchObject({ status: 403, body: { errCode: -503002 } });
    expect((await post(`${r.url}/cloud/files?cloudPath=../../etc/passwd`, BOB, Buffer.from('x'))).body.errCode).toBe(-501007);
    const del = await post(`${r.url}/cloud/files/delete`, BOB, { fileList: [up.body.fileID] });
    expect(del.body.fileList[0].status).toBe(-503002);
    const fn = await post(`${r.url}/cloud/functions/files`, BOB, {});
    expect(fn.body.result).toEqual({ fileID: 'cloud://prod-1.wx2tg/fn/hello.txt', text: 'from a function' });
    const mine = await post(`${r.url}/cloud/files/delete`, ADA, { fileList: [up.body.fileID] });
    expect(mine.body.fileList[0]).toEqual({ fileID: up.body.fileID, status: 0, errMsg: 'ok' });
    expect((await fetch(link)).status).toBe(404);
  });

  it('stops', async () => {
    await r.stop();
  });
});
