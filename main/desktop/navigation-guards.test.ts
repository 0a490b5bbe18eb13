import { beforeEach, describe, expect, it, vi } from 'vitest';
import { denyForeignNavigation, guardWebContents, handleWindowOpen } from './navigation-guards';
import { denyAllPermissions } from './permissions';
import * as fake from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

const navigation = (url: string) => ({ url, preventDefault: vi.fn() });

describe('navigation guards', () => {
  let contents: fake.FakeWebContents;

  beforeEach(() => {
    vi.clearAllMocks();
    contents = new fake.FakeWebContents();
    guardWebContents(contents as never);
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])(
    '%s to another origin is prevented',
    (name) => {
      for (const url of [
        'https://evil.example/',
        'http://127.0.0.1:8080/',
        'file:///etc/passwd',
        'app://other/index.html',
        'javascript:alert(1)',
        'data:text/html,<script>1</script>',
      ]) {
        const event = navigation(url);
        contents.emit(name, event);
        expect(event.preventDefault, url).toHaveBeenCalledOnce();
      }
    },
  );

  it('allows navigation within app://baton', () => {
    for (const url of ['app://baton/index.html', 'app://baton/index.html#/waiting', 'app://BATON/']) {
      const event = navigation(url);
      contents.emit('will-navigate', event);
      expect(event.preventDefault, url).not.toHaveBeenCalled();
    }
  });

  it('denies every new window, and opens only vetted https links in the system browser', async () => {
    const handler = contents.windowOpenHandler;
    expect(handler).not.toBeNull();
    expect(handler?.({ url: 'https://docs.example.com/help' })).toEqual({ action: 'deny' });
    await vi.waitFor(() =>
      expect(fake.shell.openExternal).toHaveBeenCalledWith('https://docs.example.com/help'),
    );
    fake.shell.openExternal.mockClear();
    for (const url of [
      'http://docs.example.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'app://baton/x',
    ]) {
      expect(handler?.({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach a <webview>', () => {
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example' });
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('logs what it blocks without the URL (it may carry a token)', () => {
    const log = vi.fn();
    denyForeignNavigation(navigation('https://evil.example/?token=secret'), log);
    expect(log).toHaveBeenCalledOnce();
    expect(log.mock.calls[0]?.[0]).not.toContain('secret');
    expect(handleWindowOpen({ url: 'about:blank' }, log)).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = fake.session.defaultSession;
    denyAllPermissions(session as never);
    const requestHandler = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    const checkHandler = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (
      ...args: unknown[]
    ) => boolean;
    const deviceHandler = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (
      ...args: unknown[]
    ) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(checkHandler({}, permission, 'app://baton', {})).toBe(false);
    }
    expect(deviceHandler({ deviceType: 'usb', origin: 'app://baton' })).toBe(false);
  });
});
