// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_TTL_MS, useTypingStore } from '../stores/typing-store';
import { TypingIndicator } from './typing-indicator';

const typing = (role: 'customer' | 'agent', active: boolean, name?: string) =>
  act(() =>
    useTypingStore.getState().apply({
      type: 'conversation.typing',
      conversationId: 'ws1:c1',
      role,
      active,
      ...(name ? { name } : {}),
    }),
  );

beforeEach(() => {
  vi.useFakeTimers();
  useTypingStore.setState({ byConversation: {} });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('TypingIndicator', () => {
  it('shows the customer typing until active:false', () => {
    render(<TypingIndicator conversationId="ws1:c1" customerName="Ada" meName="Me" />);
    expect(screen.getByRole('status').textContent).toBe('');
    typing('customer', true);
    expect(screen.getByRole('status').textContent).toBe('Ada is typing…');
    typing('customer', false);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('clears after 6 s without a refresh, and a refresh extends it', () => {
    render(<TypingIndicator conversationId="ws1:c1" customerName="Ada" meName="Me" />);
    typing('customer', true);
    act(() => vi.advanceTimersByTime(TYPING_TTL_MS - 1000));
    typing('customer', true);
    act(() => vi.advanceTimersByTime(TYPING_TTL_MS - 1000));
    expect(screen.getByRole('status').textContent).toBe('Ada is typing…');
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('names other agents, but not the agent themselves', () => {
    render(<TypingIndicator conversationId="ws1:c1" customerName="Ada" meName="Me" />);
    typing('agent', true, 'Me');
    expect(screen.getByRole('status').textContent).toBe('');
    typing('agent', true, 'Bob');
    expect(screen.getByRole('status').textContent).toBe('Bob is typing…');
    typing('customer', true);
    expect(screen.getByRole('status').textContent).toBe('Bob and Ada are typing…');
    act(() => useTypingStore.getState().clear('ws1:c1', 'customer'));
    expect(screen.getByRole('status').textContent).toBe('Bob is typing…');
  });
});
