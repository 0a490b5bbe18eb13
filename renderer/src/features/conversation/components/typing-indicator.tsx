/** "<Customer> is typing…" under the transcript; the store lapses an entry after 6 s without a refresh. */
import { useTypists } from '../stores/typing-store';

export function TypingIndicator({
  conversationId,
  customerName,
  meName,
}: {
  conversationId: string;
  customerName: string;
  /** The agent's own name: their own typing, echoed back, is not news. */
  meName: string | null;
}) {
  const typists = useTypists(conversationId);
  const names = Object.values(typists)
    .filter((t) => !(t.role === 'agent' && meName && t.name === meName))
    .map((t) => (t.role === 'customer' ? t.name || customerName : t.name || 'Another agent'));
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? `${names[0]} is typing…`
        : `${names.join(' and ')} are typing…`;

  return (
    <p className="typing-indicator" role="status" aria-live="polite">
      {text && (
        <>
          <span className="typing-indicator__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {text}
        </>
      )}
    </p>
  );
}
