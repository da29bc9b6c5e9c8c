/**
 * The inputs: the real files of samples/ and test/fixtures/ (mutated), grammar-generated ones
 * (fresh and mutated), and a fixed set of pathological inputs that once were, or could be,
 * slow or fatal (long runs, deep nesting, branching include cycles, ReDoS shapes).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { genExpression, genJson, genWxml, genWxs, genWxss } from './generate.js';
import type { JobSpec } from './harness.js';
import { mutate, type Language } from './mutate.js';
import { Rng } from './rng.js';
import type { Target } from './protocol.js';

export const REPO = path.resolve(import.meta.dirname, '../../..');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

let files: string[] | null = null;
export function corpus(ext: string): string[] {
  files ??= [...walk(path.join(REPO, 'samples')), ...walk(path.join(REPO, 'test/fixtures'))].sort();
  return files.filter((f) => f.endsWith(ext)).map((f) => readFileSync(f, 'utf8'));
}

/** `{{ }}` bodies found in the WXML corpus. */
function corpusExpressions(): string[] {
  const out = new Set<string>();
  for (const src of corpus('.wxml')) for (const m of src.matchAll(/\{\{([^]*?)\}\}/g)) out.add(m[1]!);
  return [...out];
}

/** Inline `<wxs>` bodies and .wxs files. */
function corpusWxs(): string[] {
  const out = corpus('.wxs');
  for (const src of corpus('.wxml')) for (const m of src.matchAll(/<wxs[^>]*module[^>]*>([^]*?)<\/wxs>/g)) out.push(m[1]!);
  return out;
}

/** How many inputs each target gets in a run with `runs` as the base count. */
export function plan(runs: number): Record<Target, number> {
  return {
    wxml: runs,
    expr: Math.round(runs * 1.5),
    wxss: Math.round(runs * 0.75),
    wxs: Math.round(runs * 0.5),
    json: Math.round(runs * 0.5),
    program: Math.max(10, Math.round(runs / 20)),
  };
}

const LANG: Record<Exclude<Target, 'program'>, Language> = { wxml: 'wxml', expr: 'expr', wxss: 'wxss', wxs: 'wxs', json: 'json' };

/** `count` inputs for `target`, reproducible from `seed`. */
export function* jobsFor(target: Target, count: number, seed: number): Generator<JobSpec> {
  const rng = new Rng(seed ^ hash(target));
  if (target === 'program') {
    yield* programJobs(rng, count);
    return;
  }
  const lang = LANG[target];
  const real =
    target === 'wxml' ? corpus('.wxml') : target === 'wxss' ? corpus('.wxss') : target === 'wxs' ? corpusWxs() : target === 'json' ? corpus('.json') : corpusExpressions();
  const fresh = (): string => {
    switch (target) {
      case 'wxml':
        return genWxml(rng);
      case 'wxss':
        return genWxss(rng);
      case 'wxs':
        return genWxs(rng);
      case 'json':
        return JSON.stringify(genJson(rng), null, rng.chance(0.5) ? 2 : 0);
      case 'expr':
        return genExpression(rng, 0, rng.chance(0.75));
    }
  };
  for (let i = 0; i < count; i++) {
    const r = rng.int(10);
    if (r < 5) {
      const k = rng.int(real.length);
      yield { target, source: mutate(rng, real[k]!, lang, real), label: `${target} #${i}: corpus ${k} mutated (seed ${seed})` } as JobSpec;
    } else if (r < 8) yield { target, source: fresh(), label: `${target} #${i}: generated (seed ${seed})` } as JobSpec;
    else yield { target, source: mutate(rng, fresh(), lang, real), label: `${target} #${i}: generated+mutated (seed ${seed})` } as JobSpec;
  }
}

/** The files of each sample a program job may replace (templates, styles, wxs, json and scripts). */
function programFiles(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of readdirSync(path.join(REPO, 'samples')).sort()) {
    const dir = path.join(REPO, 'samples', name);
    if (!statSync(dir).isDirectory()) continue;
    out[`samples/${name}`] = walk(dir)
      .map((f) => path.relative(dir, f))
      .filter((f) => /\.(wxml|wxss|wxs|json|js)$/.test(f))
      .sort();
  }
  return out;
}

