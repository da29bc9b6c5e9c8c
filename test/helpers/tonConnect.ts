/**
 * TON Connect's other side, on 127.0.0.1, written from the protocol documents (ton-connect/docs:
 * bridge.md, session.md, requests-responses.md) so @tonconnect/ui in the page runs unchanged:
 *
 *  - an HTTP bridge: `GET <bridge>/events?client_id=<hex>[,…]&last_event_id=<n>` is a
 *    server-sent event stream of `{from, message}` (message: base64 of nonce ‖ box), and
 *    `POST <bridge>/message?client_id=<from>&to=<to>&ttl=…&topic=…` with the base64 body
 *    queues one for `to`;
 *  - a wallet: it reads the connect link the dApp opens (`?v=2&id=<dApp key>&r=<ConnectRequest>`),
 *    fetches the dApp's manifest, and answers through the bridge with messages encrypted with
 *    NaCl's crypto_box (X25519-XSalsa20-Poly1305, 24-byte random nonce first), as the session
 *    protocol says: a ConnectEvent, then a reply to each sendTransaction request, which the
 *    test decides (approve, approve with another amount, send nothing to the chain, decline).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nacl from 'tweetnacl';
import { serializeBoc } from '../../server/ton/codec.js';

/** An empty cell's BOC: the stand-in wallet has no real state init to show. */
const EMPTY_CELL = Buffer.from(serializeBoc({ data: new Uint8Array(0), refs: [] })).toString('base64');

interface Queued {
  id: number;
  to: string;
  data: string;
}

export class BridgeStandIn {
  private server: http.Server | null = null;
  private seq = 0;
  private readonly queue: Queued[] = [];
  private readonly streams = new Set<{ ids: Set<string>; res: http.ServerResponse }>();
  private readonly local = new Map<string, (from: string, message: string) => void>();
  url = '';
  /** Every POST /message seen (from → to). */
  readonly posts: { from: string; to: string; topic: string | null }[] = [];
  /** What happened, in order (streams opened and closed, messages queued): for failure reports. */
  readonly trace: string[] = [];

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/bridge`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.streams) s.res.end();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  /** A client that lives in this process (the wallet) receives its messages here. */
  listen(clientId: string, fn: (from: string, message: string) => void): void {
    this.local.set(clientId, fn);
  }

  /** Queues a message from → to (what POST /message does). */
  deliver(from: string, to: string, message: string): void {
    const fn = this.local.get(to);
    if (fn) {
      this.trace.push(`${Date.now()} local ${from.slice(0, 6)}→${to.slice(0, 6)}`);
      setTimeout(() => fn(from, message), 0);
      return;
    }
    const q: Queued = { id: ++this.seq, to, data: JSON.stringify({ from, message }) };
    this.queue.push(q);
    this.trace.push(`${Date.now()} queue #${q.id} ${from.slice(0, 6)}→${to.slice(0, 6)} (${[...this.streams].filter((s) => s.ids.has(to)).length} streams)`);
    for (const s of this.streams) if (s.ids.has(to)) this.write(s.res, q);
  }

  private write(res: http.ServerResponse, q: Queued): void {
    res.write(`id: ${q.id}\nevent: message\ndata: ${q.data}\n\n`);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST, OPTIONS' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    if (req.method === 'GET' && url.pathname === '/bridge/events') {
      const ids = new Set((url.searchParams.get('client_id') ?? '').split(',').filter(Boolean));
      if (ids.size === 0) return void res.writeHead(400, cors).end('client_id is required');
      const last = Number(url.searchParams.get('last_event_id') ?? 0);
      res.writeHead(200, { ...cors, 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': connected\n\n');
      for (const q of this.queue) if (ids.has(q.to) && q.id > last) this.write(res, q);
      const stream = { ids, res };
      this.streams.add(stream);
      this.trace.push(`${Date.now()} open ${[...ids].map((i) => i.slice(0, 6)).join(',')} after #${last}`);
      const beat = setInterval(() => res.write('event: heartbeat\ndata: heartbeat\n\n'), 5000);
      req.on('close', () => {
        this.trace.push(`${Date.now()} close ${[...ids].map((i) => i.slice(0, 6)).join(',')}`);
        clearInterval(beat);
        this.streams.delete(stream);
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/bridge/message') {
      const from = url.searchParams.get('client_id');
      const to = url.searchParams.get('to');
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (!from || !to || !body) return void res.writeHead(400, { ...cors, 'content-type': 'application/json' }).end('{"message":"client_id, to and a body are required","statusCode":400}');
        this.posts.push({ from, to, topic: url.searchParams.get('topic') });
        res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"message":"OK","statusCode":200}', () => this.deliver(from, to, body.trim()));
      });
      return;
    }
    res.writeHead(404, cors).end();
  }
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export interface SendRequest {
  valid_until?: number;
  network?: string;
  from?: string;
  messages: { address: string; amount: string; payload?: string }[];
}

