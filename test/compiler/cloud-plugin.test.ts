/**
 * wx.cloud's client ships only in builds of programs that use it: the detection, and a real
 * build of each kind (the client chunk present, or the stub that fails in WeChat's form).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { programUsesCloud } from '../../compiler/vite/cloud.js';
import { runCli, writeProgram } from '../helpers/sample.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const program = (script: string) => {
  const dir = writeProgram({
    'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
    'app.js': 'App({})',
    'pages/index/index.js': script,
    'pages/index/index.wxml': '<view>hi</view>',
  });
  dirs.push(dir);
  return dir;
};

describe('wx.cloud in the build', () => {
  it('is detected in its written forms, and not in look-alikes', () => {
    expect(programUsesCloud(program(`Page({ onLoad() { wx.cloud.callFunction({ name: 'x' }) } })`))).toBe(true);
    expect(programUsesCloud(program(`const db = wx['cloud'].database(); Page({})`))).toBe(true);
    expect(programUsesCloud(program(`const { cloud } = wx; Page({})`))).toBe(true);
    expect(programUsesCloud(program(`Page({ data: { cloud: 1, wxcloud: 2 } }); wx.showToast({ title: 'cloud' })`))).toBe(false);
  });

  it('a program without wx.cloud builds without the client; one with it carries the client chunk', async () => {
    for (const [script, expected] of [
      [`Page({})`, false],
      [`Page({ onLoad() { wx.cloud.init() } })`, true],
    ] as const) {
      const dir = program(script);
      const out = path.join(dir, 'dist');
      const res = await runCli(['build', dir, '--out', out]);
      expect(res.code, res.stderr).toBe(0);
      const assets = readdirSync(path.join(out, 'assets')).filter((f) => f.endsWith('.js'));
      expect(assets.some((f) => f.startsWith('cloudClient-'))).toBe(expected);
      const code = assets.map((f) => readFileSync(path.join(out, 'assets', f), 'utf8')).join('\n');
      // without wx.cloud the recorder is gone too, and wx.cloud's calls say why they fail
      expect(code.includes('built without wx.cloud')).toBe(!expected);
      expect(code.includes('wx2tg.cloudSteps')).toBe(expected);
    }
  });
});