function* programJobs(rng: Rng, count: number): Generator<JobSpec> {
  const files = programFiles();
  const programs = Object.keys(files).filter((p) => files[p]!.length);
  for (let i = 0; i < count; i++) {
    const program = rng.pick(programs);
    const file = rng.pick(files[program]!);
    const original = readFileSync(path.join(REPO, program, file), 'utf8');
    const ext = path.extname(file).slice(1);
    const lang: Language = ext === 'js' ? 'wxs' : (ext as Language);
    // A json file is sometimes replaced by a generated document of app.json's shape (wrong types included).
    if (ext === 'json' && rng.chance(0.3)) {
      yield { target: 'program', program, file, source: JSON.stringify(genJson(rng)), label: `program #${i}: ${program}/${file} generated` };
      continue;
    }
    yield { target: 'program', program, file, source: mutate(rng, original, lang, corpus(`.${ext}`)), label: `program #${i}: ${program}/${file} mutated` };
  }
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Every real file as it is (their output must be valid too: a committed fixture once held invalid JS). */
export function unmutated(): JobSpec[] {
  const jobs: JobSpec[] = [];
  const add = (target: Exclude<Target, 'program'>, sources: string[]): void => {
    sources.forEach((source, i) => jobs.push({ target, source, label: `${target} corpus ${i} as is` } as JobSpec));
  };
  add('wxml', corpus('.wxml'));
  add('wxss', corpus('.wxss'));
  add('wxs', corpusWxs());
  add('json', corpus('.json'));
  add('expr', corpusExpressions());
  return jobs;
}

/**
 * Inputs that stress one known-dangerous shape each. All must finish within the budget. `scale`
 * shrinks the sizes for the quick run (a quadratic shape at a quarter size still takes 1/16 of
 * its time, so the long run at full size is the one that catches a new one).
 */
export function pathological(scale = 1): JobSpec[] {
  const p = (target: Exclude<Target, 'program'>, label: string, source: string): JobSpec => ({ target, source, label: `pathological: ${label}` }) as JobSpec;
  const n = (count: number): number => Math.max(1, Math.round(count * scale));
  return [
    p('wxml', '20 000 nested <view>', '<view>'.repeat(n(20000)) + '{{a}}' + '</view>'.repeat(n(20000))),
    p('wxml', '20 000 unclosed <view>', '<view>'.repeat(n(20000))),
    p('wxml', '20 000 stray closing tags', '</view>'.repeat(n(20000))),
    p('wxml', '5 000 elements on 1 line with errors', '<view a="{{b +}}"></view>'.repeat(n(5000))),
    p('wxml', 'unterminated binding in an attribute, 50 000 quotes', '<view a="{{' + '"'.repeat(n(50000))),
    p('wxml', '2 000 <wxs> modules', '<wxs module="m">module.exports={}</wxs>'.repeat(n(2000))),
    p('wxml', 'include of itself, twice (branching cycle)', '<view>x</view><include src="self.wxml"/><include src="self.wxml"/>'),
    p('wxml', 'include of itself, four times', '<include src="self.wxml"/>'.repeat(4)),
    p('wxml', '100 000 characters of text, one line', 'x'.repeat(n(100000)) + '{{a b}}'),
    p('wxml', '10 000 wx:elif', '<view wx:if="{{a}}"/>' + '<view wx:elif="{{b}}"/>'.repeat(n(10000))),
    p('wxml', '3 000 nested wx:for', '<view wx:for="{{item}}">'.repeat(n(3000)) + '</view>'.repeat(n(3000))),
    p('wxml', 'template calls itself', '<template name="t"><template is="t"/></template><template is="t"/>'),
    p('wxml', '200 000 entities', '&amp;'.repeat(n(200000))),
    p('wxml', 'comment never closed after 100 000 chars', 'a'.repeat(n(100000)) + '<!--'),
    p('expr', '10 000 nested parentheses', '('.repeat(n(10000)) + 'a' + ')'.repeat(n(10000))),
    p('expr', '3 000 nested parentheses', '('.repeat(n(3000)) + 'a' + ')'.repeat(n(3000))),
    p('expr', '20 000 additions', Array.from({ length: n(20000) }, () => 'a').join('+')),
    p('expr', '2 000 additions', Array.from({ length: n(2000) }, () => 'a').join('+')),
    p('expr', '5 000 nested conditionals', 'a?'.repeat(n(5000)) + 'b' + ':c'.repeat(n(5000))),
    p('expr', '5 000 member accesses', 'a' + '.b'.repeat(n(5000))),
    p('expr', '2 000 nested arrays', '['.repeat(n(2000)) + ']'.repeat(n(2000))),
    p('expr', 'reserved words 50 000 times', 'class+'.repeat(n(50000)) + 'a'),
    p('wxss', '100 000 blank lines', '\n'.repeat(n(100000)) + '.a{}'),
    p('wxss', '100 000 spaces then @import', ' '.repeat(n(100000)) + '@import "a.wxss"'),
    p('wxss', '5 000 digits then rpx', `.a { margin: ${'1'.repeat(n(5000))}px 1rpx }`),
    p('wxss', '5 000 digits with a dot, no unit', `.a { margin: ${'1'.repeat(n(2500))}.${'1'.repeat(n(2500))} 1rpx }`),
    p('wxss', '20 000 classes in one selector', `${'.a'.repeat(n(20000))} { color: red }`),
    p('wxss', '20 000 attribute selectors', `${'[x].a'.repeat(n(20000))} { color: red }`),
    p('wxss', '5 000 nested @media', '@media screen {'.repeat(n(5000)) + '.a{}' + '}'.repeat(n(5000))),
    p('wxss', '10 000 :host', `${':host '.repeat(n(10000))}{}`),
    p('wxss', 'unterminated comment', '.a{}/*' + 'x'.repeat(n(100000))),
    p('wxs', '10 000 nested parentheses', 'var a = ' + '('.repeat(n(10000)) + '1' + ')'.repeat(n(10000)) + ';'),
    p('wxs', '5 000 .constructor reads', 'var a = x' + '.constructor'.repeat(n(5000)) + ';'),
    p('wxs', '20 000 statements', 'var a = 1;\n'.repeat(n(20000))),
    p('wxs', '20 000-deep member chain', 'var a = x' + '.y'.repeat(n(20000)) + ';'),
    p('wxml', '20 000-deep member chain in a binding', '<view>{{a' + '.b'.repeat(n(20000)) + '}}</view>'),
    p('json', '10 000 nested arrays', '['.repeat(n(10000)) + ']'.repeat(n(10000))),
    p('json', '100 000 nested arrays', '['.repeat(n(100000)) + ']'.repeat(n(100000))),
    p('json', 'unterminated string after 100 000 chars', '{"a": "' + 'x'.repeat(n(100000))),
  ];
}
