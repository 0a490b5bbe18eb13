// @vitest-environment happy-dom
import type { CannedResponse, MessageContent } from '@contract';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from './composer';

afterEach(cleanup);

const canned = (title: string, text: string): CannedResponse => ({
  id: title,
  title,
  text,
  updatedAt: '2026-11-21T10:00:00.000Z',
});
const RESPONSES = [
  canned('Greeting', 'Hi {customer.name}, this is {agent.name}.'),
  canned('Refund policy', 'Refunds take 5 days.'),
  canned('Goodbye', 'Have a good day, {customer.name}!'),
];

function setup(responses: CannedResponse[] | undefined = RESPONSES) {
  const onSend = vi.fn<(content: MessageContent) => void>();
  function Harness() {
    const [draft, setDraft] = useState('');
    return (
      <Composer
        customerName="Maya"
        agentName="Alice"
        supported={[]}
        draft={draft}
        onDraftChange={setDraft}
        onSend={onSend}
        onUpload={() => {}}
        canned={responses}
      />
    );
  }
  render(<Harness />);
  const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  return { user: userEvent.setup(), onSend, box };
}

describe('Composer canned responses', () => {
  it('/ opens the picker; Enter inserts the best match with the names filled, and does not send', async () => {
    const { user, onSend, box } = setup();
    await user.type(box, '/gre');
    const options = screen.getAllByRole('option');
    // Fuzzy: a title that starts with the letters ranks above a text that merely contains them in order.
    expect(options[0]?.textContent).toContain('Greeting');
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    await user.keyboard('{Enter}');
    expect(box.value).toBe('Hi Maya, this is Alice.');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith({ type: 'text', text: 'Hi Maya, this is Alice.' });
  });

  it('arrow keys choose; Escape closes the picker and keeps the text', async () => {
    const { user, box } = setup();
    await user.type(box, '/');
    expect(screen.getAllByRole('option')).toHaveLength(3);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getAllByRole('option')[2]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Tab}');
    expect(box.value).toBe('Have a good day, Maya!');

    await user.clear(box);
    await user.type(box, '/zz');
    expect(screen.getByRole('status').textContent).toContain('No canned response matches');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('status')).toBeNull();
    expect(box.value).toBe('/zz');
  });

  it('says where to add them when there are none, and stays out of the way without them', async () => {
    const first = setup([]);
    await first.user.type(first.box, '/');
    expect(screen.getByRole('status').textContent).toContain('add them in Settings');
    cleanup();
    const second = setup(undefined);
    await second.user.type(second.box, '/help');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(second.box.value).toBe('/help');
  });
});
