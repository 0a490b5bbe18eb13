// @vitest-environment happy-dom
import type { Delivery } from '@contract';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { message } from '../../../test/fixtures';
import { MessageItem } from './message-item';

afterEach(cleanup);

const at = '2026-01-01T10:00:00.000Z';
function agentMessage(delivery: Delivery) {
  return message({
    author: { role: 'agent', id: 'a1', name: 'Me' },
    content: { type: 'text', text: 'Hi' },
    delivery,
  });
}

describe('MessageItem delivery', () => {
  it.each([
    ['queued', 'Queued'],
    ['sent', 'Sent'],
    ['delivered', 'Delivered'],
    ['read', 'Read'],
  ] as const)('shows %s as “%s”', (state, word) => {
    const { container } = render(
      <MessageItem message={agentMessage({ state, at })} showAuthor customerName="Ada" meId="a1" />,
    );
    expect(screen.getByText(word)).toBeTruthy();
    expect(container.querySelector(`.msg__delivery--${state}`)).toBeTruthy();
  });

  it('shows a failure with its reason and a Retry', async () => {
    const onSendAgain = vi.fn();
    render(
      <MessageItem
        message={agentMessage({ state: 'failed', reason: 'Platform refused', at })}
        showAuthor
        customerName="Ada"
        meId="a1"
        onSendAgain={onSendAgain}
      />,
    );
    expect(screen.getByText('Failed')).toBeTruthy();
    expect(screen.getByText(/Platform refused/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onSendAgain).toHaveBeenCalledTimes(1);
  });

  it('shows a customer action inside the transcript', () => {
    render(
      <MessageItem
        message={message({
          content: { type: 'action', action: 'dial', text: 'Call us', phoneNumber: '+14155550123' },
        })}
        showAuthor
        customerName="Ada"
        meId="a1"
      />,
    );
    expect(screen.getByText('Tapped “Call us” · dial +14155550123')).toBeTruthy();
  });
});
