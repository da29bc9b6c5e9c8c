/** Lets Node run the soak's TypeScript (and the server's sources it imports) directly: the fuzzer's module hooks. */
import { register } from 'node:module';

register('../fuzz/ts-loader.mjs', import.meta.url);
