/**
 * A simulated Telegram client, used when the bundle runs outside Telegram (a plain browser,
 * tests) and by `wx2tg dev`'s panel. It answers bridge methods with the events Telegram documents,
 * in the documented shapes, and keeps the interactive ones (popups, invoices, QR scans) pending
 * until someone answers them: a person in the panel, or a test through `window.__wx2tgSimulator`.
 */
import type { LaunchParams, TelegramUser } from './launch.js';

export type ColorScheme = 'light' | 'dark';

export const THEMES: Record<ColorScheme, Record<string, string>> = {
  light: {
    bg_color: '#ffffff',
    text_color: '#000000',
    hint_color: '#999999',
    link_color: '#2481cc',
    button_color: '#2481cc',
    button_text_color: '#ffffff',
    secondary_bg_color: '#efeff3',
    header_bg_color: '#ffffff',
    bottom_bar_bg_color: '#ffffff',
    accent_text_color: '#2481cc',
    section_bg_color: '#ffffff',
    section_header_text_color: '#6d6d71',
    section_separator_color: '#e7e7e7',
    subtitle_text_color: '#999999',
    destructive_text_color: '#ff3b30',
  },
  dark: {
    bg_color: '#212121',
    text_color: '#ffffff',
    hint_color: '#aaaaaa',
    link_color: '#8774e1',
    button_color: '#8774e1',
    button_text_color: '#ffffff',
    secondary_bg_color: '#0f0f0f',
    header_bg_color: '#212121',
    bottom_bar_bg_color: '#212121',
    accent_text_color: '#8774e1',
    section_bg_color: '#212121',
    section_header_text_color: '#aaaaaa',
    section_separator_color: '#3d3d3d',
    subtitle_text_color: '#aaaaaa',
    destructive_text_color: '#ff595a',
  },
};

/** The simulated user (made up; any id works with a signed dev launch). */
export const DEFAULT_USER: TelegramUser = {
  id: 700000001,
  first_name: 'Ada',
  last_name: 'Tester',
  username: 'wx2tg_ada',
  language_code: 'en',
  allows_write_to_pm: true,
};

/** The newest Bot API whose Mini App methods the simulator implements. */
export const SIMULATOR_VERSION = '9.1';

export interface PendingInteraction {
  id: number;
  kind: 'popup' | 'invoice' | 'qr';
  params: any;
}

export interface SimulatorState {
  colorScheme: ColorScheme;
  viewport: { width: number; height: number };
  backButtonVisible: boolean;
  settingsButtonVisible: boolean;
  headerColor: string | null;
  backgroundColor: string | null;
  bottomBarColor: string | null;
  closingConfirmation: boolean;
  verticalSwipes: boolean;
  ready: boolean;
  expanded: boolean;
  closed: boolean;
  fullscreen: boolean;
  mainButton: Record<string, unknown> | null;
  openedLinks: string[];
  haptics: unknown[];
}

export interface SimulatorLogEntry {
  method: string;
  params: unknown;
  t: number;
}

type Send = (event: string, data: unknown) => void;

const KEY_RE = /^[A-Za-z0-9_-]{1,128}$/;

export class TelegramSimulator {
  readonly state: SimulatorState;
  readonly log: SimulatorLogEntry[] = [];
  readonly pending: PendingInteraction[] = [];
  /** CloudStorage as Telegram keeps it: per user, max 1024 keys, values up to 4096 chars. */
  readonly cloud = new Map<string, string>();
  /** DeviceStorage: kept in localStorage under its own prefix, so it outlives a reload as Telegram's does. */
  readonly device = new PersistentMap('wx2tg-sim:device:');
  /**
   * The device's safe area (a phone with a notch: {top: 47, bottom: 34, …}); zero like Telegram
   * Desktop by default. Change it with setSafeArea.
   */
  safeArea = { top: 0, bottom: 0, left: 0, right: 0 };
  /** Height of Telegram's control band over the content in fullscreen (its Close and ⋯ buttons). */
  fullscreenControlsHeight = 46;

