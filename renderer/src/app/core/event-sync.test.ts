import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '@contract';
import { INBOX_QUERY_KEY, createInboxData } from '../../features/inbox/api/inbox-cache';
import type { InboxData } from '../../features/inbox/api/inbox-cache';
import { transcriptKey } from '../../features/conversation/api/transcript-cache';
import type { TranscriptData } from '../../features/conversation/api/transcript-cache';
import { WORKSPACES_QUERY_KEY } from '../../features/workspaces/api/workspaces-key';
import { added, conversation, message, upserted, workspace } from '../../test/fixtures';
import { EventSync } from './event-sync';
import { QUEUE_QUERY_KEY } from '../../features/queue/api/queue-cache';
import type { QueueData } from '../../features/queue/api/queue-cache';
import type { QueueSnapshot } from '@contract';

function setup() {
  const client = new QueryClient();
  const flushes: (() => void)[] = [];
  const sync = new EventSync(client, (flush) => {
    flushes.push(flush);
    return () => undefined;
  });
  const runFrame = () => flushes.splice(0).forEach((f) => f());
  return { client, sync, runFrame };
}

describe('EventSync', () => {
  it('patches the queue snapshot with the parts a queue.updated event carries', () => {
    const { client, sync, runFrame } = setup();
    const snapshot = { breaches: 0, totals: { bot: 1, waiting: 0, agent: 0, closedToday: 0 } };
    client.setQueryData<QueueData>(QUEUE_QUERY_KEY, {
      snapshot: snapshot as unknown as QueueSnapshot,
      seq: 4,
    });
    sync.accept({
      kind: 'event',
      stream: 'inbox',
      seq: 5,
      event: { type: 'queue.updated', changes: { breaches: 2 } },
    });
    runFrame();
    const data = client.getQueryData<QueueData>(QUEUE_QUERY_KEY);
    expect(data?.seq).toBe(5);
    expect(data?.snapshot.breaches).toBe(2);
    expect(data?.snapshot.totals.bot).toBe(1);
  });

  it('applies a frame of events to the caches in one update each', () => {
    const { client, sync, runFrame } = setup();
    const a = conversation({ id: 'ws1:a' });
    client.setQueryData<InboxData>(INBOX_QUERY_KEY, createInboxData([a], 0));
    client.setQueryData<TranscriptData>(transcriptKey('ws1:a'), {
      conversation: a,
      messages: [],
      olderCount: 0,
      expanded: false,
    });

    let inboxUpdates = 0;
    const unsubscribe = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.query.queryKey[0] === 'inbox') inboxUpdates++;
    });
    sync.accept(upserted(1, { ...a, unread: 1 }));
    sync.accept(added(2, message({ id: 'm1', conversationId: 'ws1:a' })));
    sync.accept(upserted(3, { ...a, unread: 2 }));
    expect(client.getQueryData<InboxData>(INBOX_QUERY_KEY)?.byId.get('ws1:a')?.unread).toBe(0);
    runFrame();
    unsubscribe();

    expect(inboxUpdates).toBe(1);
    expect(client.getQueryData<InboxData>(INBOX_QUERY_KEY)?.byId.get('ws1:a')?.unread).toBe(2);
    expect(client.getQueryData<TranscriptData>(transcriptKey('ws1:a'))?.messages.map((m) => m.id)).toEqual([
      'm1',
    ]);
  });

  it('does not create caches for transcripts nobody opened', () => {
    const { client, sync, runFrame } = setup();
    sync.accept(added(1, message({ conversationId: 'ws1:zzz' })));
    runFrame();
    expect(client.getQueryData(transcriptKey('ws1:zzz'))).toBeUndefined();
  });

  it('patches workspace health in place', () => {
    const { client, sync, runFrame } = setup();
    const workspace: Workspace = {
      id: 'ws1',
      platform: 'dialai',
      displayName: 'Dialai demo',
      baseUrl: 'http://127.0.0.1:1',
      demo: true,
      capabilities: { supported: [], reasons: {} },
      health: { state: 'connected', since: '2026-01-01T10:00:00.000Z' },
      enabled: true,
      locked: false,
      settings: {},
      secrets: {},
    };
    client.setQueryData(WORKSPACES_QUERY_KEY, [workspace]);
    const degraded = {
      ...workspace,
      health: { state: 'degraded' as const, since: '2026-01-01T10:01:00.000Z' },
    };
    sync.accept({
      kind: 'event',
      stream: 'inbox',
      seq: 1,
      event: { type: 'workspace.updated', workspace: degraded },
    });
    runFrame();
    expect(client.getQueryData<Workspace[]>(WORKSPACES_QUERY_KEY)?.[0]?.health.state).toBe('degraded');
  });

  it('drops a removed workspace and its conversations', () => {
    const { client, sync, runFrame } = setup();
    client.setQueryData(WORKSPACES_QUERY_KEY, [workspace({ id: 'ws1' }), workspace({ id: 'ws2' })]);
    const kept = conversation({ id: 'ws2:a', workspaceId: 'ws2' });
    client.setQueryData<InboxData>(
      INBOX_QUERY_KEY,
      createInboxData([conversation({ id: 'ws1:a', workspaceId: 'ws1' }), kept], 0),
    );
    sync.accept({
      kind: 'event',
      stream: 'inbox',
      seq: 1,
      event: { type: 'workspace.removed', workspaceId: 'ws1' },
    });
    runFrame();
    expect(client.getQueryData<Workspace[]>(WORKSPACES_QUERY_KEY)?.map((w) => w.id)).toEqual(['ws2']);
    expect([...(client.getQueryData<InboxData>(INBOX_QUERY_KEY)?.byId.keys() ?? [])]).toEqual(['ws2:a']);
  });

  it('remembers recent events so a fetch can be brought up to date', () => {
    const { sync } = setup();
    const a = conversation({ id: 'ws1:a' });
    sync.accept(upserted(4, a));
    sync.accept(added(5, message({ conversationId: 'ws1:b' })));
    sync.accept(added(6, message({ conversationId: 'ws1:a' })));
    expect(sync.eventsAfter(4).map((f) => f.seq)).toEqual([5, 6]);
    expect(sync.eventsAfter(0, 'ws1:a').map((f) => f.seq)).toEqual([4, 6]);
    sync.reset();
    expect(sync.eventsAfter(0)).toEqual([]);
  });
});
