import { describe, expect, it } from 'vitest';
import { added, conversation, message, upserted } from '../../../test/fixtures';
import { applyInboxEvents, createInboxData, upsertSnapshot } from './inbox-cache';

describe('inbox cache', () => {
  it('applies a batch as one new snapshot and keeps untouched conversations by identity', () => {
    const a = conversation({ id: 'ws1:a' });
    const b = conversation({ id: 'ws1:b' });
    const data = createInboxData([a, b], 10);
    const a2 = { ...a, state: 'waiting' as const };
    const c = conversation({ id: 'ws1:c' });
    const next = applyInboxEvents(data, [upserted(11, a2), upserted(12, c)]);
    expect(next).not.toBe(data);
    expect(next.byId.get('ws1:a')).toBe(a2);
    expect(next.byId.get('ws1:b')).toBe(b);
    expect(next.byId.get('ws1:c')).toBe(c);
    expect(next.byId.size).toBe(3);
  });

  it('returns the same object for batches that do not concern the list', () => {
    const data = createInboxData([conversation({ id: 'ws1:a' })], 1);
    expect(applyInboxEvents(data, [added(2, message({ conversationId: 'ws1:a' }))])).toBe(data);
  });

  it('ignores events the fetched list already reflects, and duplicates', () => {
    const a = conversation({ id: 'ws1:a', state: 'waiting' });
    const data = createInboxData([a], 10);
    const stale = { ...a, state: 'bot' as const };
    expect(applyInboxEvents(data, [upserted(9, stale), upserted(10, stale)])).toBe(data);

    const fresh = { ...a, state: 'agent' as const };
    const once = applyInboxEvents(data, [upserted(11, fresh)]);
    expect(applyInboxEvents(once, [upserted(11, stale)])).toBe(once);
  });

  it('keeps the last of several updates to one conversation in a batch', () => {
    const a = conversation({ id: 'ws1:a' });
    const data = createInboxData([a], 0);
    const next = applyInboxEvents(data, [
      upserted(1, { ...a, unread: 1 }),
      upserted(2, { ...a, unread: 2 }),
      upserted(3, { ...a, unread: 3 }),
    ]);
    expect(next.byId.get('ws1:a')?.unread).toBe(3);
  });

  it('does not let an action result overwrite a newer event', () => {
    const a = conversation({ id: 'ws1:a', state: 'waiting' });
    let data = createInboxData([a], 5);
    const seqAtRequest = 5;
    data = applyInboxEvents(data, [upserted(6, { ...a, state: 'agent', unread: 1 })]);
    const result = { ...a, state: 'agent' as const, unread: 0 };
    expect(upsertSnapshot(data, result, seqAtRequest)).toBe(data);
    // With no newer event, the snapshot is applied.
    const other = upsertSnapshot(createInboxData([a], 5), result, 5);
    expect(other.byId.get('ws1:a')).toBe(result);
  });
});
