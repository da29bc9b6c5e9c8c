/**
 * The compiler's table of contents. `compileProgram` runs every phase over the whole program
 * before bundling, so one run reports every problem:
 *
 *   1. project  — find the root, read app.json (resolveAlias, subpackages, preloadRule), pages
 *                 and the components they use (usingComponents and componentGenerics defaults
 *                 resolved as WeChat does), check every file (project/index.ts)
 *   2. wxml     — parse → wx:if/wx:for/events/templates/wxs transforms → IR module per file,
 *                 following <import>/<include> (wxml/index.ts)
 *   3. wxss     — @import → rpx → tag selectors → page/component scoping (wxss/index.ts)
 *   4. wxs      — .wxs files to ES modules (constructor names, getDate/getRegExp, require)
 *                 (wxs/index.ts)
 *   5. scripts  — JS/TS resolved as WeChat resolves them, TS through the TypeScript API, CJS
 *                 and ESM mixed; globals come from the runtime (script/index.ts)
 *   6. bundle   — Vite with the wx2tg plugins (vite/index.ts), driven by build.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CompileError, makeDiagnostic, type Diagnostic } from './diagnostics.js';
import { loadProject, packageOf, type ProjectGraph, type Subpackage, type UnitFiles } from './project/index.js';
import { isInside } from './script/index.js';
import { isKnownAttribute } from '../common/builtinAttributes.js';
import { isBuiltinTag, TEMPLATE_ONLY_TAGS } from '../common/builtins.js';
import { compileWxml } from './wxml/index.js';
import { compileWxsFile } from './wxs/index.js';
import { checkScripts } from './script/check.js';
import { compileWxss, componentPrefix, type StyleScope } from './wxss/index.js';
import { readStyleSource } from './wxss/preprocess.js';

export interface CompiledProgram {
  graph: ProjectGraph;
  /** Absolute .wxml path → ES module source. */
  wxml: Map<string, string>;
  /** Absolute .wxss path → CSS. */
  wxss: Map<string, string>;
  /** Absolute .wxss path → how its selectors are scoped. */
  styleScopes: Map<string, StyleScope>;
  /** Every element tag the program's templates use (to load only the built-ins it needs). */
  tags: Set<string>;
  diagnostics: Diagnostic[];
}

/** Resolves a WXML `src` from `fromFile`: relative, or `/`-absolute from the program root. */
export function resolveTemplateSrc(src: string, fromFile: string, root: string, ext: '.wxml' | '.wxs'): string | null {
  const base = src.startsWith('/') ? path.join(root, src) : path.resolve(path.dirname(fromFile), src);
  for (const candidate of [base, base + ext]) {
    if (candidate.endsWith(ext) && existsSync(candidate)) return candidate;
  }
  return null;
}

export interface WxmlFileOptions {
  /** Told each imported template and wxs module, so they are compiled too. */
  onDependency?: (file: string, kind: 'wxml' | 'wxs') => void;
  /** Told every element tag the file (and what it includes) uses. */
  onTag?: (tag: string) => void;
  /** Whether a tag means something in this file (see WxmlCompileOptions.knownTag). */
  knownTag?: (tag: string) => boolean;
  /** The independent subpackage the file lies in: what it imports, includes or loads as wxs must lie in it too. */
  boundary?: Subpackage;
}

export function compileWxmlFile(file: string, root: string, options: WxmlFileOptions = {}): { code: string; diagnostics: Diagnostic[] } {
  const source = readFileSync(file, 'utf8');
  const crossings: Diagnostic[] = [];
  const checkBoundary = (src: string, resolved: string, what: string): void => {
    const sp = options.boundary;
    if (!sp || isInside(path.join(root, sp.root), resolved)) return;
    const at = source.indexOf(src);
    const unit = path.relative(root, file).split(path.sep).join('/');
    crossings.push(makeDiagnostic('WX1018', [unit, sp.root, `${what} "${src}"`], path.relative(root, file), source, Math.max(0, at), at >= 0 ? at + src.length : undefined));
  };
  const result = compileWxml(source, {
    file: path.relative(root, file),
    onTag: options.onTag,
    knownTag: options.knownTag,
    knownAttribute: isKnownAttribute,
    resolve(src, kind) {
      const resolved = resolveTemplateSrc(src, file, root, kind === 'wxml' ? '.wxml' : '.wxs');
      if (resolved) {
        checkBoundary(src, resolved, kind === 'wxml' ? 'template' : 'wxs module');
        options.onDependency?.(resolved, kind);
      }
      return resolved;
    },
    readInclude(src) {
      const resolved = resolveTemplateSrc(src, file, root, '.wxml');
      if (!resolved) return null;
      checkBoundary(src, resolved, 'template');
      return { source: readFileSync(resolved, 'utf8'), file: path.relative(root, resolved) };
    },
  });
  return { code: result.code, diagnostics: [...result.diagnostics, ...crossings] };
}

