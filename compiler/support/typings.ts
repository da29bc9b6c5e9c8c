/**
 * Reads the official typings (miniprogram-api-typings) with the TypeScript compiler API: every
 * member of `WechatMiniprogram.Wx`, whether it is a method, and whether WeChat promisifies it
 * (an overload that returns a Promise when no callback is given).
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export interface WxMember {
  name: string;
  kind: 'method' | 'property';
  promisified: boolean;
}

export function readWxMembers(typingsFile: string): WxMember[] {
  const source = ts.createSourceFile(typingsFile, readFileSync(typingsFile, 'utf8'), ts.ScriptTarget.Latest, true);
  const members = new Map<string, WxMember>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
      for (const m of node.members) {
        if (!m.name || !ts.isIdentifier(m.name)) continue;
        const name = m.name.text;
        const existing = members.get(name);
        if (ts.isMethodSignature(m)) {
          const returnsPromise = !!m.type && /PromisifySuccessResult|Promise</.test(m.type.getText(source));
          members.set(name, { name, kind: 'method', promisified: (existing?.promisified ?? false) || returnsPromise });
        } else if (!existing) members.set(name, { name, kind: 'property', promisified: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...members.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The source of common/wx-api.ts, generated from the typings. */
export function renderWxApiModule(members: WxMember[], typingsVersion: string): string {
  const list = (xs: string[]): string => xs.map((x) => `  '${x}',`).join('\n');
  return [
    `/**`,
    ` * Every member of WeChat's \`wx\` object, generated from miniprogram-api-typings ${typingsVersion}`,
    ` * by compiler/support/typings.ts (\`npm run gen:api\`). Do not edit by hand; a test checks it is current.`,
    ` */`,
    `export const WX_METHODS: readonly string[] = [`,
    list(members.filter((m) => m.kind === 'method').map((m) => m.name)),
    `];`,
    ``,
    `/** Members that are objects, not functions (wx.env, wx.cloud, …). */`,
    `export const WX_PROPERTIES: readonly string[] = [`,
    list(members.filter((m) => m.kind === 'property').map((m) => m.name)),
    `];`,
    ``,
    `/** Methods that return a Promise when called without success/fail/complete. */`,
    `export const WX_PROMISIFIED: ReadonlySet<string> = new Set([`,
    list(members.filter((m) => m.promisified).map((m) => m.name)),
    `]);`,
    ``,
  ].join('\n');
}
