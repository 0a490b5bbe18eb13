/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), item by item,
 * against the shell's real modules with a mocked electron. Each item's number is the checklist's. Items that
 * have their own detailed tests elsewhere are asserted here too, so this file alone shows the whole list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-origin';
import { APP_SCHEME_PRIVILEGES } from './app-protocol';
import { CONTENT_SECURITY_POLICY, securityHeaders } from './content-security-policy';
import { vetExternalUrl } from './external-links';
import { IpcChannel } from './ipc-channels';
import { registerIpcHandlers } from './ipc-handlers';
import { denyForeignNavigation, guardWebContents } from './navigation-guards';
import { denyAllPermissions } from './permissions';
import * as fake from './testing/fake-electron';
import { mainWindowOptions } from './window-options';

vi.mock('electron', () => import('./testing/fake-electron'));

const root = path.resolve(import.meta.dirname, '../..');
const prefs = mainWindowOptions('/app/dist/desktop/preload.cjs').webPreferences!;
const csp = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values] as const;
  }),
);

describe("Electron's security checklist", () => {
  beforeEach(() => vi.clearAllMocks());

  it('1. only secure content: the page, scripts, styles and connections come from app:// only', () => {
    expect(APP_ENTRY_URL).toBe('app://baton/index.html');
    for (const directive of ['script-src', 'style-src', 'connect-src', 'font-src'])
      expect(csp.get(directive)).toEqual(["'self'"]);
    // Images: https, data and the loopback demo simulators only; never plain http to other hosts.
    for (const source of csp.get('img-src')!)
      expect(source).toMatch(/^('self'|data:|https:|http:\/\/(127\.0\.0\.1|localhost):\*)$/);
  });

  it('2. Node.js integration is off for the page, its workers and its frames', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('3. context isolation is on', () => expect(prefs.contextIsolation).toBe(true));

  it('4. every renderer is sandboxed', () => expect(prefs.sandbox).toBe(true));

  it('5. permission requests and checks are denied', () => {
    const session = fake.session.defaultSession;
    denyAllPermissions(session as never);
    const requestHandler = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      c: unknown,
      p: string,
      cb: (ok: boolean) => void,
    ) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean;
    expect(check()).toBe(false);
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    expect(device()).toBe(false);
  });

  it('6. webSecurity is not disabled', () => expect(prefs.webSecurity).toBe(true));

  it("7. a strict Content-Security-Policy, sent as a header, with no 'unsafe-*' and no remote script", () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(
      /unsafe-(inline|eval|hashes)|wasm-unsafe|blob:|(^|\s)\*(\s|;|$)/,
    );
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(securityHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('8. insecure content is not allowed', () => expect(prefs.allowRunningInsecureContent).toBe(false));

  it('9. experimental features are off', () => expect(prefs.experimentalFeatures).toBe(false));

  it('10. no Blink features are enabled', () => expect(prefs).not.toHaveProperty('enableBlinkFeatures'));

  it('11–12. no <webview> (so no allowpopups): the tag is off and any attach is prevented', () => {
    expect(prefs.webviewTag).toBe(false);
    const contents = new fake.FakeWebContents();
    guardWebContents(contents as never);
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('13. navigation away from the app is prevented, whatever the URL trick', () => {
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://evil/index.html',
      'app://user:pw@baton/index.html',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      const event = { url, preventDefault: vi.fn() };
      denyForeignNavigation(event);
      expect(event.preventDefault, url).toHaveBeenCalledOnce();
    }
    expect(isAppUrl('app://baton/index.html#/settings')).toBe(true);
  });

  it('14. new windows are never created; a vetted https link goes to the system browser instead', () => {
    const contents = new fake.FakeWebContents();
    guardWebContents(contents as never);
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/');
  });

  it('15. shell.openExternal only for plain https URLs', () => {
    expect(vetExternalUrl('https://example.com/help')).toBe('https://example.com/help');
    for (const bad of [
      'http://example.com/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://attacker/share',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'https://user:pass@example.com/',
      'https://exa\u200bmple.com/',
      'https://example.com/\u202egpj.exe',
      'https://\u2066example.com\u2069/',
      'https://exam\u00adple.com/',
      '\ufeffhttps://example.com/',
      ' https://example.com/',
      'https://example.com/\n',
      `https://example.com/${'a'.repeat(5000)}`,
      42,
    ])
      expect(vetExternalUrl(bad), String(bad).slice(0, 40)).toBeNull();
  });

  it('16. a current Electron', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(Number(String(manifest.devDependencies.electron).split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('17. the sender of every IPC message is validated: a foreign frame gets nothing from any channel', async () => {
    const window = new fake.FakeBrowserWindow({});
    const core = { connect: vi.fn() };
    const updates = {
      current: { status: 'ready', channel: 'stable', currentVersion: '1.0.0' } as const,
      download: vi.fn(),
      install: vi.fn(),
    };
    const copyDiagnostics = vi.fn();
    const dispose = registerIpcHandlers({ getWindow: () => window as never, core, updates, copyDiagnostics });
    const foreign = {
      sender: window.webContents,
      senderFrame: { url: 'https://evil.example/', parent: null },
    };
    // Every invoke channel the shell registered, not a hand-picked list: a new channel cannot skip the check.
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
      Object.values(IpcChannel)
        .filter(
          (c) =>
            c !== IpcChannel.RequestCorePort && c !== IpcChannel.CorePort && c !== IpcChannel.UpdateState,
        )
        .sort(),
    );
    for (const [channel, handler] of fake.ipcMain.handlers) {
      const answer = await handler(foreign, 'https://example.com/');
      expect([null, false], channel).toContain(answer);
    }
    fake.ipcMain.emit(IpcChannel.RequestCorePort, foreign);
    expect(core.connect).not.toHaveBeenCalled();
    expect(updates.download).not.toHaveBeenCalled();
    expect(updates.install).not.toHaveBeenCalled();
    expect(copyDiagnostics).not.toHaveBeenCalled();
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
    dispose();
  });

  it('18. the app is served from a custom scheme, not file://, without bypassing CSP or opening CORS', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });

  it('19. no Electron API reaches the page: the preload exposes named methods only (no invoke, send or on)', async () => {
    vi.stubGlobal('postMessage', vi.fn());
    await import('./preload');
    const bridge = fake.contextBridge.exposeInMainWorld.mock.calls.at(-1)![1] as Record<string, unknown>;
    const names = [...Object.keys(bridge), ...Object.keys(bridge.updates as object)];
    for (const name of names) expect(['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']).not.toContain(name);
    vi.unstubAllGlobals();
  });

  it('20. fuses and signed, integrity-checked packages are configured (checked in electron-builder-config.test.ts)', () => {
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    for (const line of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
      'enableCookieEncryption: true',
    ])
      expect(yml).toContain(line);
  });
});
