/**
 * Cloud file storage on disk: `cloud://<env>.wx2tg/<cloudPath>` file IDs, a metadata row per
 * file (who uploaded it), and signed, expiring temporary URLs. Permissions follow WeChat's
 * default storage rule: every user reads, only the uploader overwrites or deletes; cloud
 * functions do anything. Writes go to a temporary file renamed into place, so a reader never
 * sees half a file.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkCloudPath, CloudError, ERR, parseFileId } from '../../common/cloudDb.js';
import type { Db } from '../storage/db.js';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS wx2tg_cloud_files (path TEXT PRIMARY KEY, openid TEXT, size BIGINT NOT NULL, content_type TEXT NOT NULL,
     created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)`,
];

export interface CloudFilesOptions {
  dir: string;
  env: string;
  /** Signs temporary URLs. */
  secret: Buffer;
  /** Largest upload in bytes (default 10 MiB). */
  maxBytes?: number;
}

export interface FileResult {
  fileID: string;
  status: number;
  errMsg: string;
  tempFileURL?: string;
  maxAge?: number;
}

export class CloudFiles {
  constructor(
    private readonly db: Db,
    readonly options: CloudFilesOptions,
  ) {}

  get maxBytes(): number {
    return this.options.maxBytes ?? 10 << 20;
  }

  async init(): Promise<void> {
    await mkdir(this.options.dir, { recursive: true });
    for (const sql of SCHEMA) await this.db.query(sql);
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.options.env}.wx2tg/${cloudPath}`;
  }

  private pathOf(fileID: unknown): string {
    const p = parseFileId(fileID);
    if (!p) throw new CloudError(ERR.PARAM, `${JSON.stringify(fileID)} is not a cloud file ID (cloud://…)`);
    return checkCloudPath(p.path);
  }

  /** Each listed file ID with its stored row, or the per-file failure WeChat reports in the list. */
  private async lookup(list: unknown, each: (fileID: string, p: string, row: Record<string, unknown>, item: unknown) => Promise<FileResult>): Promise<FileResult[]> {
    if (!Array.isArray(list) || list.length === 0 || list.length > 50) throw new CloudError(ERR.PARAM, 'fileList must list 1-50 file IDs');
    const out: FileResult[] = [];
    for (const item of list) {
      const fileID = typeof item === 'string' ? item : (item as { fileID?: unknown })?.fileID;
      let p: string;
      try {
        p = this.pathOf(fileID);
      } catch (e) {
        out.push({ fileID: String(fileID), status: ERR.PARAM, errMsg: (e as Error).message });
        continue;
      }
      const [row] = await this.db.query(`SELECT openid FROM wx2tg_cloud_files WHERE path = $1`, [p]);
      out.push(row ? await each(String(fileID), p, row, item) : { fileID: String(fileID), status: ERR.FILE_NOT_EXIST, errMsg: 'STORAGE_FILE_NONEXIST' });
    }
    return out;
  }

  private disk(cloudPath: string): string {
    const root = path.resolve(this.options.dir);
    const file = path.resolve(root, ...cloudPath.split('/'));
    if (!file.startsWith(root + path.sep)) throw new CloudError(ERR.PARAM, `cloudPath "${cloudPath}" leaves the storage folder`);
    return file;
  }

  /** Stores `body` at cloudPath for `openid` (null: a cloud function). */
  async upload(cloudPath: unknown, body: Buffer, contentType: string, openid: string | null, now = Date.now()): Promise<string> {
    const p = checkCloudPath(cloudPath);
    if (body.length > this.maxBytes) throw new CloudError(ERR.UPLOAD_TOO_BIG, `the file is ${body.length} bytes; at most ${this.maxBytes} may be uploaded`);
    const rows = await this.db.query(`SELECT openid FROM wx2tg_cloud_files WHERE path = $1`, [p]);
    if (rows[0] && openid !== null && rows[0].openid !== openid) throw new CloudError(ERR.FILE_PERMISSION, `no permission to overwrite ${this.fileId(p)}: another user uploaded it`);
    const file = this.disk(p);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(tmp, body);
    await rename(tmp, file);
    const type = /^[\w.+-]+\/[\w.+-]+$/.test(contentType) ? contentType : 'application/octet-stream';
    await this.db.query(
      `INSERT INTO wx2tg_cloud_files (path, openid, size, content_type, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (path) DO UPDATE SET size = excluded.size, content_type = excluded.content_type, updated_at = excluded.updated_at`,
      [p, openid, body.length, type, now],
    );
    return this.fileId(p);
  }

  private sign(p: string, expires: number): string {
    return createHmac('sha256', this.options.secret).update(`${p}\n${expires}`).digest('base64url');
  }

  /** Temporary URLs (GET, no authorization needed) under `base` (…/wx2tg/cloud/files/raw). */
  async tempUrls(list: unknown, base: string, now = Date.now()): Promise<FileResult[]> {
    return this.lookup(list, async (fileID, p, _row, item) => {
      const maxAgeRaw = typeof item === 'object' && item ? Number((item as { maxAge?: unknown }).maxAge ?? 86400) : 86400;
      const maxAge = Number.isFinite(maxAgeRaw) ? Math.min(Math.max(1, Math.floor(maxAgeRaw)), 86400) : 86400;
      const expires = Math.floor(now / 1000) + maxAge;
      const url = `${base}/${p.split('/').map(encodeURIComponent).join('/')}?e=${expires}&s=${this.sign(p, expires)}`;
      return { fileID, tempFileURL: url, maxAge, status: 0, errMsg: 'ok' };
    });
  }

  /** Serves a temporary URL's file; null when the signature or expiry is wrong or the file is gone. */
  async open(rawPath: string, query: URLSearchParams, now = Date.now()): Promise<{ stream: NodeJS.ReadableStream; size: number; type: string } | null> {
    let p: string;
    try {
      p = checkCloudPath(rawPath.split('/').map(decodeURIComponent).join('/'));
    } catch {
      return null;
    }
    const expires = Number(query.get('e'));
    const sig = Buffer.from(query.get('s') ?? '', 'base64url');
    const want = Buffer.from(this.sign(p, expires), 'base64url');
    if (!Number.isInteger(expires) || expires * 1000 < now || sig.length !== want.length || !timingSafeEqual(sig, want)) return null;
    const rows = await this.db.query(`SELECT content_type FROM wx2tg_cloud_files WHERE path = $1`, [p]);
    const file = this.disk(p);
    if (!rows[0] || !existsSync(file)) return null;
    const st = await stat(file);
    return { stream: createReadStream(file), size: st.size, type: String(rows[0].content_type) };
  }

  /** Reads a file (cloud functions' downloadFile). */
  async read(fileID: unknown): Promise<Buffer> {
    const p = this.pathOf(fileID);
    const rows = await this.db.query(`SELECT path FROM wx2tg_cloud_files WHERE path = $1`, [p]);
    if (!rows[0]) throw new CloudError(ERR.FILE_NOT_EXIST, `STORAGE_FILE_NONEXIST: ${String(fileID)}`);
    const { readFile } = await import('node:fs/promises');
    return readFile(this.disk(p));
  }

  async remove(list: unknown, openid: string | null): Promise<FileResult[]> {
    return this.lookup(list, async (fileID, p, row) => {
      if (openid !== null && row.openid !== openid) return { fileID, status: ERR.FILE_PERMISSION, errMsg: 'no permission to delete a file another user uploaded' };
      await this.db.query(`DELETE FROM wx2tg_cloud_files WHERE path = $1`, [p]);
      await rm(this.disk(p), { force: true });
      return { fileID, status: 0, errMsg: 'ok' };
    });
  }
}
