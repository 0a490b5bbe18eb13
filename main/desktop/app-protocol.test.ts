import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  registerAppScheme,
  resolveAppPath,
  serveAppProtocol,
} from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import * as fake from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

const EXPECTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https: http://127.0.0.1:* http://localhost:*; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

beforeAll(() => {
  // A renderer build next to a file that must never be served (a secret one level up).
  base = mkdtempSync(path.join(tmpdir(), 'baton-app-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Baton</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), 'woff2');
  writeFileSync(path.join(base, 'secret.json'), '{"token":"do-not-serve"}');
  handler = createAppProtocolHandler(root);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// scheme', () => {
  it('is registered as a standard, secure scheme without CSP bypass or CORS', () => {
    registerAppScheme();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeUndefined();
  });

  it('is served with protocol.handle', async () => {
    serveAppProtocol(root);
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const registered = fake.protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    expect((await registered(new Request('app://baton/index.html'))).status).toBe(200);
  });

  it('has the exact policy the design asks for', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });

  it('serves index.html with the CSP header and an HTML type', async () => {
    const response = await get('app://baton/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Baton</title>');
  });

  it('serves index.html for the bare origin', async () => {
    const response = await get('app://baton/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s with the CSP header', async (file, type) => {
    const response = await get(`app://baton/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it.each([
    ['app://baton/..%2fsecret.json', 403],
    ['app://baton/%2e%2e%2fsecret.json', 403],
    ['app://baton/assets/..%2f..%2fsecret.json', 403],
    ['app://baton/..%5csecret.json', 403],
    ['app://baton/index.html%00.js', 403],
    ['app://baton/%E0%A4%A', 403],
    // Leading slashes are stripped, so an encoded absolute path stays under the root (and is not there).
    ['app://baton/%2fetc%2fpasswd', 404],
  ])('refuses the traversal attempt %s with %i and the CSP header', async (url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(await response.text()).not.toContain('do-not-serve');
  });

  it('keeps dot segments inside the root (the URL parser folds them before we see them)', async () => {
    const response = await get('app://baton/../../secret.json');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('do-not-serve');
  });

  it('answers 404 with the CSP header for a missing file or a directory', async () => {
    for (const url of ['app://baton/missing.js', 'app://baton/assets']) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    }
  });

  it('serves only its own host, and only GET and HEAD', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://baton/index.html', 'POST')).status).toBe(405);
    const head = await get('app://baton/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolves paths only inside the root', () => {
    expect(resolveAppPath('/r', '/assets/a.js')).toBe(path.resolve('/r/assets/a.js'));
    expect(resolveAppPath('/r', '/')).toBe(path.resolve('/r/index.html'));
    expect(resolveAppPath('/r', '/..%2fx')).toBeNull();
    expect(resolveAppPath('/r', '/a%5c..%5c..%5cx')).toBeNull();
  });
});