export function compileProgram(dir: string): CompiledProgram {
  const graph = loadProject(dir, { keepGoing: true });
  const diagnostics: Diagnostic[] = [...graph.diagnostics];
  const wxml = new Map<string, string>();
  const wxss = new Map<string, string>();

  const units = [...graph.pages, ...graph.components.values()];
  // A unit's template may use built-ins and its own custom components and generics; a template
  // file imported from elsewhere runs in the importing unit, so any custom tag of the program is
  // known there. Custom tags are no built-ins: they do not pull in built-in runtime modules.
  // (Tags whose json entry could not be resolved count as declared: that error is reported already.)
  const declared = (u: UnitFiles): string[] => [u.using, u.generics, u.config.usingComponents, u.config.componentGenerics].flatMap((o) => (o && typeof o === 'object' ? Object.keys(o) : []));
  const customOf = new Map(units.map((u) => [u.wxml, new Set(declared(u).map((t) => t.toLowerCase()))]));
  const anyCustom = new Set([...customOf.values()].flatMap((set) => [...set]));
  const builtinOrTemplate = (tag: string): boolean => isBuiltinTag(tag) || TEMPLATE_ONLY_TAGS.includes(tag);
  const queue: string[] = units.map((u) => u.wxml);
  const wxsQueue: string[] = [];
  const tags = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (wxml.has(file)) continue;
    const custom = customOf.get(file) ?? anyCustom;
    const sp = packageOf(path.relative(graph.root, file).split(path.sep).join('/'), graph.subpackages);
    const result = compileWxmlFile(file, graph.root, {
      onDependency: (dep, kind) => (kind === 'wxml' ? queue : wxsQueue).push(dep),
      onTag: (tag) => {
        if (!customOf.get(file)?.has(tag.toLowerCase())) tags.add(tag);
      },
      knownTag: (tag) => builtinOrTemplate(tag) || custom.has(tag.toLowerCase()),
      boundary: sp?.independent ? sp : undefined,
    });
    wxml.set(file, result.code);
    diagnostics.push(...result.diagnostics);
  }
  // .wxs modules (and what they require), checked now so their errors join this run's report.
  const wxsSeen = new Set<string>();
  while (wxsQueue.length) {
    const file = wxsQueue.shift()!;
    if (wxsSeen.has(file)) continue;
    wxsSeen.add(file);
    const result = compileWxsFile(readFileSync(file, 'utf8'), path.relative(graph.root, file), (spec) => {
      const dep = resolveTemplateSrc(spec, file, graph.root, '.wxs');
      if (dep) wxsQueue.push(dep);
      return dep;
    });
    diagnostics.push(...result.diagnostics);
  }

  const styleScopes = new Map<string, StyleScope>();
  if (graph.appWxss) styleScopes.set(graph.appWxss, { kind: 'app' });
  for (const p of graph.pages) if (p.wxss) styleScopes.set(p.wxss, { kind: 'page', route: p.path });
  for (const c of graph.components.values()) if (c.wxss) styleScopes.set(c.wxss, { kind: 'component', prefix: componentPrefix(c.path) });
  for (const [file, scope] of styleScopes) {
    const result = compileWxss(readStyleSource(file, diagnostics), file, graph.root, scope);
    wxss.set(file, result.css);
    diagnostics.push(...result.diagnostics);
  }

  const scripts = [graph.appScript, ...units.map((u) => u.script)].filter((f): f is string => !!f);
  diagnostics.push(...checkScripts(scripts, graph.root, { aliases: graph.aliases, subpackages: graph.subpackages }));

  const silenced = silencedCodes(dir);
  // An unknown tag is reported where it is first used, not at each of its uses.
  const seenTags = new Set<string>();
  const kept = diagnostics.filter((d) => {
    if (d.severity !== 'error' && silenced.has(d.code)) return false;
    if (d.code !== 'WX2012') return true;
    const tag = /<([^>]+)>/.exec(d.message)?.[1] ?? d.message;
    if (seenTags.has(tag)) return false;
    seenTags.add(tag);
    return true;
  });
  if (kept.some((d) => d.severity === 'error')) throw new CompileError(kept);
  return { graph, wxml, wxss, styleScopes, tags, diagnostics: kept };
}

/**
 * Warning codes the program silences: project.config.json `"wx2tg": {"silence": ["WX2015"]}`
 * and the WX2TG_SILENCE environment variable (comma-separated). Errors cannot be silenced.
 */
export function silencedCodes(dir: string): Set<string> {
  const out = new Set((process.env.WX2TG_SILENCE ?? '').split(',').map((c) => c.trim()).filter(Boolean));
  const file = path.join(path.resolve(dir), 'project.config.json');
  if (existsSync(file)) {
    try {
      const silence = (JSON.parse(readFileSync(file, 'utf8')) as { wx2tg?: { silence?: unknown } }).wx2tg?.silence;
      if (Array.isArray(silence)) for (const c of silence) if (typeof c === 'string') out.add(c);
    } catch {
      // A malformed project.config.json is reported by the project loader.
    }
  }
  return out;
}