  /** What Telegram's own controls cover: only in fullscreen, a band at the top. */
  contentSafeArea(): { top: number; bottom: number; left: number; right: number } {
    return { top: this.state.fullscreen ? this.fullscreenControlsHeight : 0, bottom: 0, left: 0, right: 0 };
  }

  /** Simulates a device with these insets (as rotating a phone would change them). */
  setSafeArea(insets: { top: number; bottom: number; left: number; right: number }): void {
    this.safeArea = { ...insets };
    this.emit('safe_area_changed', { ...this.safeArea });
  }

  /** Where the simulated device is (null: no location service, as on Telegram Desktop). */
  location: { latitude: number; longitude: number; altitude?: number; course?: number; speed?: number; horizontal_accuracy?: number; vertical_accuracy?: number } | null = {
    latitude: 52.5200,
    longitude: 13.4050,
    altitude: 34,
    speed: 0,
    horizontal_accuracy: 12,
    vertical_accuracy: 8,
  };
  /** null until the user was asked; then whether they let the app read the location. */
  locationAccess: boolean | null = null;
  /** Files the app asked Telegram to download. */
  readonly downloads: { url: string; file_name: string }[] = [];
  /** Sensor readings the simulated device reports (Telegram's units: m/s², rad/s, radians). */
  sensors = {
    accelerometer: { x: 0, y: 0, z: -9.81 },
    gyroscope: { x: 0.01, y: 0, z: 0 },
    device_orientation: { alpha: 1.5708, beta: 0.1, gamma: -0.05 },
  } as Record<string, Record<string, number>>;
  private sensorTimers = new Map<string, ReturnType<typeof setInterval>>();

  private startSensor(name: string, rate: number, absolute: boolean): void {
    if (this.sensorTimers.has(name) || !this.sensors[name]) {
      this.emit(`${name}_failed`, { error: this.sensors[name] ? 'ALREADY_STARTED' : 'UNSUPPORTED' });
      return;
    }
    const every = Math.min(1000, Math.max(20, rate));
    this.sensorTimers.set(name, setInterval(() => this.emit(`${name}_changed`, { ...this.sensors[name], ...(name === 'device_orientation' ? { absolute } : {}) }), every));
    this.emit(`${name}_started`, {});
  }

  private stopSensor(name: string): void {
    const t = this.sensorTimers.get(name);
    if (t) clearInterval(t);
    this.sensorTimers.delete(name);
    this.emit(`${name}_stopped`, {});
  }

  /** Answers given automatically instead of waiting (tests set these). */
  autoAnswer: { location?: 'allow' | 'deny'; download?: 'downloading' | 'cancelled'; popup?: string; invoice?: 'paid' | 'cancelled' | 'failed' | 'pending'; qr?: string; writeAccess?: 'allowed' | 'cancelled'; phone?: 'sent' | 'cancelled' } = {};
  private nextId = 1;
  private readonly changeListeners = new Set<() => void>();
  private readonly started = Date.now();

  constructor(private readonly send: Send, options: { colorScheme?: ColorScheme; viewport?: { width: number; height: number } } = {}) {
    this.state = {
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport ?? { width: 390, height: 844 },
      backButtonVisible: false,
      settingsButtonVisible: false,
      headerColor: null,
      backgroundColor: null,
      bottomBarColor: null,
      closingConfirmation: false,
      verticalSwipes: true,
      ready: false,
      expanded: false,
      closed: false,
      fullscreen: false,
      mainButton: null,
      openedLinks: [],
      haptics: [],
    };
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }

