/**
 * Client-made action ids. One id per user intent: a retry of the same intent reuses it, so the core applies
 * the action at most once. 127.0.0.1 and app:// are secure contexts, so randomUUID is available there.
 */
export function newActionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
