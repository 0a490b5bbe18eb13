/**
 * Baton → the company's chatbot, while the bot holds a conversation: each Direqt delivery is passed on to the
 * chatbot's own webhook exactly as Direqt would send it (same body, signed with the same signing secret), and
 * the chatbot's answer is read by Baton's convention (`RelayAnswer` in wire.ts).
 */
import { RelayAnswer, signedHeaders } from './wire';

const RELAY_TIMEOUT_MS = 10_000;

export type RelayOutcome =
  { ok: true; answer: RelayAnswer; ignored?: string } | { ok: false; reason: string };

export async function relayToChatbot(options: {
  url: string;
  secret: string;
  deliveryId: string;
  body: unknown;
  now: number;
}): Promise<RelayOutcome> {
  const raw = JSON.stringify(options.body);
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers: signedHeaders(options.secret, options.deliveryId, options.now, raw),
      body: raw,
      signal: AbortSignal.timeout(RELAY_TIMEOUT_MS),
    });
  } catch (error) {
    const cause =
      error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : '';
    return { ok: false, reason: `The chatbot could not be reached (${cause || String(error)})` };
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) return { ok: false, reason: `The chatbot answered ${response.status}` };
  if (text.trim() === '') return { ok: true, answer: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: true, answer: {}, ignored: 'the answer is not JSON' };
  }
  const answer = RelayAnswer.safeParse(parsed);
  // A 200 the convention cannot read is taken as "nothing to say": the chatbot may be a plain Direqt bot.
  return answer.success
    ? { ok: true, answer: answer.data }
    : { ok: true, answer: {}, ignored: 'unknown answer shape' };
}
