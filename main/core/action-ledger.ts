/**
 * Remembers every action by its client-made id, so that a client retrying an action (after a lost response,
 * a reconnect, a double click) gets the first attempt's outcome instead of applying it twice.
 */
import { CoreError } from './core-error';

interface Entry<T> {
  fingerprint: string;
  outcome: Promise<T>;
}

export class ActionLedger<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly capacity = 50_000) {}

  /**
   * Runs `apply` once per `actionId`. A repeat with the same content returns the first outcome (`repeated`
   * true); a repeat with different content is refused, since the client has confused two actions.
   */
  async run(
    actionId: string,
    fingerprint: string,
    apply: () => Promise<T>,
  ): Promise<{ value: T; repeated: boolean }> {
    const existing = this.entries.get(actionId);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new CoreError('bad_request', 'This action id was already used for a different action.');
      }
      return { value: await existing.outcome, repeated: true };
    }
    const outcome = apply();
    this.entries.set(actionId, { fingerprint, outcome });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    try {
      return { value: await outcome, repeated: false };
    } catch (error) {
      // A refused action changed nothing, so the same id may be tried again (after the platform recovers).
      this.entries.delete(actionId);
      throw error;
    }
  }
}
