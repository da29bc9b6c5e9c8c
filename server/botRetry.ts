/**
 * How the server kit calls the Bot API when Telegram is busy or failing: a grammY API
 * transformer (installed with `bot.api.config.use(botApiRetry())`).
 *
 * - 429 Too Many Requests: Telegram did not run the call; wait `parameters.retry_after` seconds
 *   (as its documentation asks) and call again, for every method. A wait longer than
 *   `maxRetryAfterSeconds` or than what is left of the call's budget is not waited out here:
 *   the 429 goes back to the caller, which can reschedule (the subscribe outbox does).
 * - A connection refused (or a name that does not resolve): nothing reached Telegram, so any
 *   method may be repeated, with back-off.
 * - 5xx answers, resets, timeouts: Telegram may or may not have run the call. Only methods that
 *   are safe to run twice are repeated (IDEMPOTENT_METHODS); for the rest (sendMessage above all)
 *   the error goes back to the caller, whose own record decides (the outbox retries and accepts
 *   an occasional duplicate; a plain sendMessage caller sees the error).
 * - Anything else (400, 401, 403, 404…) is an answer, returned at once.
 *
 * Back-off: baseDelayMs doubled per attempt up to maxDelayMs, with ±25 % jitter, at most
 * maxAttempts calls and budgetMs of waiting in all, so a call never hangs on a failing Telegram
 * (a pre-checkout query must be answered within 10 s).
 */
import { HttpError, type Transformer } from 'grammy';

/**
 * Methods whose repetition changes nothing a second time (or only makes an unused duplicate):
 * createInvoiceLink (a second link to the same order; only one payment can pass pre-checkout),
 * answerPreCheckoutQuery (a second answer is refused as "query is too old"), refundStarPayment
 * (a second call says CHARGE_ALREADY_REFUNDED, which Payments.refund accepts), the webhook and
 * menu settings, and every get*.
 */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  'getMe',
  'getWebhookInfo',
  'setWebhook',
  'deleteWebhook',
  'createInvoiceLink',
  'answerPreCheckoutQuery',
  'refundStarPayment',
  'setChatMenuButton',
  'getChatMenuButton',
  'setMyCommands',
  'getMyCommands',
  'getChat',
  'getFile',
  'getStarTransactions',
]);

export interface RetryInfo {
  method: string;
  /** The attempt that failed (1 = the first call). */
  attempt: number;
  /** "429 retry_after 3", "500 Internal Server Error", "network ECONNRESET"… */
  reason: string;
  delayMs: number;
}

export interface BotRetryOptions {
  /** Calls per API call, the first included (default 4). */
  maxAttempts?: number;
  /** Longest retry_after waited out here, in seconds (default 10). */
  maxRetryAfterSeconds?: number;
  /** First back-off after a 5xx or network error (default 250 ms). */
  baseDelayMs?: number;
  /** Longest single back-off (default 4 s). */
  maxDelayMs?: number;
  /** Most time one API call spends waiting between attempts (default 8 s). */
  budgetMs?: number;
  /** Methods repeated after an unknown outcome (default IDEMPOTENT_METHODS). */
  idempotent?: ReadonlySet<string>;
  /** Told before each wait (logs, figures). */
  onRetry?: (info: RetryInfo) => void;
}

/** Network errors where the request cannot have reached Telegram. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function networkCode(e: unknown): string {
  const inner = e instanceof HttpError ? (e.error as { code?: unknown; cause?: { code?: unknown } } | undefined) : undefined;
  const code = inner?.code ?? inner?.cause?.code;
  return typeof code === 'string' ? code : 'error';
}

/** grammY's AbortSignal type comes from the abort-controller package: only what both have. */
interface Signal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

function sleep(ms: number, signal?: Signal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The transformer. Stateless: one instance serves every call of a bot. */
export function botApiRetry(options: BotRetryOptions = {}): Transformer {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const maxRetryAfterMs = (options.maxRetryAfterSeconds ?? 10) * 1000;
  const base = options.baseDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 4000;
  const budget = options.budgetMs ?? 8000;
  const idempotent = options.idempotent ?? IDEMPOTENT_METHODS;
  const backoff = (attempt: number): number => Math.round(Math.min(maxDelay, base * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5));

  return (async (prev, method, payload, signal) => {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      let res: Awaited<ReturnType<typeof prev>> | undefined;
      let error: unknown;
      try {
        res = await prev(method, payload, signal);
      } catch (e) {
        error = e;
      }
      if (res?.ok) return res;
      let delay: number | null = null;
      let reason = '';
      if (res) {
        const code = res.error_code;
        if (code === 429) {
          const after = Math.max(0, Number(res.parameters?.retry_after ?? 1)) * 1000;
          reason = `429 retry_after ${after / 1000}`;
          if (after <= maxRetryAfterMs) delay = after + Math.round(Math.random() * 100);
        } else if (code >= 500 && idempotent.has(method)) {
          reason = `${code} ${res.description}`;
          delay = backoff(attempt);
        }
      } else if (error instanceof HttpError) {
        const code = networkCode(error);
        reason = `network ${code}`;
        if (NOT_SENT.has(code) || idempotent.has(method)) delay = backoff(attempt);
      }
      const give = (): typeof res => {
        if (error !== undefined) throw error;
        return res;
      };
      if (delay === null || attempt >= maxAttempts || signal?.aborted || waited + delay > budget) return give()!;
      options.onRetry?.({ method, attempt, reason, delayMs: delay });
      await sleep(delay, signal);
      waited += delay;
      if (signal?.aborted) return give()!;
    }
  }) as Transformer;
}
