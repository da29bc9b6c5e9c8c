/** Entry of a fuzz worker thread: installs the TypeScript hooks, then runs worker.ts. */
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
await import('./worker.ts');
