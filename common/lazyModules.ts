/**
 * Runtime modules loaded only on demand (runtime/api/lazy.ts and dynamic imports), relative to
 * the package's dist folder: the build keeps them out of the runtime chunk so that the first
 * download does not carry them. A module listed here must not be imported statically by
 * anything in the runtime chunk, or it would be loaded at start anyway.
 */
export const LAZY_RUNTIME_MODULES: readonly string[] = [
  'runtime/api/extras.js',
  'runtime/api/miscAsync.js',
  'runtime/api/location.js',
  'runtime/api/image.js',
  'runtime/api/scan.js',
  'runtime/api/settings.js',
  'runtime/api/sensors.js',
  'runtime/api/openType.js',
  'runtime/api/feedback.js',
  'runtime/api/transfer.js',
  'runtime/api/socket.js',
  'runtime/api/update.js',
  'runtime/api/payment.js',
  'runtime/api/tonPay.js',
  'runtime/api/subscribe.js',
  'runtime/core/animate.js',
  'runtime/shell/tabbar.js',
  'runtime/render/descriptor.js',
  'runtime/render/animationAttr.js',
  'runtime/api/innerAudio.js',
  'runtime/api/network.js',
  'runtime/api/device.js',
  'runtime/api/auth.js',
  'runtime/api/apiTablesAll.js',
];
