import { asyncApi, ApiFail } from './callback.js';
import type { Router } from '../shell/router.js';

let router: Router | null = null;

export function setRouter(r: Router): void {
  router = r;
}

function need(): Router {
  if (!router) throw new ApiFail('the app has not started yet');
  return router;
}

function urlOf(params: { url?: unknown }): string {
  if (typeof params.url !== 'string' || !params.url) throw new ApiFail('parameter error: parameter.url should be String');
  return params.url;
}

export const navigateTo = asyncApi('navigateTo', async (p: { url?: string; events?: Record<string, (...a: unknown[]) => void> }) => {
  await need().navigateTo(urlOf(p));
  return {};
});

export const redirectTo = asyncApi('redirectTo', async (p: { url?: string }) => {
  await need().redirectTo(urlOf(p));
  return {};
});

export const reLaunch = asyncApi('reLaunch', async (p: { url?: string }) => {
  await need().reLaunch(urlOf(p));
  return {};
});

export const navigateBack = asyncApi('navigateBack', async (p: { delta?: number }) => {
  const r = need();
  if (r.stack.length <= 1) throw new ApiFail('cannot navigate back at first page.');
  await r.navigateBack(p.delta ?? 1);
  return {};
});

export function getCurrentPages(): unknown[] {
  return router ? router.pages() : [];
}
