/**
 * The `wx` object. Each domain lives in its own file; this one assembles them.
 */
import { offError, onError } from '../core/errors.js';
import { flushAll } from '../core/scheduler.js';
import { navigateBack, navigateTo, reLaunch, redirectTo } from './route.js';

export const wx: Record<string, unknown> = {
  navigateTo,
  navigateBack,
  redirectTo,
  reLaunch,
  onError,
  offError,
  nextTick(fn: () => void): void {
    queueMicrotask(() => {
      flushAll();
      fn();
    });
  },
};
