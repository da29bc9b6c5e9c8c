/**
 * Launch parameters: what Telegram puts in the URL when it opens the Mini App. They are read
 * once at start-up and kept in sessionStorage, because the router then owns the URL hash and a
 * reload must still find them.
 */
export interface TelegramUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: boolean;
  photo_url?: string;
  allows_write_to_pm?: boolean;
}

export interface InitData {
  user?: TelegramUser;
  auth_date?: number;
  hash?: string;
  signature?: string;
  start_param?: string;
  query_id?: string;
  chat_type?: string;
  chat_instance?: string;
}

export interface LaunchParams {
  version: string;
  platform: string;
  /** tgWebAppData exactly as received: what a server validates. */
  initDataRaw: string;
  initData: InitData;
  themeParams: Record<string, string>;
  startParam: string;
  fullscreen: boolean;
  /** Set when the in-page simulator made these (no Telegram client is present). */
  simulated?: boolean;
}

const STORAGE_KEY = 'wx2tg:launch-params';

/** Parses launch parameters from a hash/query string; null when it has none. */
export function parseLaunchParams(hash: string, search: string): LaunchParams | null {
  const hp = new URLSearchParams(hash.replace(/^#/, ''));
  const sp = new URLSearchParams(search.replace(/^\?/, ''));
  const get = (k: string): string | null => hp.get(k) ?? sp.get(k);
  const version = get('tgWebAppVersion');
  if (!version) return null;
  const initDataRaw = get('tgWebAppData') ?? '';
  const initData: InitData = {};
  const ip = new URLSearchParams(initDataRaw);
  for (const [k, v] of ip) {
    if (k === 'user') {
      try {
        initData.user = JSON.parse(v) as TelegramUser;
      } catch {
        /* a malformed user is left out */
      }
    } else if (k === 'auth_date') initData.auth_date = Number(v);
    else (initData as Record<string, unknown>)[k] = v;
  }
  let themeParams: Record<string, string> = {};
  const theme = get('tgWebAppThemeParams');
  if (theme) {
    try {
      themeParams = JSON.parse(theme) as Record<string, string>;
    } catch {
      themeParams = {};
    }
  }
  return {
    version,
    platform: get('tgWebAppPlatform') ?? 'unknown',
    initDataRaw,
    initData,
    themeParams,
    startParam: get('tgWebAppStartParam') ?? initData.start_param ?? '',
    fullscreen: get('tgWebAppFullscreen') === '1',
  };
}

/** Reads the launch parameters from the URL, else from this tab's earlier start; stores them. */
export function retrieveLaunchParams(): LaunchParams | null {
  const fromUrl = parseLaunchParams(location.hash, location.search);
  if (fromUrl) {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(fromUrl));
    } catch {
      /* storage may be unavailable (private mode); the URL copy still works this time */
    }
    return fromUrl;
  }
  try {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    return saved ? (JSON.parse(saved) as LaunchParams) : null;
  } catch {
    return null;
  }
}

export function storeLaunchParams(lp: LaunchParams): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(lp));
  } catch {
    /* see above */
  }
}
