/**
 * The Electron security lint rules in eslint.config.js, proved: each bad snippet is linted as if it were a
 * file in the shell or the renderer, and must be reported; the safe twin must not be.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const SHELL = 'main/desktop/lint-probe.ts';
const RENDERER = 'renderer/src/lint-probe.tsx';

describe('Electron security lint: the shell', () => {
  it.each([
    ['nodeIntegration: true', 'nodeIntegration'],
    ['contextIsolation: false', 'contextIsolation'],
    ['sandbox: false', 'sandbox'],
    ['webSecurity: false', 'webSecurity'],
    ['allowRunningInsecureContent: true', 'allowRunningInsecureContent'],
    ['experimentalFeatures: true', 'experimentalFeatures'],
    ["enableBlinkFeatures: 'CSSVariables'", 'enableBlinkFeatures'],
    ['webviewTag: true', 'webviewTag'],
  ])('refuses %s in webPreferences', async (option, name) => {
    const found = await problems(`export const prefs = { ${option} };\n`, SHELL);
    expect(found.join('\n')).toContain(name);
  });

  it('accepts the secure values', async () => {
    const code =
      'export const prefs = { nodeIntegration: false, contextIsolation: true, sandbox: true, webSecurity: true };\n';
    expect(await problems(code, SHELL)).toEqual([]);
  });

  it('refuses shell.openExternal outside external-links.ts, and allows it there', async () => {
    const code =
      "import { shell } from 'electron';\nexport const go = (u: string) => shell.openExternal(u);\n";
    expect((await problems(code, SHELL)).join('\n')).toContain('openExternalIfVetted');
    expect(await problems(code, 'main/desktop/external-links.ts')).toEqual([]);
  });

  it('refuses eval and new Function', async () => {
    expect((await problems("export const x = eval('1');\n", SHELL)).join('\n')).toContain('no-eval');
    expect((await problems("export const f = new Function('return 1');\n", SHELL)).join('\n')).toContain(
      'no-new-func',
    );
  });
});

describe('Unsafe DOM sinks lint: the renderer', () => {
  it.each([
    [
      'dangerouslySetInnerHTML',
      'export const A = (p: { h: string }) => <div dangerouslySetInnerHTML={{ __html: p.h }} />;\n',
    ],
    ['innerHTML', 'export function f(el: HTMLElement, h: string) { el.innerHTML = h; }\n'],
    [
      'insertAdjacentHTML',
      "export function f(el: HTMLElement, h: string) { el.insertAdjacentHTML('beforeend', h); }\n",
    ],
    ['document.write', 'export function f(h: string) { document.write(h); }\n'],
    [
      'javascript: URL',
      'export const A = () => <a href="javascript:alert(1)">x</a>;\nexport const u = \'javascript:void 0\';\n',
    ],
    ['eval', 'export const f = (s: string) => eval(s);\n'],
    ['setTimeout with a string', "export const f = () => setTimeout('alert(1)', 1);\n"],
    ['srcDoc', 'export const A = (p: { h: string }) => <iframe title="x" srcDoc={p.h} />;\n'],
  ])('refuses %s', async (_name, code) => {
    expect(await problems(code, RENDERER)).not.toEqual([]);
  });

  it('accepts rendering chat text as text', async () => {
    expect(await problems('export const A = (p: { t: string }) => <p>{p.t}</p>;\n', RENDERER)).toEqual([]);
  });
});
