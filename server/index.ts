/**
 * wx2tg/server: the back-end pieces WeChat gave a mini-program for free, on Telegram.
 */
export {
  checkInitData,
  checkInitDataSignature,
  signInitData,
  dataCheckString,
  initDataFromCode,
  parseInitData,
  botIdOf,
  TELEGRAM_PUBLIC_KEYS,
  type InitDataCheck,
  type InitDataUser,
  type ParsedInitData,
  type ThirdPartyOptions,
} from './initData.js';
export { code2Session, Code2SessionError, openidFor, unionidFor, tmaAuth, verifyAuthorization, type Session, type LoginOptions, type AuthOptions, type AuthedRequest, type TmaAuth } from './login.js';
export { openStore, Store, SqliteDb, PostgresDb, DEFAULT_SQLITE_FILE, type Order, type OrderStatus, type PaymentRecord, type UserRecord, type Db } from './storage/index.js';
export { createServerKit, ServerKit, HttpError as KitHttpError, publicOrder, type KitOptions, type KitExtension, type KitRequest, type CatalogItem, type Caller } from './kit.js';
export { Payments, InvoiceError, invoiceSlug, validateInvoice, type InvoiceSpec, type PaymentHooks, type CreatedInvoice, type Buyer } from './payments.js';
export { SubscribeMessages, SubscribeError, type SubscribeMessage, type SubscribeOptions, type SubscribeTemplate, type SubscribeResult, type SubscribeSent, type OutboxOptions } from './subscribe.js';
export { botApiRetry, IDEMPOTENT_METHODS, type BotRetryOptions, type RetryInfo } from './botRetry.js';
export { RequestProxy, ProxyError, type ProxyOptions } from './proxy.js';
export { TelegramStandIn, type StandInUser, type StandInInvoice, type PayResult, type StandInFault, type WebhookFault } from './telegramStandIn.js';
export { runServer, staticFiles, type RunningServer } from './run.js';
export { settingsFrom, readFileConfig, ConfigError, type ServeEnv, type ServeSettings, type FileConfig } from './serverConfig.js';
export { startDevBackend, type DevBackend, type DevBackendOptions } from './devBackend.js';
export { TonRail, createTonRail, validateTonOptions, TonConfigError, ToncenterReader, ToncenterStandIn, TonStore, commentPayload, commentOf, parseAddress, rawAddress, friendlyAddress, toNano, fromNano, type TonRailOptions, type TonOrderSpec, type TonHooks, type ChainReader, type TonTransfer, type TonOrder, type StandInTransfer } from './ton/index.js';
