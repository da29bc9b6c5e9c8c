/** The lazily loaded API domains (see lazy.ts). */
export * from './location.js';
export * from './image.js';
export * from './scan.js';
export * from './settings.js';
export * from './sensors.js';
export * from './miscAsync.js';