  /** Launch parameters a Telegram client would put in the URL (without a valid hash). */
  launchParams(startParam = ''): LaunchParams {
    const authDate = Math.floor(Date.now() / 1000);
    const init = new URLSearchParams();
    init.set('user', JSON.stringify(DEFAULT_USER));
    init.set('chat_instance', '-1');
    init.set('chat_type', 'sender');
    if (startParam) init.set('start_param', startParam);
    init.set('auth_date', String(authDate));
    init.set('signature', 'simulated');
    init.set('hash', 'simulated');
    return {
      version: SIMULATOR_VERSION,
      platform: 'web',
      initDataRaw: init.toString(),
      initData: { user: DEFAULT_USER, auth_date: authDate, hash: 'simulated', signature: 'simulated', start_param: startParam || undefined, chat_type: 'sender', chat_instance: '-1' },
      themeParams: THEMES[this.state.colorScheme],
      startParam,
      fullscreen: false,
    };
  }

  private emit(event: string, data: unknown): void {
    this.send(event, data);
  }

  /** Handles one method call from the Mini App. */
  handle(method: string, params: any): void {
    this.log.push({ method, params, t: Date.now() - this.started });
    const s = this.state;
    switch (method) {
      case 'web_app_ready':
        s.ready = true;
        break;
      case 'web_app_expand':
        s.expanded = true;
        this.emitViewport();
        break;
      case 'web_app_close':
        s.closed = true;
        break;
      case 'web_app_request_theme':
        this.emit('theme_changed', { theme_params: THEMES[s.colorScheme] });
        break;
      case 'web_app_request_viewport':
        this.emitViewport();
        break;
      case 'web_app_request_safe_area':
        this.emit('safe_area_changed', { ...this.safeArea });
        break;
      case 'web_app_request_content_safe_area':
        this.emit('content_safe_area_changed', this.contentSafeArea());
        break;
      case 'web_app_setup_back_button':
        s.backButtonVisible = !!params?.is_visible;
        break;
      case 'web_app_setup_settings_button':
        s.settingsButtonVisible = !!params?.is_visible;
        break;
      case 'web_app_set_header_color':
        s.headerColor = params?.color ?? params?.color_key ?? null;
        break;
      case 'web_app_set_background_color':
        s.backgroundColor = params?.color ?? null;
        break;
      case 'web_app_set_bottom_bar_color':
        s.bottomBarColor = params?.color ?? null;
        break;
      case 'web_app_setup_closing_behavior':
        s.closingConfirmation = !!params?.need_confirmation;
        break;
      case 'web_app_setup_swipe_behavior':
        s.verticalSwipes = !!params?.allow_vertical_swipe;
        break;
      case 'web_app_setup_main_button':
        s.mainButton = params ?? null;
        break;
      case 'web_app_trigger_haptic_feedback':
        s.haptics.push(params);
        break;
      case 'web_app_open_link':
      case 'web_app_open_tg_link':
        s.openedLinks.push(params?.url ?? params?.path_full ?? '');
        break;
      case 'web_app_request_fullscreen':
        if (s.fullscreen) this.emit('fullscreen_failed', { error: 'ALREADY_FULLSCREEN' });
        else {
          s.fullscreen = true;
          this.emit('fullscreen_changed', { is_fullscreen: true });
        }
        break;
      case 'web_app_exit_fullscreen':
        s.fullscreen = false;
        this.emit('fullscreen_changed', { is_fullscreen: false });
        break;
      case 'web_app_open_popup':
        this.interact('popup', params);
        break;
      case 'web_app_open_invoice':
        this.interact('invoice', params);
        break;
      case 'web_app_open_scan_qr_popup':
        this.interact('qr', params);
        break;
      case 'web_app_close_scan_qr_popup':
        this.closePending('qr');
        this.emit('scan_qr_popup_closed', {});
        break;
      case 'web_app_request_write_access':
        this.emit('write_access_requested', { status: this.autoAnswer.writeAccess ?? 'allowed' });
        break;
      case 'web_app_request_phone':
        this.emit('phone_requested', { status: this.autoAnswer.phone ?? 'cancelled' });
        break;
      case 'web_app_read_text_from_clipboard':
        this.emit('clipboard_text_received', { req_id: params?.req_id, data: null });
        break;
      case 'web_app_check_location':
        this.emit('location_checked', this.location ? { available: true, access_requested: this.locationAccess !== null, access_granted: this.locationAccess === true } : { available: false });
        break;
      case 'web_app_request_location':
        if (!this.location) this.emit('location_requested', { available: false });
        else {
          // The first request asks the user (tests decide through autoAnswer.location).
          if (this.locationAccess === null) this.locationAccess = (this.autoAnswer.location ?? 'allow') === 'allow';
          this.emit('location_requested', this.locationAccess ? { available: true, ...this.location } : { available: false });
        }
        break;
      case 'web_app_open_location_settings':
        this.locationAccess = null;
        break;
      case 'web_app_request_file_download':
        this.downloads.push({ url: String(params?.url ?? ''), file_name: String(params?.file_name ?? '') });
        this.emit('file_download_requested', { status: this.autoAnswer.download ?? 'downloading' });
        break;
      case 'web_app_start_accelerometer':
      case 'web_app_start_gyroscope':
      case 'web_app_start_device_orientation':
        this.startSensor(method.slice('web_app_start_'.length), Number(params?.refresh_rate) || 1000, !!params?.need_absolute);
        break;
      case 'web_app_stop_accelerometer':
      case 'web_app_stop_gyroscope':
      case 'web_app_stop_device_orientation':
        this.stopSensor(method.slice('web_app_stop_'.length));
        break;
      case 'web_app_check_home_screen':
        this.emit('home_screen_checked', { status: 'unsupported' });
        break;
      case 'web_app_biometry_get_info':
        this.emit('biometry_info_received', { available: false });
        break;
      case 'web_app_invoke_custom_method':
        this.customMethod(params);
        break;
      case 'web_app_device_storage_save_key':
        try {
          if (params?.value === null) this.device.delete(params.key);
          else this.device.set(String(params?.key), String(params?.value));
        } catch {
          // The simulated device is full (its values share the page's localStorage quota).
          this.emit('device_storage_failed', { req_id: params?.req_id, error: 'QUOTA_EXCEEDED' });
          break;
        }
        this.emit('device_storage_key_saved', { req_id: params?.req_id });
        break;
      case 'web_app_device_storage_get_key':
        this.emit('device_storage_key_received', { req_id: params?.req_id, value: this.device.get(String(params?.key)) ?? null });
        break;
      case 'web_app_device_storage_clear':
        this.device.clear();
        this.emit('device_storage_cleared', { req_id: params?.req_id });
        break;
      default:
        // Methods with no answer event (or not simulated) are only logged.
        break;
    }
    this.changed();
  }

