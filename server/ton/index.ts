/** The TON payment rail (a server-kit extension) and what it is made of. */
export { TonRail, createTonRail, validateTonOptions, priceFromCatalog, TonConfigError, type TonRailOptions, type TonOrderSpec, type TonHooks } from './rail.js';
export { ToncenterReader, transferOf, TONCENTER, type ChainReader, type TonTransfer, type ToncenterOptions } from './chain.js';
export { TonStore, type TonOrder, type TonOrderStatus, type TonTransferRecord } from './tonStore.js';
export { ToncenterStandIn, type StandInTransfer } from './standIn.js';
export { commentPayload, commentOf, parseBoc, serializeBoc, parseAddress, rawAddress, friendlyAddress, toNano, fromNano, crc32c, crc16, COMMENT_MAX_BYTES } from './codec.js';
