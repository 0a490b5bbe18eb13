import { describe, expect, it } from 'vitest';
import type { NotificationSettings, Presence } from '../../contract';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../contract';
import type { AgentInput, Decision, WaitingItem } from './notification-policy';
import { decide, emptyMemory, inQuietHours, MAX_RAISES_PER_PASS } from './notification-policy';

/** A fake clock: minutes after 10:00 UTC. */
const at = (minutes: number, seconds = 0) => new Date(Date.UTC(2026, 10, 21, 10, minutes, seconds));

const maya: WaitingItem = {
  conversationId: 'w:1',
  platform: 'dialai',
  customerName: 'Maya Patel',
  firstWords: 'My parcel never arrived',
  waitingSince: at(0).toISOString(),
};
const liam: WaitingItem = { ...maya, conversationId: 'w:2', platform: 'certainly', customerName: 'Liam' };

const settings = (patch: Partial<NotificationSettings> = {}): NotificationSettings => ({
  ...DEFAULT_NOTIFICATION_SETTINGS,
  timeZone: 'UTC',
  ...patch,
});
const agent = (agentId: string, presence: Presence = 'available', s = settings()): AgentInput => ({
  agentId,
  presence,
  settings: s,
});

const raises = (decisions: Decision[]) =>
  decisions
    .filter((d) => d.kind === 'raise')
    .map((d) => (d.kind === 'raise' ? [d.agentId, d.item.conversationId, d.repeat] : []));
const clears = (decisions: Decision[]) =>
  decisions
    .filter((d) => d.kind === 'clear')
    .map((d) => (d.kind === 'clear' ? [d.agentId, d.conversationId] : []));
const badges = (decisions: Decision[]) =>
  decisions.filter((d) => d.kind === 'badge').map((d) => (d.kind === 'badge' ? [d.agentId, d.count] : []));

