/**
 * The app:// scheme: registered as privileged before `ready`, then served from app/dist/renderer only.
 * The handler is a plain `Request → Response` function so it is tested without Electron.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { securityHeaders } from './content-security-policy';
import { mimeTypeFor } from './mime-types';

/**
 * standard: relative URLs and a real origin; secure: treated like https (secure context); supportFetchAPI:
 * fetch() of our own assets. Deliberately not corsEnabled (other origins must not read app:// responses)
 * and not bypassCSP.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** Must run before the app's `ready` event (Electron allows it only then, and only once). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serves the scheme on the default session; call after `ready`. */
export function serveAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}

function respond(status: number, body: string | Uint8Array | null, contentType?: string): Response {
  const headers = new Headers(securityHeaders());
  if (contentType) headers.set('Content-Type', contentType);
  headers.set('Cache-Control', 'no-cache');
  return new Response(body, { status, headers });
}

/**
 * Maps `app://baton/<path>` to a file under `rootDir`, or null when the path leaves it (`..`, encoded
 * slashes or backslashes, NUL bytes, absolute paths on Windows).
 */
export function resolveAppPath(rootDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, relative);
  const inside = path.relative(root, resolved);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return null;
  }
  return resolved;
}

export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return respond(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) {
      return respond(404, 'Not found');
    }
    const filePath = resolveAppPath(rootDir, url.pathname);
    if (filePath === null) return respond(403, 'Forbidden');
    try {
      if (!(await stat(filePath)).isFile()) return respond(404, 'Not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(filePath));
      return respond(200, body, mimeTypeFor(filePath));
    } catch {
      return respond(404, 'Not found');
    }
  };
}
