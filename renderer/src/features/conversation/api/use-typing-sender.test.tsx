// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../app/core/core-context';
import { TYPING_IDLE_MS, useTypingSender } from './use-typing-sender';

function fakeCore() {
  const request = vi.fn(() => Promise.resolve({}));
  return { core: { rpc: { request } } as unknown as Core, request };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useTypingSender', () => {
  it('sends active:true at most every 3 s while typing, and active:false after 4 s idle', () => {
    const { core, request } = fakeCore();
    const { result } = renderHook(() => useTypingSender(core, 'ws1:c1', true));
    act(() => result.current.typed());
    act(() => vi.advanceTimersByTime(1000));
    act(() => result.current.typed());
    act(() => vi.advanceTimersByTime(1000));
    act(() => result.current.typed());
    expect(request.mock.calls).toEqual([['conversation.typing', { conversationId: 'ws1:c1', active: true }]]);
    act(() => vi.advanceTimersByTime(1500));
    act(() => result.current.typed());
    expect(request).toHaveBeenCalledTimes(2);
    act(() => vi.advanceTimersByTime(TYPING_IDLE_MS));
    expect(request).toHaveBeenLastCalledWith('conversation.typing', {
      conversationId: 'ws1:c1',
      active: false,
    });
    expect(request).toHaveBeenCalledTimes(3);
  });

  it('stops on send, and sends nothing where typing is unsupported', () => {
    const { core, request } = fakeCore();
    const { result } = renderHook(() => useTypingSender(core, 'ws1:c1', true));
    act(() => result.current.typed());
    act(() => result.current.stop());
    expect(request).toHaveBeenLastCalledWith('conversation.typing', {
      conversationId: 'ws1:c1',
      active: false,
    });
    const other = fakeCore();
    const off = renderHook(() => useTypingSender(other.core, 'ws1:c1', false));
    act(() => off.result.current.typed());
    act(() => vi.advanceTimersByTime(TYPING_IDLE_MS));
    expect(other.request).not.toHaveBeenCalled();
  });
});
