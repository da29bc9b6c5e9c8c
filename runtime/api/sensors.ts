/**
 * Motion sensors through Telegram (8.0+): accelerometer (Telegram: m/s², WeChat: g), gyroscope
 * (rad/s both), device orientation (radians both) and a compass heading (degrees) from absolute
 * orientation. `interval` game/ui/normal → 20/60/200 ms, as WeChat documents them.
 */
import { asyncApi, ApiFail } from './callback.js';
import { on, postEvent } from '../telegram/index.js';
import { UNSUPPORTED_REASON } from '../../common/support.js';

const G = 9.80665;
const RATE: Record<string, number> = { game: 20, ui: 60, normal: 200 };
type Listener = (res: Record<string, unknown>) => void;

function sensor(name: 'accelerometer' | 'gyroscope' | 'device_orientation', map: (d: Record<string, number>) => Record<string, unknown>) {
  const listeners = new Set<Listener>();
  /** The runtime's own listeners (the compass), which offXxxChange() does not remove. */
  const internal = new Set<Listener>();
  let running = false;
  on(`${name}_changed`, (d: Record<string, number>) => {
    const res = map(d ?? {});
    for (const l of listeners) l(res);
    for (const l of internal) l(res);
  });
  const start = (api: string, interval: string | undefined, absolute = false): Promise<Record<string, never>> =>
    new Promise((resolve, reject) => {
      if (running) return resolve({});
      const offs = [
        on(`${name}_started`, () => {
          offs.forEach((o) => o());
          running = true;
          resolve({});
        }),
        on(`${name}_failed`, (d: { error?: string }) => {
          offs.forEach((o) => o());
          reject(new ApiFail(d?.error === 'UNSUPPORTED' ? UNSUPPORTED_REASON : String(d?.error ?? 'error')));
        }),
      ];
      const params: Record<string, unknown> = { refresh_rate: RATE[interval ?? 'normal'] ?? 200 };
      if (name === 'device_orientation') params.need_absolute = absolute;
      if (!postEvent(`web_app_start_${name}`, params)) {
        offs.forEach((o) => o());
        reject(new ApiFail(`${UNSUPPORTED_REASON} (${api} needs Telegram 8.0)`));
      }
    });
  const stop = (): Record<string, never> => {
    if (running) postEvent(`web_app_stop_${name}`);
    running = false;
    return {};
  };
  return { listeners, internal, start, stop };
}

const accel = sensor('accelerometer', (d) => ({ x: (d.x ?? 0) / G, y: (d.y ?? 0) / G, z: (d.z ?? 0) / G }));
const gyro = sensor('gyroscope', (d) => ({ x: d.x ?? 0, y: d.y ?? 0, z: d.z ?? 0 }));
const motion = sensor('device_orientation', (d) => ({ alpha: d.alpha ?? 0, beta: d.beta ?? 0, gamma: d.gamma ?? 0 }));
const compassListeners = new Set<Listener>();
motion.internal.add((res) => {
  if (!compassListeners.size) return;
  const deg = (((res.alpha as number) * 180) / Math.PI + 360) % 360;
  const out = { direction: (360 - deg) % 360, accuracy: 'high' };
  for (const l of compassListeners) l(out);
});

const listen = (set: Set<Listener>) => (fn: Listener): void => void (typeof fn === 'function' && set.add(fn));
const unlisten = (set: Set<Listener>) => (fn?: Listener): void => void (fn ? set.delete(fn) : set.clear());

export const startAccelerometer = asyncApi('startAccelerometer', (p: { interval?: string }) => accel.start('startAccelerometer', p.interval));
export const stopAccelerometer = asyncApi('stopAccelerometer', () => accel.stop());
export const onAccelerometerChange = listen(accel.listeners);
export const offAccelerometerChange = unlisten(accel.listeners);

export const startGyroscope = asyncApi('startGyroscope', (p: { interval?: string }) => gyro.start('startGyroscope', p.interval));
export const stopGyroscope = asyncApi('stopGyroscope', () => gyro.stop());
export const onGyroscopeChange = listen(gyro.listeners);
export const offGyroscopeChange = unlisten(gyro.listeners);

export const startDeviceMotionListening = asyncApi('startDeviceMotionListening', (p: { interval?: string }) => motion.start('startDeviceMotionListening', p.interval));
export const stopDeviceMotionListening = asyncApi('stopDeviceMotionListening', () => (compassListeners.size ? {} : motion.stop()));
export const onDeviceMotionChange = listen(motion.listeners);
export const offDeviceMotionChange = unlisten(motion.listeners);

export const startCompass = asyncApi('startCompass', () => motion.start('startCompass', 'ui', true));
export const stopCompass = asyncApi('stopCompass', () => motion.stop());
export const onCompassChange = listen(compassListeners);
export const offCompassChange = unlisten(compassListeners);
