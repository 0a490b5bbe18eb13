import { describe, expect, it, vi } from 'vitest';
import { LAUNCH_AGENT_KEY, TOKEN_KEY, consumeLaunchParams, parseLaunchHash } from './launch-params';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
  };
}

describe('parseLaunchHash', () => {
  it('reads the token and the optional agent name', () => {
    expect(parseLaunchHash('#token=abc123')).toEqual({ token: 'abc123', agentName: null });
    expect(parseLaunchHash('#token=abc&agent=Alice%20B')).toEqual({ token: 'abc', agentName: 'Alice B' });
    expect(parseLaunchHash('#agent=Bob&token=t')).toEqual({ token: 't', agentName: 'Bob' });
  });

  it('ignores hashes that are not launch parameters', () => {
    expect(parseLaunchHash('')).toBeNull();
    expect(parseLaunchHash('#/waiting')).toBeNull();
    expect(parseLaunchHash('#notatoken=1')).toBeNull();
  });
});

describe('consumeLaunchParams', () => {
  it('keeps the token in session storage and strips it from the address bar', () => {
    const session = memoryStorage();
    const replaceState = vi.fn();
    const result = consumeLaunchParams({
      location: { hash: '#token=s3cret&agent=Alice', pathname: '/', search: '' },
      history: { replaceState, state: null },
      session,
    });
    expect(result).toEqual({ token: 's3cret', agentName: 'Alice' });
    expect(session.getItem(TOKEN_KEY)).toBe('s3cret');
    expect(session.getItem(LAUNCH_AGENT_KEY)).toBe('Alice');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('works after a reload, when the hash is gone', () => {
    const session = memoryStorage();
    session.setItem(TOKEN_KEY, 'kept');
    const replaceState = vi.fn();
    const result = consumeLaunchParams({
      location: { hash: '#/mine', pathname: '/', search: '' },
      history: { replaceState, state: null },
      session,
    });
    expect(result).toEqual({ token: 'kept', agentName: null });
    expect(replaceState).not.toHaveBeenCalled();
  });
});