describe('notification policy', () => {
  it('tells an agent who arrives to a long queue about the longest waits only, with one sound and the full badge', () => {
    const memory = emptyMemory();
    // 300 customers waiting, the longest wait last in the list.
    const queue: WaitingItem[] = Array.from({ length: 300 }, (_, i) => ({
      ...maya,
      conversationId: `w:${i}`,
      customerName: `Customer ${i}`,
      waitingSince: new Date(at(0).getTime() + (300 - i) * 1000).toISOString(),
    }));
    const first = decide(at(5), queue, [agent('alice')], memory);
    const raised = first.filter((d) => d.kind === 'raise');
    expect(raised).toHaveLength(MAX_RAISES_PER_PASS);
    const oldest = [...queue].sort((a, b) => (a.waitingSince < b.waitingSince ? -1 : 1));
    expect(raised.map((d) => (d.kind === 'raise' ? d.item.conversationId : ''))).toEqual(
      oldest.slice(0, MAX_RAISES_PER_PASS).map((item) => item.conversationId),
    );
    expect(raised.filter((d) => d.kind === 'raise' && d.sound)).toHaveLength(1);
    expect(badges(first)).toEqual([['alice', 300]]);
    // The rest count as told: nothing more until repeats fall due, and those are capped the same way.
    expect(decide(at(5, 10), queue, [agent('alice')], memory)).toEqual([]);
    expect(raises(decide(at(30), queue, [agent('alice')], memory))).toHaveLength(MAX_RAISES_PER_PASS);
  });

  it('tells every available agent once when a conversation starts waiting, with the badge', () => {
    const memory = emptyMemory();
    const first = decide(at(0), [maya], [agent('alice'), agent('bob')], memory);
    expect(raises(first)).toEqual([
      ['alice', 'w:1', false],
      ['bob', 'w:1', false],
    ]);
    expect(badges(first)).toEqual([
      ['alice', 1],
      ['bob', 1],
    ]);
    // Nothing new a few seconds later: no second notification, no badge update.
    expect(decide(at(0, 5), [maya], [agent('alice'), agent('bob')], memory)).toEqual([]);
  });

  it('repeats after the threshold, then every interval, while it keeps waiting', () => {
    const memory = emptyMemory();
    const s = settings({ waitingThresholdSeconds: 60, repeatEverySeconds: 120 });
    const run = (t: Date) => raises(decide(t, [maya], [agent('alice', 'available', s)], memory));
    expect(run(at(0))).toEqual([['alice', 'w:1', false]]);
    expect(run(at(0, 59))).toEqual([]);
    expect(run(at(1))).toEqual([['alice', 'w:1', true]]);
    expect(run(at(2))).toEqual([]);
    expect(run(at(2, 59))).toEqual([]);
    expect(run(at(3))).toEqual([['alice', 'w:1', true]]);
    expect(run(at(5))).toEqual([['alice', 'w:1', true]]);
  });

  it('repeats once with no interval, and never with no threshold', () => {
    const once = emptyMemory();
    const s1 = settings({ waitingThresholdSeconds: 30, repeatEverySeconds: 0 });
    decide(at(0), [maya], [agent('a', 'available', s1)], once);
    expect(raises(decide(at(0, 30), [maya], [agent('a', 'available', s1)], once))).toHaveLength(1);
    expect(raises(decide(at(30), [maya], [agent('a', 'available', s1)], once))).toEqual([]);

    const never = emptyMemory();
    const s2 = settings({ waitingThresholdSeconds: 0, repeatEverySeconds: 30 });
    decide(at(0), [maya], [agent('a', 'available', s2)], never);
    expect(raises(decide(at(30), [maya], [agent('a', 'available', s2)], never))).toEqual([]);
  });

  it('clears the notification when the conversation stops waiting, and the badge drops', () => {
    const memory = emptyMemory();
    decide(at(0), [maya, liam], [agent('alice')], memory);
    const after = decide(at(0, 30), [liam], [agent('alice')], memory);
    expect(clears(after)).toEqual([['alice', 'w:1']]);
    expect(badges(after)).toEqual([['alice', 1]]);
    expect(raises(after)).toEqual([]);
  });

  it('notifies afresh when the same conversation waits again later', () => {
    const memory = emptyMemory();
    decide(at(0), [maya], [agent('alice')], memory);
    decide(at(1), [], [agent('alice')], memory);
    const again = decide(at(20), [{ ...maya, waitingSince: at(20).toISOString() }], [agent('alice')], memory);
    expect(raises(again)).toEqual([['alice', 'w:1', false]]);
  });

  it('does not notify away or offline agents, but counts for them, and tells them on their return', () => {
    const memory = emptyMemory();
    const away = decide(at(0), [maya], [agent('alice', 'away'), agent('bob', 'offline')], memory);
    expect(raises(away)).toEqual([]);
    expect(badges(away)).toEqual([
      ['alice', 1],
      ['bob', 1],
    ]);
    const back = decide(at(3), [maya], [agent('alice', 'available'), agent('bob', 'offline')], memory);
    expect(raises(back)).toEqual([['alice', 'w:1', false]]);
  });

  it('skips platforms the agent turned off, in the badge too', () => {
    const memory = emptyMemory();
    const s = settings({ platforms: { certainly: false } });
    const out = decide(at(0), [maya, liam], [agent('alice', 'available', s)], memory);
    expect(raises(out)).toEqual([['alice', 'w:1', false]]);
    expect(badges(out)).toEqual([['alice', 1]]);
  });

  it('turning a platform off clears what it had raised', () => {
    const memory = emptyMemory();
    decide(at(0), [maya, liam], [agent('alice')], memory);
    const s = settings({ platforms: { certainly: false } });
    expect(clears(decide(at(0, 10), [maya, liam], [agent('alice', 'available', s)], memory))).toEqual([
      ['alice', 'w:2'],
    ]);
  });

  it('keeps quiet during quiet hours (over midnight too) and notifies once they end', () => {
    const s = settings({ quietHours: { from: '09:30', to: '10:05' } });
    const memory = emptyMemory();
    expect(raises(decide(at(0), [maya], [agent('alice', 'available', s)], memory))).toEqual([]);
    expect(raises(decide(at(4, 59), [maya], [agent('alice', 'available', s)], memory))).toEqual([]);
    expect(raises(decide(at(5), [maya], [agent('alice', 'available', s)], memory))).toEqual([
      ['alice', 'w:1', false],
    ]);

    const overnight = settings({ quietHours: { from: '22:00', to: '07:00' } });
    expect(inQuietHours(overnight, new Date(Date.UTC(2026, 0, 1, 23, 0)))).toBe(true);
    expect(inQuietHours(overnight, new Date(Date.UTC(2026, 0, 1, 6, 59)))).toBe(true);
    expect(inQuietHours(overnight, new Date(Date.UTC(2026, 0, 1, 7, 0)))).toBe(false);
    expect(inQuietHours(overnight, new Date(Date.UTC(2026, 0, 1, 12, 0)))).toBe(false);
  });

  it('reads quiet hours in the agent’s time zone', () => {
    // 10:00 UTC is 11:00 in Paris in November.
    const s = settings({ quietHours: { from: '11:00', to: '12:00' }, timeZone: 'Europe/Paris' });
    expect(inQuietHours(s, at(0))).toBe(true);
    expect(inQuietHours({ ...s, timeZone: 'UTC' }, at(0))).toBe(false);
  });

  it('passes the sound setting with each notification', () => {
    const out = decide(at(0), [maya], [agent('a', 'available', settings({ sound: false }))], emptyMemory());
    expect(out.find((d) => d.kind === 'raise')).toMatchObject({ sound: false });
  });

  it('forgets an agent who left, so they are told again when they come back', () => {
    const memory = emptyMemory();
    decide(at(0), [maya], [agent('alice')], memory);
    decide(at(1), [maya], [], memory);
    expect(raises(decide(at(2), [maya], [agent('alice')], memory))).toEqual([['alice', 'w:1', false]]);
  });
});
