import { describe, expect, it } from 'vitest';
import type { Agent, CoreEvent } from '../../contract';
import { BatonCore } from '../baton-core';
import { ScriptedConnector, waitingConversation } from '../test-support';

const alice: Agent = { id: 'agent:alice', name: 'Alice' };
const bob: Agent = { id: 'agent:bob', name: 'Bob' };

/** A core on a fake clock whose notification tick the test fires by hand. */
async function setup() {
  let now = new Date('2026-11-21T10:00:00.000Z');
  let tick: () => void = () => {};
  const core = new BatonCore({
    log: () => {},
    now: () => now,
    notificationTicks: (_ms, fn) => {
      tick = fn;
      return () => {};
    },
  });
  const events: CoreEvent[] = [];
  core.store.subscribe(({ event }) => events.push(event));
  const connector = new ScriptedConnector();
  await core.addWorkspace(
    { id: 'w', platform: 'dialai', displayName: 'Test', baseUrl: 'http://127.0.0.1:1', demo: false },
    connector,
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    core,
    connector,
    events,
    settle,
    advance: (seconds: number) => {
      now = new Date(now.getTime() + seconds * 1000);
      tick();
    },
    of: (type: CoreEvent['type'], agentId = alice.id) =>
      events.filter((e) => e.type === type && 'agentId' in e && e.agentId === agentId),
  };
}

describe('notification center', () => {
  it('raises once for a new waiting conversation, repeats past the threshold, clears on take over', async () => {
    const t = await setup();
    t.core.notifications.sessionOpened(alice);
    await t.settle();
    expect(t.of('notification.badge')).toEqual([{ type: 'notification.badge', agentId: alice.id, count: 0 }]);

    t.connector.sink?.conversation(waitingConversation('c1', 'Maya Patel'));
    t.connector.sink?.messages('c1', [
      {
        platformMessageId: 'm1',
        role: 'customer',
        content: { type: 'text', text: 'Where is my parcel?' },
        at: '2026-11-21T09:59:00.000Z',
      },
    ]);
    await t.settle();
    expect(t.of('notification.raised')).toHaveLength(1);
    expect(t.of('notification.raised')[0]).toMatchObject({
      conversationId: 'w:c1',
      customerName: 'Maya Patel',
      platform: 'dialai',
      firstWords: 'Where is my parcel?',
      repeat: false,
    });
    expect(t.of('notification.badge').at(-1)).toMatchObject({ count: 1 });

    t.advance(30);
    expect(t.of('notification.raised')).toHaveLength(1);
    t.advance(30);
    expect(t.of('notification.raised')).toHaveLength(2);
    expect(t.of('notification.raised')[1]).toMatchObject({ repeat: true, firstWords: 'Where is my parcel?' });

    await t.core.perform(alice, { type: 'takeOver', actionId: 'a1', conversationId: 'w:c1' });
    // The console marks an open conversation read; a held one with unread messages still counts.
    t.core.markRead('w:c1');
    await t.settle();
    expect(t.of('notification.cleared')).toEqual([
      { type: 'notification.cleared', agentId: alice.id, conversationId: 'w:c1' },
    ]);
    expect(t.of('notification.badge').at(-1)).toMatchObject({ count: 0 });
    t.advance(600);
    expect(t.of('notification.raised')).toHaveLength(2);
  });

  it('tells only available agents; a locked machine sets away and unlocking restores the choice', async () => {
    const t = await setup();
    t.core.notifications.sessionOpened(alice);
    t.core.notifications.sessionOpened(bob);
    t.core.notifications.setPresence(bob, 'away', true);
    t.connector.sink?.conversation(waitingConversation('c1'));
    await t.settle();
    expect(t.of('notification.raised', alice.id)).toHaveLength(1);
    expect(t.of('notification.raised', bob.id)).toHaveLength(0);
    expect(t.of('notification.badge', bob.id).at(-1)).toMatchObject({ count: 1 });

    t.core.notifications.setPresence(bob, 'available', true);
    await t.settle();
    expect(t.of('notification.raised', bob.id)).toHaveLength(1);
    expect(
      t.events
        .filter((e) => e.type === 'presence.changed' && e.agent.id === bob.id)
        .map((e) => e.type === 'presence.changed' && e.presence),
    ).toEqual(['available', 'away', 'available']);

    // Chosen away is not undone by an unlock.
    t.core.notifications.setPresence(alice, 'away');
    t.core.notifications.setPresence(alice, 'away', true);
    t.core.notifications.setPresence(alice, 'available', true);
    expect(t.core.notifications.presenceOf(alice.id)).toBe('away');
  });

  it('goes offline when the agent’s last window closes', async () => {
    const t = await setup();
    t.core.notifications.sessionOpened(alice);
    t.core.notifications.sessionOpened(alice);
    t.core.notifications.sessionClosed(alice);
    expect(t.core.notifications.presenceOf(alice.id)).toBe('available');
    t.core.notifications.sessionClosed(alice);
    expect(t.core.notifications.presenceOf(alice.id)).toBe('offline');
    // Coming back restores what the agent had chosen.
    t.core.notifications.setPresence(bob, 'away');
    t.core.notifications.sessionOpened(alice);
    expect(t.core.notifications.presenceOf(alice.id)).toBe('available');
    t.core.notifications.setPresence(alice, 'away');
    t.core.notifications.sessionClosed(alice);
    t.core.notifications.sessionOpened(alice);
    expect(t.core.notifications.presenceOf(alice.id)).toBe('away');
    t.core.notifications.sessionClosed(alice);
    t.connector.sink?.conversation(waitingConversation('c1'));
    await t.settle();
    expect(t.of('notification.raised')).toHaveLength(0);
  });

  it('never notifies a platform the agent turned off', async () => {
    const t = await setup();
    t.core.notifications.sessionOpened(alice);
    t.core.notifications.saveSettings(alice.id, {
      ...t.core.notifications.settingsOf(alice.id),
      platforms: { dialai: false },
    });
    t.connector.sink?.conversation(waitingConversation('c1'));
    await t.settle();
    t.advance(3600);
    expect(t.of('notification.raised')).toHaveLength(0);
  });
});

describe('badge', () => {
  it('also counts the conversations the agent holds with unread customer messages', async () => {
    const t = await setup();
    t.core.notifications.sessionOpened(alice);
    t.connector.sink?.conversation(waitingConversation('c1'));
    await t.settle();
    expect(t.of('notification.badge').at(-1)).toMatchObject({ count: 1 });
    await t.core.perform(alice, { type: 'takeOver', actionId: 'a1', conversationId: 'w:c1' });
    t.core.markRead('w:c1');
    await t.settle();
    expect(t.of('notification.badge').at(-1)).toMatchObject({ count: 0 });
    t.connector.sink?.messages('c1', [
      {
        platformMessageId: 'm9',
        role: 'customer',
        content: { type: 'text', text: 'Still there?' },
        at: '2026-11-21T10:01:00.000Z',
      },
    ]);
    await t.settle();
    expect(t.of('notification.badge').at(-1)).toMatchObject({ count: 1 });
    t.core.markRead('w:c1');
    await t.settle();
    expect(t.of('notification.badge').at(-1)).toMatchObject({ count: 0 });
  });
});
