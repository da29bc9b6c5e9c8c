/**
 * Where a program's cloud pieces are: project.config.json's "cloudfunctionRoot" (WeChat's
 * field; default "cloudfunctions/" when that folder exists) and "appid", merged with the
 * server config's "cloud" section (which wins).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CloudOptions } from './index.js';

export function cloudOptionsFor(projectDir: string | undefined, fromConfig: CloudOptions | undefined, configDir = process.cwd()): CloudOptions | null {
  let functionsDir: string | undefined;
  let appId: string | undefined;
  if (projectDir) {
    const dir = path.resolve(projectDir);
    let project: { cloudfunctionRoot?: unknown; appid?: unknown } = {};
    const file = path.join(dir, 'project.config.json');
    if (existsSync(file)) {
      try {
        project = JSON.parse(readFileSync(file, 'utf8')) as typeof project;
      } catch (e) {
        throw new Error(`${file}: ${(e as Error).message}`);
      }
    }
    const root = typeof project.cloudfunctionRoot === 'string' ? path.resolve(dir, project.cloudfunctionRoot) : path.join(dir, 'cloudfunctions');
    if (existsSync(root)) functionsDir = root;
    if (typeof project.appid === 'string') appId = project.appid;
  }
  if (!functionsDir && !fromConfig) return null;
  const out: CloudOptions = { ...(functionsDir ? { functionsDir } : {}), ...(appId ? { appId } : {}), ...(fromConfig ?? {}) };
  if (fromConfig?.functionsDir) out.functionsDir = path.resolve(configDir, fromConfig.functionsDir);
  if (fromConfig?.filesDir) out.filesDir = path.resolve(configDir, fromConfig.filesDir);
  return out;
}
