/** startapp deep links: see common/links.ts. */
export { START_PARAM_MAX, encodeStartParam, decodeStartParam, startAppLink } from '../../common/links.js';
