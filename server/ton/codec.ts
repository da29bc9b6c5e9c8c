/**
 * The few TON encodings the payment rail needs, written from the TON documentation's formats
 * (no @ton/core for three functions):
 *
 *  - a text comment: a cell holding a 32-bit zero op code, then the UTF-8 text; serialized as a
 *    bag of cells (BOC: magic b5ee9c72, flags with CRC32C, one root cell) in base64, which is what
 *    TON Connect's `payload` of a message takes;
 *  - reading a comment back out of a message body BOC (also "snake" comments continued in refs);
 *  - addresses: raw "<workchain>:<64 hex>" and user-friendly base64 (tag, workchain, hash, CRC16);
 *  - amounts: decimal TON ("0.5") ↔ nanotons (10^9 per TON) as decimal strings.
 */

const BOC_MAGIC = 0xb5ee9c72;
/** Data bits a cell holds (1023): 127 whole bytes, 4 of them the op code. */
export const COMMENT_MAX_BYTES = 123;

// ---- checksums ----

let crc32cTable: Uint32Array | null = null;

/** CRC-32C (Castagnoli, reflected 0x82F63B78), the checksum a BOC ends with. */
export function crc32c(bytes: Uint8Array): number {
  if (!crc32cTable) {
    crc32cTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
      crc32cTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crc32cTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-16/XMODEM (poly 0x1021, init 0), the checksum of a user-friendly address. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

// ---- cells and bags of cells ----

/** One ordinary cell with whole-byte data (all this rail writes). */
export interface Cell {
  data: Uint8Array;
  refs: Cell[];
}

/**
 * Serializes a tree of ordinary cells with byte-aligned data as a BOC: one root, no index,
 * with CRC32C. Cells are written root first, each before the cells it references.
 */
export function serializeBoc(root: Cell): Uint8Array {
  const order: Cell[] = [];
  const walk = (c: Cell): void => {
    if (order.includes(c)) return;
    order.push(c);
    for (const r of c.refs) walk(r);
  };
  walk(root);
  const size = order.length < 256 ? 1 : order.length < 65536 ? 2 : 3;
  const cells: number[] = [];
  for (const c of order) {
    if (c.refs.length > 4) throw new Error('a cell has at most 4 references');
    if (c.data.length > 127) throw new Error('a cell holds at most 1023 bits');
    cells.push(c.refs.length, c.data.length * 2); // d1: refs, ordinary, level 0; d2: whole bytes, no completion tag
    cells.push(...c.data);
    for (const r of c.refs) cells.push(...be(order.indexOf(r), size));
  }
  const offBytes = cells.length < 256 ? 1 : cells.length < 65536 ? 2 : 4;
  const head = [
    ...be(BOC_MAGIC, 4),
    0x40 | size, // has_idx 0, has_crc32c 1, has_cache_bits 0, flags 0, size
    offBytes,
    ...be(order.length, size), // cells
    ...be(1, size), // roots
    ...be(0, size), // absent
    ...be(cells.length, offBytes), // tot_cells_size
    ...be(0, size), // the root is cell 0
  ];
  const body = Uint8Array.from([...head, ...cells]);
  const crc = crc32c(body);
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  out.set([crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24], body.length); // little-endian
  return out;
}

function be(value: number, bytes: number): number[] {
  const out: number[] = [];
  for (let i = bytes - 1; i >= 0; i--) out.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
  return out;
}

/** A parsed cell: its data bits as bytes (completion tag removed) and its references. */
export interface ParsedCell {
  bits: number;
  data: Uint8Array;
  refs: ParsedCell[];
}

/** Parses a BOC (single root, ordinary cells); throws on anything malformed. */
export function parseBoc(boc: Uint8Array): ParsedCell {
  let p = 0;
  const need = (n: number): void => {
    if (p + n > boc.length) throw new Error('BOC is truncated');
  };
  const read = (n: number): number => {
    need(n);
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + boc[p++]!;
    return v;
  };
  if (read(4) !== BOC_MAGIC) throw new Error('not a BOC (bad magic)');
  const flags = read(1);
  const hasIdx = (flags & 0x80) !== 0;
  const hasCrc = (flags & 0x40) !== 0;
  const size = flags & 0x07;
  if (size < 1 || size > 4) throw new Error('BOC reference size out of range');
  const offBytes = read(1);
  if (offBytes < 1 || offBytes > 8) throw new Error('BOC offset size out of range');
  const count = read(size);
  const roots = read(size);
  read(size); // absent
  const total = read(offBytes);
  if (roots < 1) throw new Error('BOC has no root');
  const rootIndex = read(size);
  for (let i = 1; i < roots; i++) read(size);
  if (hasIdx) read(count * offBytes);
  const start = p;
  need(total);
  if (hasCrc) {
    if (boc.length < start + total + 4) throw new Error('BOC is truncated');
    const body = boc.subarray(0, start + total);
    const crc = crc32c(body);
    const stored = boc[start + total]! | (boc[start + total + 1]! << 8) | (boc[start + total + 2]! << 16) | (boc[start + total + 3]! << 24);
    if ((stored >>> 0) !== crc) throw new Error('BOC checksum mismatch');
  }
  const raw: { bits: number; data: Uint8Array; refs: number[] }[] = [];
  for (let i = 0; i < count; i++) {
    const d1 = read(1);
    const d2 = read(1);
    const refCount = d1 & 7;
    if (d1 & 8) throw new Error('exotic cells are not read here');
    const len = Math.ceil(d2 / 2);
    need(len);
    let data = boc.slice(p, p + len);
    p += len;
    let bits = len * 8;
    if (d2 % 2 === 1) {
      // Not byte-aligned: the last byte ends with a 1 followed by zeros (the completion tag).
      const last = data[len - 1]!;
      if (last === 0) throw new Error('BOC cell lacks its completion tag');
      let tz = 0;
      while (((last >> tz) & 1) === 0) tz++;
      bits -= tz + 1;
      data = data.slice(0, Math.ceil(bits / 8));
    }
    const refs: number[] = [];
    for (let r = 0; r < refCount; r++) refs.push(read(size));
    raw.push({ bits, data, refs });
  }
  const built = new Map<number, ParsedCell>();
  const build = (i: number, depth: number): ParsedCell => {
    if (depth > 1024) throw new Error('BOC is too deep');
    const r = raw[i];
    if (!r) throw new Error('BOC reference out of range');
    const hit = built.get(i);
    if (hit) return hit;
    const cell: ParsedCell = { bits: r.bits, data: r.data, refs: r.refs.map((j) => { if (j <= i) throw new Error('BOC references must point forward'); return build(j, depth + 1); }) };
    built.set(i, cell);
    return cell;
  };
  return build(rootIndex, 0);
}

// ---- comments ----

/** The base64 BOC of a text comment (op 0 + UTF-8), for TON Connect's message `payload`. */
export function commentPayload(text: string): string {
  const utf8 = new TextEncoder().encode(text);
  if (utf8.length > COMMENT_MAX_BYTES) throw new Error(`a one-cell comment holds at most ${COMMENT_MAX_BYTES} bytes`);
  const data = new Uint8Array(4 + utf8.length);
  data.set(utf8, 4);
  return Buffer.from(serializeBoc({ data, refs: [] })).toString('base64');
}

/**
 * The text comment of a message body BOC (base64 or hex), or null when the body is not one
 * (empty, another op code, encrypted, not whole bytes or not UTF-8).
 */
export function commentOf(body: string | null | undefined): string | null {
  if (!body) return null;
  let cell: ParsedCell;
  try {
    cell = parseBoc(/^[0-9a-f]+$/i.test(body) && body.length % 2 === 0 ? Buffer.from(body, 'hex') : Buffer.from(body, 'base64'));
  } catch {
    return null;
  }
  if (cell.bits < 32 || cell.data[0] !== 0 || cell.data[1] !== 0 || cell.data[2] !== 0 || cell.data[3] !== 0) return null;
  const parts: Uint8Array[] = [];
  let c: ParsedCell | undefined = cell;
  let skip = 4;
  while (c) {
    if (c.bits % 8 !== 0) return null;
    parts.push(c.data.subarray(skip));
    skip = 0;
    c = c.refs[0];
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(parts));
  } catch {
    return null;
  }
}

// ---- addresses ----

export interface TonAddress {
  workchain: number;
  /** 32 bytes. */
  hash: Uint8Array;
  /** From a user-friendly form: its flags (absent for raw input). */
  bounceable?: boolean;
  testOnly?: boolean;
}

/** Parses "0:<64 hex>" or a 48-character user-friendly address (base64 or base64url, CRC checked). */
export function parseAddress(text: string): TonAddress {
  const s = text.trim();
  const raw = /^(-?\d+):([0-9a-fA-F]{64})$/.exec(s);
  if (raw) {
    const wc = Number(raw[1]);
    if (wc < -128 || wc > 127) throw new Error(`address ${s}: workchain out of range`);
    return { workchain: wc, hash: Buffer.from(raw[2]!, 'hex') };
  }
  if (!/^[A-Za-z0-9+/_-]{48}$/.test(s)) throw new Error(`"${s}" is not a TON address (raw 0:<hex> or user-friendly EQ…/UQ…)`);
  const bytes = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length !== 36) throw new Error(`"${s}" is not a TON address`);
  if (crc16(bytes.subarray(0, 34)) !== bytes.readUInt16BE(34)) throw new Error(`address ${s}: checksum mismatch`);
  const tag = bytes[0]!;
  const testOnly = (tag & 0x80) !== 0;
  const base = tag & 0x7f;
  if (base !== 0x11 && base !== 0x51) throw new Error(`address ${s}: unknown tag`);
  return { workchain: bytes.readInt8(1), hash: Uint8Array.from(bytes.subarray(2, 34)), bounceable: base === 0x11, testOnly };
}

