import { describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '@contract';
import { routeNotification } from './notification-router';

const raised = (agentId: string, at = '2026-11-21T10:00:00.000Z'): CoreEvent => ({
  type: 'notification.raised',
  agentId,
  conversationId: 'w:1',
  customerName: 'Maya',
  platform: 'dialai',
  firstWords: 'hi',
  repeat: false,
  sound: true,
  at,
});
const now = Date.parse('2026-11-21T10:00:05.000Z');

describe('routeNotification', () => {
  it('hands this agent’s notification events to the alerter and nothing else', () => {
    const alerter = { handle: vi.fn() };
    expect(routeNotification(raised('agent:me'), 'agent:me', alerter, now)).toBe(true);
    expect(routeNotification(raised('agent:other'), 'agent:me', alerter, now)).toBe(false);
    expect(routeNotification(raised('agent:me'), null, alerter, now)).toBe(false);
    expect(routeNotification({ type: 'workspace.removed', workspaceId: 'w' }, 'agent:me', alerter, now)).toBe(
      false,
    );
    expect(
      routeNotification(
        { type: 'notification.badge', agentId: 'agent:me', count: 2 },
        'agent:me',
        alerter,
        now,
      ),
    ).toBe(true);
    expect(alerter.handle).toHaveBeenCalledTimes(2);
  });

  it('does not show again a notification replayed long after it was raised', () => {
    const alerter = { handle: vi.fn() };
    expect(routeNotification(raised('agent:me', '2026-11-21T09:50:00.000Z'), 'agent:me', alerter, now)).toBe(
      false,
    );
    expect(alerter.handle).not.toHaveBeenCalled();
  });
});
