export declare function dataCheckString(params: URLSearchParams): string;
/** Signs init data fields with a bot token; returns the query string Telegram would send. */
export declare function signInitData(fields: Record<string, string>, botToken: string): string;
export type InitDataCheck = {
    ok: true;
    params: URLSearchParams;
    authDate: number;
} | {
    ok: false;
    reason: 'missing hash' | 'bad hash' | 'missing auth_date' | 'expired';
};
/**
 * Validates raw init data against a bot token, comparing in constant time and rejecting data
 * older than `maxAgeSeconds` (0 disables the age check).
 */
export declare function checkInitData(raw: string, botToken: string, maxAgeSeconds?: number, now?: number): InitDataCheck;