  private emitViewport(): void {
    const v = this.state.viewport;
    this.emit('viewport_changed', { height: v.height, width: v.width, is_expanded: true, is_state_stable: true });
  }

  private interact(kind: PendingInteraction['kind'], params: any): void {
    const item: PendingInteraction = { id: this.nextId++, kind, params };
    if (kind === 'popup' && this.pending.some((p) => p.kind === 'popup')) {
      // Telegram shows one popup at a time; a second call is refused the same way.
      return;
    }
    this.pending.push(item);
    const auto = kind === 'popup' ? this.autoAnswer.popup : kind === 'invoice' ? this.autoAnswer.invoice : this.autoAnswer.qr;
    if (auto !== undefined) setTimeout(() => this.answer(item.id, auto), 0);
  }

  private closePending(kind: PendingInteraction['kind']): void {
    const i = this.pending.findIndex((p) => p.kind === kind);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /**
   * Answers a pending interaction as the user would: a popup button id, an invoice status, or
   * the text of a scanned QR code (null closes the scanner without a result).
   */
  answer(id: number, value: string | null): boolean {
    const i = this.pending.findIndex((p) => p.id === id);
    if (i < 0) return false;
    const item = this.pending[i]!;
    if (item.kind === 'qr' && value !== null) {
      this.emit('qr_text_received', { data: value });
      this.changed();
      return true; // the scanner stays open until the app closes it
    }
    this.pending.splice(i, 1);
    if (item.kind === 'popup') this.emit('popup_closed', value === null || value === '' ? {} : { button_id: value });
    else if (item.kind === 'invoice') this.emit('invoice_closed', { slug: item.params?.slug, status: value ?? 'cancelled' });
    else this.emit('scan_qr_popup_closed', {});
    this.changed();
    return true;
  }

  /** The user pressed Telegram's back button (only possible while it is shown). */
  pressBack(): boolean {
    if (!this.state.backButtonVisible) return false;
    this.emit('back_button_pressed', {});
    return true;
  }

  setColorScheme(scheme: ColorScheme): void {
    this.state.colorScheme = scheme;
    this.emit('theme_changed', { theme_params: THEMES[scheme] });
    this.changed();
  }

  setViewport(width: number, height: number): void {
    this.state.viewport = { width, height };
    this.emitViewport();
    this.changed();
  }

  private customMethod(params: any): void {
    const reqId = params?.req_id;
    const p = params?.params ?? {};
    const ok = (result: unknown): void => this.emit('custom_method_invoked', { req_id: reqId, result });
    const fail = (error: string): void => this.emit('custom_method_invoked', { req_id: reqId, error });
    switch (params?.method) {
      case 'saveStorageValue': {
        const key = String(p.key ?? '');
        const value = String(p.value ?? '');
        if (!KEY_RE.test(key)) return fail('KEY_INVALID');
        if (value.length > 4096) return fail('VALUE_INVALID');
        if (!this.cloud.has(key) && this.cloud.size >= 1024) return fail('STORAGE_KEYS_TOO_MUCH');
        this.cloud.set(key, value);
        return ok(true);
      }
      case 'getStorageValues': {
        const keys: unknown[] = Array.isArray(p.keys) ? p.keys : [];
        const out: Record<string, string> = {};
        for (const k of keys) {
          if (!KEY_RE.test(String(k))) return fail('KEY_INVALID');
          out[String(k)] = this.cloud.get(String(k)) ?? '';
        }
        return ok(out);
      }
      case 'deleteStorageValues': {
        const keys: unknown[] = Array.isArray(p.keys) ? p.keys : [];
        for (const k of keys) this.cloud.delete(String(k));
        return ok(true);
      }
      case 'getStorageKeys':
        return ok([...this.cloud.keys()]);
      case 'getCurrentTime':
        return ok(Math.floor(Date.now() / 1000));
      case 'getRequestedContact': {
        // What Telegram answers after the user shared their phone: the contact, signed like init data.
        if (this.autoAnswer.phone !== 'sent') return fail('CONTACT_NOT_REQUESTED');
        const contact = { user_id: DEFAULT_USER.id, phone_number: '+15550001111', first_name: DEFAULT_USER.first_name, last_name: DEFAULT_USER.last_name };
        return ok(`contact=${encodeURIComponent(JSON.stringify(contact))}&auth_date=${Math.floor(Date.now() / 1000)}&hash=simulated`);
      }
      default:
        return fail('METHOD_NOT_FOUND');
    }
  }
}

/** A string map persisted in localStorage (in memory only when that is unavailable). */
export class PersistentMap {
  private readonly memory = new Map<string, string>();
  constructor(private readonly prefix: string) {}
  private ls(): Storage | null {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      return null;
    }
  }
  get(key: string): string | undefined {
    const ls = this.ls();
    if (!ls) return this.memory.get(key);
    return ls.getItem(this.prefix + key) ?? undefined;
  }
  set(key: string, value: string): void {
    const ls = this.ls();
    if (ls) ls.setItem(this.prefix + key, value);
    else this.memory.set(key, value);
  }
  delete(key: string): void {
    this.ls()?.removeItem(this.prefix + key);
    this.memory.delete(key);
  }
  clear(): void {
    const ls = this.ls();
    if (ls) for (const k of Object.keys(ls)) if (k.startsWith(this.prefix)) ls.removeItem(k);
    this.memory.clear();
  }
}
