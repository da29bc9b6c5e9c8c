/**
 * The Bot API version that introduced each Mini App method (Telegram's "Recent changes" and the
 * platform method list). A call is made only when the client's tgWebAppVersion is at least this.
 */
const MIN_VERSION: Record<string, string> = {
  iframe_ready: '6.0',
  iframe_will_reload: '6.0',
  web_app_ready: '6.0',
  web_app_expand: '6.0',
  web_app_close: '6.0',
  web_app_data_send: '6.0',
  web_app_open_link: '6.0',
  web_app_request_theme: '6.0',
  web_app_request_viewport: '6.0',
  web_app_setup_main_button: '6.0',
  web_app_setup_closing_behavior: '6.0',
  web_app_open_tg_link: '6.1',
  web_app_open_invoice: '6.1',
  web_app_setup_back_button: '6.1',
  web_app_set_background_color: '6.1',
  web_app_set_header_color: '6.1',
  web_app_trigger_haptic_feedback: '6.1',
  web_app_open_popup: '6.2',
  web_app_open_scan_qr_popup: '6.4',
  web_app_close_scan_qr_popup: '6.4',
  web_app_read_text_from_clipboard: '6.4',
  web_app_switch_inline_query: '6.7',
  web_app_invoke_custom_method: '6.9',
  web_app_request_write_access: '6.9',
  web_app_request_phone: '6.9',
  web_app_setup_settings_button: '6.10',
  web_app_biometry_get_info: '7.2',
  web_app_biometry_request_access: '7.2',
  web_app_biometry_request_auth: '7.2',
  web_app_biometry_update_token: '7.2',
  web_app_biometry_open_settings: '7.2',
  web_app_setup_swipe_behavior: '7.7',
  web_app_share_to_story: '7.8',
  web_app_setup_secondary_button: '7.10',
  web_app_set_bottom_bar_color: '7.10',
  web_app_request_safe_area: '8.0',
  web_app_request_content_safe_area: '8.0',
  web_app_request_fullscreen: '8.0',
  web_app_exit_fullscreen: '8.0',
  web_app_toggle_orientation_lock: '8.0',
  web_app_add_to_home_screen: '8.0',
  web_app_check_home_screen: '8.0',
  web_app_set_emoji_status: '8.0',
  web_app_request_emoji_status_access: '8.0',
  web_app_check_location: '8.0',
  web_app_request_location: '8.0',
  web_app_open_location_settings: '8.0',
  web_app_request_file_download: '8.0',
  web_app_send_prepared_message: '8.0',
  web_app_start_accelerometer: '8.0',
  web_app_stop_accelerometer: '8.0',
  web_app_start_device_orientation: '8.0',
  web_app_stop_device_orientation: '8.0',
  web_app_start_gyroscope: '8.0',
  web_app_stop_gyroscope: '8.0',
  web_app_device_storage_save_key: '9.0',
  web_app_device_storage_get_key: '9.0',
  web_app_device_storage_clear: '9.0',
  web_app_secure_storage_save_key: '9.0',
  web_app_secure_storage_get_key: '9.0',
  web_app_secure_storage_restore_key: '9.0',
  web_app_secure_storage_clear: '9.0',
  web_app_hide_keyboard: '9.1',
  web_app_request_chat: '9.6',
};

/** Compares dotted versions numerically: "6.10" is after "6.9". */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** True when a client of `version` knows `method`. Unknown methods are not supported. */
export function supports(method: string, version: string): boolean {
  const min = MIN_VERSION[method];
  return min !== undefined && compareVersions(version, min) >= 0;
}

export function minVersion(method: string): string | undefined {
  return MIN_VERSION[method];
}