/** "0:<64 lowercase hex>": the form compared everywhere here. */
export function rawAddress(a: TonAddress | string): string {
  const x = typeof a === 'string' ? parseAddress(a) : a;
  return `${x.workchain}:${Buffer.from(x.hash).toString('hex')}`;
}

/** The user-friendly base64url form. */
export function friendlyAddress(a: TonAddress | string, o: { bounceable: boolean; testOnly: boolean }): string {
  const x = typeof a === 'string' ? parseAddress(a) : a;
  const bytes = Buffer.alloc(36);
  bytes[0] = (o.bounceable ? 0x11 : 0x51) | (o.testOnly ? 0x80 : 0);
  bytes.writeInt8(x.workchain, 1);
  Buffer.from(x.hash).copy(bytes, 2);
  bytes.writeUInt16BE(crc16(bytes.subarray(0, 34)), 34);
  return bytes.toString('base64url');
}

// ---- amounts ----

const NANO = 1_000_000_000n;

/** "0.5" TON → "500000000" nanotons; throws unless a positive decimal with at most 9 places. */
export function toNano(ton: string | number): string {
  const s = typeof ton === 'number' ? String(ton) : ton.trim();
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(s);
  if (!m) throw new Error(`"${s}" is not an amount of TON (a decimal like "0.5", at most 9 places)`);
  const nano = BigInt(m[1]!) * NANO + BigInt((m[2] ?? '').padEnd(9, '0'));
  if (nano <= 0n) throw new Error('an amount of TON must be positive');
  return nano.toString();
}

/** Nanotons → a decimal TON string without trailing zeros ("500000000" → "0.5"). */
export function fromNano(nano: string | bigint): string {
  const n = BigInt(nano);
  const neg = n < 0n;
  const a = neg ? -n : n;
  const frac = (a % NANO).toString().padStart(9, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / NANO}${frac ? '.' + frac : ''}`;
}
