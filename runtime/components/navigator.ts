/**
 * navigator: a tap navigates by `open-type` (navigate, redirect, switchTab, reLaunch,
 * navigateBack with `delta`), with hover-class "navigator-hover" by default. `exit` and
 * other-mini-program targets cannot work in Telegram and report so.
 */
import { ACTIVATE } from '../render/attrs.js';
import { enableDefaultHover, setHover } from './hover.js';
import { defineBuiltin } from './registry.js';
import { navigateBack, navigateTo, redirectTo, reLaunch, switchTab } from '../api/route.js';

const HOVER = { cls: 'navigator-hover', stay: 600 };

interface NavState {
  url: string;
  openType: string;
  delta: number;
  target: string;
}

const STATE = Symbol('wx2tg.navigator');

/** A tap navigates through the same APIs a script would call (and reports failures the same way). */
function navigate(openType: string, url: string, delta: number): void {
  const done = (p: Promise<unknown> | undefined): void => void p?.catch((e: { errMsg?: string }) => console.warn(`[wx2tg] navigator: ${e?.errMsg ?? e}`));
  if (openType === 'navigateBack') done(navigateBack({ delta }));
  else if (openType === 'redirect') done(redirectTo({ url }));
  else if (openType === 'switchTab') done(switchTab({ url }));
  else if (openType === 'reLaunch') done(reLaunch({ url }));
  else if (openType === 'exit') console.warn('[wx2tg] navigator open-type="exit" is not supported on Telegram');
  else done(navigateTo({ url }));
}

defineBuiltin('navigator', {
  create(el) {
    const s: NavState = { url: '', openType: 'navigate', delta: 1, target: 'self' };
    (el as any)[STATE] = s;
    el.setAttribute('role', 'link');
    enableDefaultHover(el, HOVER);
    (el as any)[ACTIVATE] = () => {
      if (s.target === 'miniProgram') {
        console.warn('[wx2tg] navigator target="miniProgram": opening other mini-programs is not supported on Telegram');
        return;
      }
      navigate(s.openType, s.url, s.delta);
    };
  },
  set(el, name, value) {
    const s = (el as any)[STATE] as NavState;
    if (setHover(el, name, value, HOVER)) return true;
    switch (name) {
      case 'url':
        s.url = value == null ? '' : String(value);
        return true;
      case 'open-type':
        s.openType = value == null ? 'navigate' : String(value);
        return true;
      case 'delta':
        s.delta = Number(value) || 1;
        return true;
      case 'target':
        s.target = String(value ?? 'self');
        return true;
      case 'app-id':
      case 'path':
      case 'extra-data':
      case 'version':
      case 'short-link':
        return true;
    }
    return false;
  },
});
