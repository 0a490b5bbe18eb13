// @vitest-environment happy-dom
import type { DesktopNotificationEvent } from '@contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserAlerter, CHIME_GAP_MS, ICON_BADGE_GAP_MS, watchBrowserPermission } from './browser-alerter';
import type { BrowserPermission } from './browser-alerter';

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static made: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.made.push(this);
  }
  close() {
    this.closed = true;
  }
}

const raised = (conversationId: string, repeat = false): DesktopNotificationEvent => ({
  type: 'notification.raised',
  agentId: 'agent:me',
  conversationId,
  customerName: 'Maya Patel',
  platform: 'directly',
  firstWords: 'Where is my parcel?',
  repeat,
  sound: true,
  at: '2026-11-21T10:00:00.000Z',
});

beforeEach(() => {
  FakeNotification.made = [];
  FakeNotification.permission = 'granted';
  vi.stubGlobal('Notification', FakeNotification);
});
afterEach(() => vi.unstubAllGlobals());

describe('BrowserAlerter', () => {
  it('shows one notification per conversation, replaces it on a repeat and closes it when cleared', () => {
    const opened: string[] = [];
    const alerter = new BrowserAlerter(
      (id) => opened.push(id),
      () => {},
    );
    alerter.handle(raised('w:1'));
    expect(FakeNotification.made).toHaveLength(1);
    expect(FakeNotification.made[0]).toMatchObject({
      title: 'Maya Patel is waiting · Directly',
      options: { body: 'Where is my parcel?', tag: 'w:1' },
    });
    alerter.handle(raised('w:1', true));
    expect(FakeNotification.made[0]?.closed).toBe(true);
    expect(FakeNotification.made[1]?.title).toBe('Maya Patel is still waiting · Directly');

    FakeNotification.made[1]?.onclick?.();
    expect(opened).toEqual(['w:1']);

    alerter.handle(raised('w:2'));
    alerter.handle({ type: 'notification.cleared', agentId: 'agent:me', conversationId: 'w:2' });
    expect(FakeNotification.made[2]?.closed).toBe(true);
  });

  it('follows the permission the console keeps (turned on from its prompt) without asking the browser per event', () => {
    let kept: BrowserPermission = 'default';
    const alerter = new BrowserAlerter(
      () => {},
      () => {},
      () => false,
      Date.now,
      () => kept,
    );
    alerter.handle(raised('w:1'));
    expect(FakeNotification.made).toHaveLength(0);
    kept = 'granted';
    alerter.handle(raised('w:2'));
    expect(FakeNotification.made.map((n) => n.options.tag)).toEqual(['w:2']);
  });

  it('tells the console the permission at once and again when the person changes it in the browser', async () => {
    const status = new EventTarget();
    vi.stubGlobal('navigator', { permissions: { query: () => Promise.resolve(status) } });
    FakeNotification.permission = 'default';
    const seen: BrowserPermission[] = [];
    const stop = watchBrowserPermission((permission) => seen.push(permission));
    expect(seen).toEqual(['default']);
    await Promise.resolve();
    FakeNotification.permission = 'denied';
    status.dispatchEvent(new Event('change'));
    expect(seen).toEqual(['default', 'denied']);
    stop();
    FakeNotification.permission = 'granted';
    status.dispatchEvent(new Event('change'));
    expect(seen).toEqual(['default', 'denied']);
  });

  it('shows nothing until the agent allowed notifications, and passes the badge on', () => {
    FakeNotification.permission = 'default';
    const badge = vi.fn();
    const alerter = new BrowserAlerter(() => {}, badge);
    alerter.handle(raised('w:1'));
    expect(FakeNotification.made).toHaveLength(0);
    alerter.handle({ type: 'notification.badge', agentId: 'agent:me', count: 3 });
    expect(badge).toHaveBeenCalledWith(3);
  });

  it('puts the count on the icon at once, then at most once per gap with the latest count', () => {
    vi.useFakeTimers();
    const setAppBadge = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { setAppBadge });
    const title = vi.fn();
    const alerter = new BrowserAlerter(() => {}, title);
    const badge = (count: number) =>
      alerter.handle({ type: 'notification.badge', agentId: 'agent:me', count });
    try {
      badge(1);
      badge(2);
      badge(3);
      // The tab title follows every change; the icon has the first now and the latest after the gap.
      expect(title.mock.calls.map(([n]) => n)).toEqual([1, 2, 3]);
      expect(setAppBadge.mock.calls).toEqual([[1]]);
      vi.advanceTimersByTime(ICON_BADGE_GAP_MS);
      expect(setAppBadge.mock.calls).toEqual([[1], [3]]);
      vi.advanceTimersByTime(ICON_BADGE_GAP_MS * 3);
      expect(setAppBadge).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('chimes once for customers who start waiting within a moment, and again after the gap', () => {
    let now = 1_000_000;
    const chime = vi.fn(() => true);
    const alerter = new BrowserAlerter(
      () => {},
      () => {},
      chime,
      () => now,
    );
    alerter.handle(raised('w:1'));
    now += 500;
    alerter.handle(raised('w:2'));
    alerter.handle(raised('w:3'));
    expect(chime).toHaveBeenCalledTimes(1);
    // Every one of them still gets its own notification.
    expect(FakeNotification.made).toHaveLength(3);
    now += CHIME_GAP_MS;
    alerter.handle(raised('w:4'));
    expect(chime).toHaveBeenCalledTimes(2);
  });

  it('tries the chime again at once when it could not sound (no gesture has unlocked audio yet)', () => {
    const chime = vi.fn(() => false);
    const alerter = new BrowserAlerter(
      () => {},
      () => {},
      chime,
      () => 5,
    );
    alerter.handle(raised('w:1'));
    alerter.handle(raised('w:2'));
    expect(chime).toHaveBeenCalledTimes(2);
  });
});
