/**
 * wx.getUpdateManager: a web build updates by being deployed again. The manager checks once at
 * start-up whether the deployed index.html names another entry script than the one running
 * (onCheckForUpdate with hasUpdate), then reports onUpdateReady; applyUpdate reloads.
 */
type Fn<T = unknown> = (res: T) => void;

class UpdateManager {
  private checked: { hasUpdate: boolean } | null = null;
  private failed = false;
  private readonly check: Fn<{ hasUpdate: boolean }>[] = [];
  private readonly ready: Fn[] = [];
  private readonly fail: Fn[] = [];
  constructor() {
    void this.run();
  }
  private async run(): Promise<void> {
    try {
      const current = [...document.querySelectorAll('script[type="module"][src]')].map((s) => new URL((s as HTMLScriptElement).src, location.href).pathname);
      const res = await fetch(location.pathname, { cache: 'no-store' });
      if (!res.ok) throw new Error(String(res.status));
      const html = await res.text();
      const deployed = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => new URL(m[1]!, location.href).pathname);
      const hasUpdate = deployed.length > 0 && current.length > 0 && deployed.join() !== current.join();
      this.checked = { hasUpdate };
      for (const fn of this.check) fn(this.checked);
      if (hasUpdate) for (const fn of this.ready) fn({});
    } catch {
      this.checked = { hasUpdate: false };
      this.failed = true;
      for (const fn of this.check) fn(this.checked);
      for (const fn of this.fail) fn({});
    }
  }
  onCheckForUpdate(fn: Fn<{ hasUpdate: boolean }>): void {
    if (typeof fn !== 'function') return;
    this.check.push(fn);
    if (this.checked) fn(this.checked);
  }
  onUpdateReady(fn: Fn): void {
    if (typeof fn !== 'function') return;
    this.ready.push(fn);
    if (this.checked?.hasUpdate) fn({});
  }
  onUpdateFailed(fn: Fn): void {
    if (typeof fn !== 'function') return;
    this.fail.push(fn);
    if (this.failed) fn({});
  }
  applyUpdate(): void {
    location.reload();
  }
}

let manager: UpdateManager | null = null;

export function getUpdateManager(): UpdateManager {
  return (manager ??= new UpdateManager());
}
