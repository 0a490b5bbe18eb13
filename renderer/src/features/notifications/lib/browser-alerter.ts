/**
 * Alerts in a plain browser: Web Notifications (after the agent turned them on from the in-app prompt) and
 * a short chime. Browsers only let a page make sound after the person interacted with it, so the chime's
 * AudioContext is created and resumed on the first key press or pointer press anywhere in the console —
 * no special click is needed, and in practice an agent has pressed something long before a customer waits.
 */
import type { DesktopNotificationEvent } from '@contract';
import { PLATFORM_LABELS } from '@contract';
import type { Alerter } from './notification-router';

type Raised = Extract<DesktopNotificationEvent, { type: 'notification.raised' }>;

export type BrowserPermission = 'default' | 'granted' | 'denied' | 'unsupported';

/** Asks the browser: a synchronous call into it, too slow to make for every event of a busy queue. */
export function browserPermission(): BrowserPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Tells `onChange` the permission now and whenever the person changes it in the browser's site settings
 * (the Permissions API's change event), so the console can keep it instead of asking per event.
 */
export function watchBrowserPermission(onChange: (permission: BrowserPermission) => void): () => void {
  onChange(browserPermission());
  let stopped = false;
  let status: PermissionStatus | null = null;
  const changed = () => onChange(browserPermission());
  void navigator.permissions
    ?.query({ name: 'notifications' })
    .then((result) => {
      if (stopped) return;
      status = result;
      status.addEventListener('change', changed);
    })
    .catch(() => {
      // No Permissions API for notifications: the prompt and settings still update the permission they set.
    });
  return () => {
    stopped = true;
    status?.removeEventListener('change', changed);
  };
}

export function notificationText(event: Raised): { title: string; body: string } {
  const who = event.customerName || 'A customer';
  const platform = PLATFORM_LABELS[event.platform];
  return {
    title: event.repeat ? `${who} is still waiting · ${platform}` : `${who} is waiting · ${platform}`,
    body: event.firstWords,
  };
}

let audio: AudioContext | null = null;

/** Creates (and resumes) the chime's audio context inside a user gesture, as autoplay rules require. */
export function primeAudioOnFirstGesture(target: Window = window): () => void {
  const prime = () => {
    try {
      audio ??= new AudioContext();
      if (audio.state === 'suspended') void audio.resume();
    } catch {
      // No Web Audio: notifications still show, silently.
    }
  };
  target.addEventListener('keydown', prime, { capture: true });
  target.addEventListener('pointerdown', prime, { capture: true });
  return () => {
    target.removeEventListener('keydown', prime, { capture: true });
    target.removeEventListener('pointerdown', prime, { capture: true });
  };
}

/** Two short rising tones. */
export function playChime(): boolean {
  if (!audio || audio.state !== 'running') return false;
  const start = audio.currentTime;
  for (const [i, frequency] of [660, 880].entries()) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.16);
    gain.gain.exponentialRampToValueAtTime(0.25, start + i * 0.16 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.16 + 0.15);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + i * 0.16);
    oscillator.stop(start + i * 0.16 + 0.16);
  }
  return true;
}

/**
 * Several customers starting to wait within a moment make one chime, not a burst: a burst says no more than
 * one chime does, and on a busy queue it would sound without pause.
 */
export const CHIME_GAP_MS = 3_000;

/** The icon badge follows the count at most this often (each update is a call into the browser). */
export const ICON_BADGE_GAP_MS = 1_000;

export class BrowserAlerter implements Alerter {
  private readonly shown = new Map<string, Notification>();
  private lastChimeAt = -Infinity;
  private badgeCount: number | null = null;
  private badgeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly onOpen: (conversationId: string) => void,
    private readonly onBadge: (count: number) => void,
    private readonly chime: () => boolean = playChime,
    private readonly now: () => number = Date.now,
    private readonly permission: () => BrowserPermission = browserPermission,
  ) {}

  /**
   * Installed web apps show the count on their icon; elsewhere the tab title carries it. On a busy queue the
   * count changes many times a second; the icon takes the latest once per `ICON_BADGE_GAP_MS`.
   */
  private setIconBadge(count: number): void {
    this.badgeCount = count;
    if (this.badgeTimer) return;
    this.applyIconBadge();
  }

  private applyIconBadge(): void {
    const count = this.badgeCount;
    if (count === null) return;
    this.badgeCount = null;
    const nav = navigator as Navigator & { setAppBadge?: (n: number) => Promise<void> };
    void nav.setAppBadge?.(count).catch(() => {});
    // Whatever arrives before the gap ends is applied at its end, the latest count only.
    this.badgeTimer = setTimeout(() => {
      this.badgeTimer = null;
      this.applyIconBadge();
    }, ICON_BADGE_GAP_MS);
  }

  handle(event: DesktopNotificationEvent): void {
    if (event.type === 'notification.badge') {
      this.onBadge(event.count);
      this.setIconBadge(event.count);
      return;
    }
    if (event.type === 'notification.cleared') {
      this.shown.get(event.conversationId)?.close();
      this.shown.delete(event.conversationId);
      return;
    }
    if (event.sound && this.now() - this.lastChimeAt >= CHIME_GAP_MS && this.chime()) {
      this.lastChimeAt = this.now();
    }
    if (this.permission() !== 'granted') return;
    const { title, body } = notificationText(event);
    this.shown.get(event.conversationId)?.close();
    const notification = new Notification(title, {
      body,
      // One per conversation: a repeat replaces the earlier one.
      tag: event.conversationId,
      requireInteraction: true,
    });
    notification.onclick = () => {
      window.focus();
      this.onOpen(event.conversationId);
      notification.close();
    };
    this.shown.set(event.conversationId, notification);
  }
}
