/**
 * Telegram's closing confirmation ("Changes you made may not be saved"), wanted by the app
 * (app.json `"telegram": {"closingConfirmation": true}`) or by a page that called
 * wx.enableAlertBeforeUnload. The bridge is told only when the combined answer changes.
 */
import { postEvent } from '../telegram/index.js';

const wanted = new Set<string>();
let current = false;

export function setClosingConfirmation(reason: string, on: boolean): void {
  if (on) wanted.add(reason);
  else wanted.delete(reason);
  const need = wanted.size > 0;
  if (need === current) return;
  current = need;
  postEvent('web_app_setup_closing_behavior', { need_confirmation: need });
}

/** What a page that called wx.enableAlertBeforeUnload keeps: the question to ask. */
export const ALERT_BEFORE_UNLOAD = Symbol.for('wx2tg.alertBeforeUnload');

interface GuardedPage {
  [ALERT_BEFORE_UNLOAD]?: string;
}

/** The question a page asks before the user leaves it, or null. */
export function leaveQuestion(page: unknown): string | null {
  return (page as GuardedPage | undefined)?.[ALERT_BEFORE_UNLOAD] ?? null;
}

export function setLeaveQuestion(page: unknown, message: string | null): void {
  if (message) (page as GuardedPage)[ALERT_BEFORE_UNLOAD] = message;
  else delete (page as GuardedPage)[ALERT_BEFORE_UNLOAD];
}

/** Keeps Telegram's closing confirmation on while the page shown asks before leaving. */
export function pageShown(page: unknown): void {
  setClosingConfirmation('page', leaveQuestion(page) !== null);
}

/** Asks the page's question (a modal with Cancel / OK); true when the user chose to leave. */
export async function confirmLeave(question: string): Promise<boolean> {
  const { showModal } = await import('../api/feedback.js');
  const res = (await showModal({ title: '', content: question })) as { confirm?: boolean };
  return !!res?.confirm;
}
