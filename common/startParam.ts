/**
 * The `startapp` parameter of Telegram links to pages of a ported program: "path?query" as
 * base64url (Telegram allows only A-Z a-z 0-9 _ - and at most 512 characters, so about 384 bytes
 * of path and query fit); the runtime decodes it at launch into getLaunchOptionsSync(). The links
 * themselves are in links.ts.
 */
export const START_PARAM_MAX = 512;

// common/ has neither DOM nor Node types; these globals exist in browsers and Node alike.
declare function btoa(s: string): string;
declare function atob(s: string): string;
declare const TextEncoder: { new (): { encode(s: string): Uint8Array } };
declare const TextDecoder: { new (label: string, o: { fatal: boolean }): { decode(b: Uint8Array): string } };

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Encodes a page path with query for a startapp link; throws when it does not fit. */
export function encodeStartParam(pathWithQuery: string): string {
  const value = toBase64Url(new TextEncoder().encode(pathWithQuery.replace(/^\/+/, '')));
  if (value.length > START_PARAM_MAX) throw new Error(`startapp parameter would be ${value.length} characters; Telegram allows ${START_PARAM_MAX}`);
  return value;
}

/** Decodes a startapp value; null when it is not one of ours (any other start parameter). */
export function decodeStartParam(value: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(value)) return null;
  try {
    const b64 = value.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c: string) => c.charCodeAt(0));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /^[\w\-./]+(\?.*)?$/.test(text) ? text : null;
  } catch {
    return null;
  }
}
