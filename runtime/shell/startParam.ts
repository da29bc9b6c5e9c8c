/** startapp deep links: see common/startParam.ts (the links themselves: common/links.ts). */
export { START_PARAM_MAX, encodeStartParam, decodeStartParam } from '../../common/startParam.js';
