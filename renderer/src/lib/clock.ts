/**
 * One shared one-second clock for every wait timer on screen (a thousand rows must not mean a thousand
 * intervals), corrected by the core's clock offset so timers agree with `waitingSince` stamped by the core.
 */
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let offsetMs = 0;
let now = Date.now();

function tick(): void {
  now = Date.now() + offsetMs;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    tick();
    timer = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Called after `session.hello` with the core's `serverTime`. */
export function setServerTime(serverTimeIso: string): void {
  const server = Date.parse(serverTimeIso);
  if (Number.isFinite(server)) offsetMs = server - Date.now();
  tick();
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}

/** Current core time in ms, re-rendering the caller once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
