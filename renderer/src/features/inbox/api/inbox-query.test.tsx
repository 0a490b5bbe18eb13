// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreProvider } from '../../../app/core/core-context';
import type { Core } from '../../../app/core/core-context';
import { createQueryClient } from '../../../app/query-client';
import { conversation, upserted } from '../../../test/fixtures';
import { useSessionStore } from '../../session/stores/session-store';
import { applyInboxEvents, createInboxData, INBOX_QUERY_KEY } from './inbox-cache';
import type { InboxData } from './inbox-cache';
import { useInboxConversation, useViewCount } from './inbox-query';

// What a frame of traffic does to components that read one value of the inbox: the cache is replaced per
// batch of events, and only a component whose value changed may render again.
afterEach(cleanup);
beforeEach(() => useSessionStore.setState({ everReady: true }));

const core = { rpc: { request: () => Promise.reject(new Error('no core in this test')) } } as unknown as Core;
const bot = conversation({ id: 'w:bot', state: 'bot' });
const other = conversation({ id: 'w:other', state: 'bot' });

function setup(children: ReactNode) {
  const client = createQueryClient();
  client.setQueryData<InboxData>(INBOX_QUERY_KEY, createInboxData([bot, other], 1));
  render(
    <QueryClientProvider client={client}>
      <CoreProvider core={core}>{children}</CoreProvider>
    </QueryClientProvider>,
  );
  let seq = 1;
  const apply = async (...changed: (typeof bot)[]) => {
    await act(async () => {
      client.setQueryData<InboxData>(INBOX_QUERY_KEY, (old) =>
        old
          ? applyInboxEvents(
              old,
              changed.map((c) => upserted(++seq, c)),
            )
          : old,
      );
      await Promise.resolve();
    });
  };
  return { apply };
}

describe('inbox reads', () => {
  it('a view count renders again only when that count changes', async () => {
    let renders = 0;
    function WaitingCount() {
      renders++;
      return <p>waiting {useViewCount('waiting') ?? '…'}</p>;
    }
    const { apply } = setup(<WaitingCount />);
    expect(screen.getByText('waiting 0')).toBeTruthy();
    const before = renders;

    await apply({ ...bot, lastActivityAt: '2026-01-01T10:05:00.000Z', unread: 3 });
    expect(renders).toBe(before);

    await apply({ ...bot, state: 'waiting', waitingSince: '2026-01-01T10:06:00.000Z' });
    expect(screen.getByText('waiting 1')).toBeTruthy();
    expect(renders).toBe(before + 1);
  });

  it('a conversation read renders again only when that conversation changes', async () => {
    let renders = 0;
    function Watched() {
      renders++;
      const c = useInboxConversation('w:bot');
      return <p>unread {c?.unread ?? '…'}</p>;
    }
    const { apply } = setup(<Watched />);
    const before = renders;

    await apply({ ...other, unread: 9 });
    expect(renders).toBe(before);

    await apply({ ...bot, unread: 4 });
    expect(screen.getByText('unread 4')).toBeTruthy();
    expect(renders).toBe(before + 1);
  });
});