/** What the wallet does with a sendTransaction request: a BOC to return, or a refusal. */
export type WalletDecision = { boc: string } | { reject: string };

export class WalletStandIn {
  private readonly keys = nacl.box.keyPair();
  readonly id = hex(this.keys.publicKey);
  private app: Uint8Array | null = null;
  /** The manifest the dApp pointed the wallet at, as fetched. */
  manifest: Record<string, unknown> | null = null;
  /** The connect links it was handed, and every request it got. */
  readonly links: string[] = [];
  readonly requests: { method: string; params: unknown[] }[] = [];
  /**
   * How long the "user" takes before the wallet answers a request. A person takes seconds; the
   * SDK (3.4.1) starts waiting for the answer only once the bridge has acknowledged its POST,
   * so an answer faster than that acknowledgement would be dropped by it.
   */
  thinkMs = 300;
  /** The test's answer to each sendTransaction. */
  decide: (req: SendRequest) => WalletDecision | Promise<WalletDecision> = () => ({ reject: 'no decision set' });

  constructor(
    private readonly bridge: BridgeStandIn,
    readonly address: string,
  ) {
    bridge.listen(this.id, (from, message) => void this.receive(from, message));
  }

  /** The wallets list (TON Connect's wallets-v2.json format) naming this wallet. */
  listEntry(imageUrl: string): Record<string, unknown> {
    return {
      app_name: 'wx2tgstandin',
      name: 'Stand-in Wallet',
      image: imageUrl,
      about_url: 'https://example.org/stand-in-wallet',
      universal_url: 'https://wallet.example.org/ton-connect',
      bridge: [{ type: 'sse', url: this.bridge.url }],
      platforms: ['ios', 'android', 'chrome', 'firefox', 'safari', 'macos', 'windows', 'linux'],
      features: [{ name: 'SendTransaction', maxMessages: 4, extraCurrencySupported: false }],
    };
  }

  private encrypt(payload: unknown): string {
    const nonce = nacl.randomBytes(24);
    const box = nacl.box(new TextEncoder().encode(JSON.stringify(payload)), nonce, this.app!, this.keys.secretKey);
    return Buffer.concat([nonce, box]).toString('base64');
  }

  private decrypt(message: string, from: Uint8Array): unknown {
    const bytes = Buffer.from(message, 'base64');
    const open = nacl.box.open(bytes.subarray(24), bytes.subarray(0, 24), from, this.keys.secretKey);
    if (!open) throw new Error('the wallet could not open a message (wrong key or nonce)');
    return JSON.parse(new TextDecoder().decode(open));
  }

  /** The user scanned / opened the connect link: connect to that dApp. */
  async connect(link: string): Promise<void> {
    this.links.push(link);
    const u = new URL(link);
    if (u.searchParams.get('v') !== '2') throw new Error(`connect link of protocol version ${u.searchParams.get('v')}`);
    const appId = u.searchParams.get('id')!;
    const request = JSON.parse(u.searchParams.get('r')!) as { manifestUrl: string; items: { name: string }[] };
    if (!request.items.some((i) => i.name === 'ton_addr')) throw new Error('the dApp did not ask for ton_addr');
    const res = await fetch(request.manifestUrl);
    if (!res.ok) throw new Error(`manifest ${request.manifestUrl} answered ${res.status}`);
    this.manifest = (await res.json()) as Record<string, unknown>;
    this.app = Buffer.from(appId, 'hex');
    const event = {
      event: 'connect',
      id: Date.now(),
      payload: {
        items: [{ name: 'ton_addr', address: this.address, network: '-239', publicKey: hex(nacl.randomBytes(32)), walletStateInit: EMPTY_CELL }],
        device: { platform: 'linux', appName: 'wx2tgstandin', appVersion: '1.0.0', maxProtocolVersion: 2, features: ['SendTransaction', { name: 'SendTransaction', maxMessages: 4 }] },
      },
    };
    this.bridge.deliver(this.id, appId, this.encrypt(event));
  }

  private async receive(from: string, message: string): Promise<void> {
    if (!this.app || from !== hex(this.app)) return;
    const req = this.decrypt(message, this.app) as { method: string; params: string[]; id: string };
    this.requests.push({ method: req.method, params: req.params.map((p) => JSON.parse(p) as unknown) });
    if (req.method === 'disconnect') {
      this.bridge.deliver(this.id, from, this.encrypt({ id: req.id, result: {} }));
      return;
    }
    if (req.method !== 'sendTransaction') {
      this.bridge.deliver(this.id, from, this.encrypt({ id: req.id, error: { code: 400, message: `${req.method} is not supported` } }));
      return;
    }
    await new Promise((r) => setTimeout(r, this.thinkMs));
    const decision = await this.decide(JSON.parse(req.params[0]!) as SendRequest);
    const reply = 'boc' in decision ? { id: req.id, result: decision.boc } : { id: req.id, error: { code: 300, message: decision.reject } };
    this.bridge.deliver(this.id, from, this.encrypt(reply));
  }
}
