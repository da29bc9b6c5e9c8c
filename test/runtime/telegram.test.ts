// @vitest-environment happy-dom
/** The bridge's version gating and the simulator's documented answers. */
import { describe, expect, it } from 'vitest';
import { supports, compareVersions } from '../../runtime/telegram/versions.js';
import { TelegramSimulator } from '../../runtime/telegram/simulator.js';
import { parseLaunchParams } from '../../runtime/telegram/launch.js';
import { decodeStartParam, encodeStartParam } from '../../runtime/shell/startParam.js';

function sim(): { s: TelegramSimulator; events: [string, any][] } {
  const events: [string, any][] = [];
  const s = new TelegramSimulator((e, d) => events.push([e, d]));
  return { s, events };
}

describe('bridge versions', () => {
  it('compares versions numerically and gates methods', () => {
    expect(compareVersions('6.10', '6.9')).toBe(1);
    expect(supports('web_app_setup_back_button', '6.0')).toBe(false);
    expect(supports('web_app_setup_back_button', '6.1')).toBe(true);
    expect(supports('web_app_device_storage_save_key', '8.0')).toBe(false);
    expect(supports('web_app_device_storage_save_key', '9.1')).toBe(true);
    expect(supports('web_app_no_such_method', '99.0')).toBe(false);
  });
});

describe('launch parameters', () => {
  it('reads tgWebAppData and friends from the hash, the start parameter from the query', () => {
    const init = new URLSearchParams({ user: JSON.stringify({ id: 5, first_name: 'A' }), auth_date: '1700000000', hash: 'h', signature: 's' });
    const hash = new URLSearchParams({ tgWebAppData: init.toString(), tgWebAppVersion: '8.0', tgWebAppPlatform: 'ios', tgWebAppThemeParams: '{"bg_color":"#000000"}' });
    const lp = parseLaunchParams('#' + hash.toString(), '?tgWebAppStartParam=abc')!;
    expect(lp.version).toBe('8.0');
    expect(lp.platform).toBe('ios');
    expect(lp.initData.user).toEqual({ id: 5, first_name: 'A' });
    expect(lp.initData.auth_date).toBe(1700000000);
    expect(lp.initDataRaw).toBe(init.toString());
    expect(lp.themeParams.bg_color).toBe('#000000');
    expect(lp.startParam).toBe('abc');
    expect(parseLaunchParams('#/pages/index/index', '')).toBeNull();
  });

  it('encodes page deep links as base64url start parameters and back', () => {
    const p = encodeStartParam('pages/detail/detail?id=42&from=share');
    expect(p).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeStartParam(p)).toBe('pages/detail/detail?id=42&from=share');
    expect(decodeStartParam('not a link!')).toBeNull();
    expect(() => encodeStartParam('p?' + 'x'.repeat(400))).toThrow(/512/);
  });
});

describe('simulator', () => {
  it('answers theme and viewport requests with the documented events', () => {
    const { s, events } = sim();
    s.handle('web_app_request_theme', {});
    s.handle('web_app_request_viewport', {});
    expect(events[0]![0]).toBe('theme_changed');
    expect(events[0]![1].theme_params.bg_color).toBe('#ffffff');
    expect(events[1]).toEqual(['viewport_changed', { height: 844, width: 390, is_expanded: true, is_state_stable: true }]);
  });

  it('only presses a back button that is shown', () => {
    const { s, events } = sim();
    expect(s.pressBack()).toBe(false);
    s.handle('web_app_setup_back_button', { is_visible: true });
    expect(s.pressBack()).toBe(true);
    expect(events).toEqual([['back_button_pressed', {}]]);
  });

  it('keeps popups and invoices pending until answered', () => {
    const { s, events } = sim();
    s.handle('web_app_open_popup', { message: 'Sure?', buttons: [{ id: 'ok', type: 'ok' }, { type: 'cancel' }] });
    s.handle('web_app_open_popup', { message: 'second' });
    expect(s.pending.length).toBe(1);
    s.answer(s.pending[0]!.id, 'ok');
    s.handle('web_app_open_invoice', { slug: 'abc' });
    s.answer(s.pending[0]!.id, 'paid');
    expect(events).toEqual([
      ['popup_closed', { button_id: 'ok' }],
      ['invoice_closed', { slug: 'abc', status: 'paid' }],
    ]);
  });

  it('enforces CloudStorage key and value limits', () => {
    const { s, events } = sim();
    const call = (method: string, params: unknown, req_id: string) => s.handle('web_app_invoke_custom_method', { req_id, method, params });
    call('saveStorageValue', { key: 'good_key-1', value: 'v' }, '1');
    call('saveStorageValue', { key: 'bad key', value: 'v' }, '2');
    call('saveStorageValue', { key: 'k', value: 'x'.repeat(4097) }, '3');
    call('getStorageValues', { keys: ['good_key-1', 'absent'] }, '4');
    expect(events.map((e) => e[1])).toEqual([
      { req_id: '1', result: true },
      { req_id: '2', error: 'KEY_INVALID' },
      { req_id: '3', error: 'VALUE_INVALID' },
      { req_id: '4', result: { 'good_key-1': 'v', absent: '' } },
    ]);
  });
});
