/**
 * The command palette (Ctrl/⌘+K): every action by name, and transcript search across workspaces (`/`).
 * A modal dialog with a combobox driving a listbox, so a screen reader hears the active option.
 */
import type { TranscriptHit } from '@contract';
import { PLATFORM_LABELS } from '@contract';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useCore } from '../../../app/core/core-context';
import { pageHref } from '../../../app/navigation-store';
import type { Page } from '../../../app/navigation-store';
import { useInbox } from '../../inbox/api/inbox-query';
import { openConversation } from '../../notifications/use-notifications';
import { useNavigation } from '../../../app/navigation-store';
import { fuzzyScore } from '../../canned/lib/canned-match';
import { nextWaiting } from '../lib/next-waiting';
import { useCommandStore } from '../stores/command-store';

interface Command {
  id: string;
  label: string;
  hint?: string;
  run: () => void;
}

const PAGES: { page: Page; label: string }[] = [
  { page: 'waiting', label: 'Go to Waiting' },
  { page: 'mine', label: 'Go to Mine' },
  { page: 'live', label: 'Go to Live' },
  { page: 'closed', label: 'Go to Closed' },
  { page: 'queue', label: 'Go to Queue' },
  { page: 'settings', label: 'Go to Settings' },
];

function goTo(page: Page): void {
  window.location.hash = pageHref(page);
}

function useCommands(close: () => void): Command[] {
  const core = useCore();
  const conversation = useCommandStore((s) => s.conversation);
  const { data: inbox } = useInbox();
  return useMemo(() => {
    const after = (run: () => void) => () => {
      close();
      // After the dialog is gone, so focus lands where the command puts it.
      requestAnimationFrame(run);
    };
    const list: Command[] = [
      {
        id: 'next-waiting',
        label: 'Next waiting conversation',
        hint: 'n',
        run: after(() => {
          const next = inbox ? nextWaiting(inbox.byId.values(), useNavigation.getState().openId) : null;
          if (next) openConversation(next.id, 'waiting');
        }),
      },
    ];
    if (conversation) {
      const name = conversation.customerName;
      if (conversation.takeOver)
        list.push({
          id: 'take-over',
          label: `Take over ${name}`,
          hint: 't',
          run: after(conversation.takeOver),
        });
      if (conversation.focusReply)
        list.push({ id: 'reply', label: `Reply to ${name}`, hint: 'r', run: after(conversation.focusReply) });
      if (conversation.note)
        list.push({ id: 'note', label: 'Write an internal note', run: after(conversation.note) });
      if (conversation.handBack)
        list.push({
          id: 'hand-back',
          label: 'Hand back to the bot',
          hint: 'h',
          run: after(conversation.handBack),
        });
      if (conversation.close)
        list.push({
          id: 'close',
          label: 'Close the conversation',
          hint: 'c',
          run: after(conversation.close),
        });
      if (conversation.transfer)
        list.push({ id: 'transfer', label: 'Transfer to another agent…', run: after(conversation.transfer) });
    }
    list.push({
      id: 'search',
      label: 'Search transcripts…',
      hint: '/',
      run: () => useCommandStore.getState().openPalette('search'),
    });
    for (const { page, label } of PAGES) {
      list.push({ id: `go-${page}`, label, run: after(() => goTo(page)) });
    }
    list.push(
      {
        id: 'available',
        label: 'Set me available',
        run: after(() => void core.rpc.request('presence.set', { presence: 'available' }).catch(() => {})),
      },
      {
        id: 'away',
        label: 'Set me away (no notifications)',
        run: after(() => void core.rpc.request('presence.set', { presence: 'away' }).catch(() => {})),
      },
      {
        id: 'shortcuts',
        label: 'Show keyboard shortcuts',
        hint: '?',
        run: () => useCommandStore.getState().setSheet(true),
      },
    );
    return list;
  }, [conversation, inbox, close, core]);
}

function useTranscriptSearch(query: string, enabled: boolean) {
  const core = useCore();
  const [result, setResult] = useState<{ q: string; hits: TranscriptHit[]; failed: boolean } | null>(null);
  const q = query.trim();
  const active = enabled && q.length >= 2;
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      core.rpc
        .request('transcripts.search', { query: q, limit: 30 })
        .then((found) => !cancelled && setResult({ q, hits: found.hits, failed: false }))
        .catch(() => !cancelled && setResult({ q, hits: [], failed: true }));
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [core, q, active]);
  if (!active) return { hits: [] as TranscriptHit[], state: 'idle' as const };
  if (!result || result.q !== q) return { hits: result?.hits ?? [], state: 'searching' as const };
  return { hits: result.hits, state: result.failed ? ('error' as const) : ('done' as const) };
}

export function CommandPalette() {
  const mode = useCommandStore((s) => s.palette);
  const closePalette = useCommandStore((s) => s.closePalette);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const commands = useCommands(closePalette);
  const searching = mode === 'search';

  const shownCommands = useMemo(() => {
    if (searching) return [];
    const q = query.trim();
    if (!q) return commands;
    return commands
      .map((command) => ({ command, score: fuzzyScore(q, command.label) }))
      .filter((m): m is { command: Command; score: number } => m.score !== null)
      .sort((a, b) => b.score - a.score)
      .map((m) => m.command);
  }, [commands, query, searching]);
  const { hits, state } = useTranscriptSearch(query, searching || query.trim().length >= 3);

  const options: Command[] = [
    ...shownCommands,
    ...hits.map((hit) => ({
      id: `hit-${hit.messageId}`,
      label: `${hit.customerName} · ${PLATFORM_LABELS[hit.platform]}`,
      hint: hit.snippet,
      run: () => {
        closePalette();
        requestAnimationFrame(() => openConversation(hit.conversationId));
      },
    })),
  ];
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  useEffect(() => {
    inputRef.current?.focus();
  }, [mode]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      options[activeIndex]?.run();
    }
  };

  const status =
    state === 'searching'
      ? 'Searching…'
      : state === 'error'
        ? "Couldn't search right now."
        : state === 'done'
          ? `${hits.length} ${hits.length === 1 ? 'message' : 'messages'} found`
          : searching
            ? 'Type at least 2 characters to search every transcript.'
            : '';

  return (
    <div
      className="palette"
      role="dialog"
      aria-modal="true"
      aria-label={searching ? 'Search transcripts' : 'Command palette'}
    >
      <input
        ref={inputRef}
        className="palette__input"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={options.length ? `${id}-opt-${activeIndex}` : undefined}
        aria-label={searching ? 'Search transcripts' : 'Command'}
        placeholder={
          searching ? 'Search every transcript…' : 'Type a command, or words to search transcripts…'
        }
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label={searching ? 'Messages found' : 'Commands'}
        className="palette__list"
      >
        {options.map((option, index) => (
          <li
            key={option.id}
            id={`${id}-opt-${index}`}
            role="option"
            aria-selected={index === activeIndex}
            className="palette__option"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => option.run()}
            onMouseMove={() => index !== activeIndex && setActive(index)}
          >
            <span className="palette__label">{option.label}</span>
            {option.hint &&
              (option.id.startsWith('hit-') ? (
                <span className="palette__snippet">{option.hint}</span>
              ) : (
                <kbd className="palette__kbd">{option.hint}</kbd>
              ))}
          </li>
        ))}
      </ul>
      <p className="palette__status" role="status">
        {status}
      </p>
    </div>
  );
}
