/**
 * `POST /callback/{workspaceId}`: where Baton delivers bot and agent messages. Checked in the order that
 * tells a caller the most without trusting an unsigned body: workspace, size, signature and freshness,
 * replay, then the body. A refused request changes nothing; a message delivered twice (Baton retried after a
 * lost answer) is acknowledged and shown once.
 */
import type { Context, Hono } from 'hono';
import { describeZodError } from '../http-kit/read-json';
import { verifyChannelRequest } from './channel-signature';
import type { DeliveryIds } from './channel-signature';
import type { ConversationStore } from './conversation-store';
import { CallbackBody, contentText, errorBody, MAX_BODY_BYTES, replySuggestions } from './wire';

export interface CallbackDeps {
  secretOf: (workspaceId: string) => string | undefined;
  store: ConversationStore;
  deliveryIds: DeliveryIds;
  now: () => number;
}

const tooLarge = (c: Context): Response =>
  c.json(errorBody('too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`), 413);

export function mountCallback(app: Hono, deps: CallbackDeps): void {
  app.post('/callback/:workspaceId', async (c) => {
    const workspaceId = c.req.param('workspaceId');
    const secret = deps.secretOf(workspaceId);
    if (secret === undefined)
      return c.json(errorBody('unknown_workspace', `No workspace ${workspaceId} on this channel.`), 404);
    // Checked before reading, so an oversized body is not buffered; checked again after, for chunked bodies.
    if (Number(c.req.header('Content-Length') ?? 0) > MAX_BODY_BYTES) return tooLarge(c);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength > MAX_BODY_BYTES) return tooLarge(c);

    const verified = verifyChannelRequest({
      secret,
      rawBody: raw,
      headers: c.req.raw.headers,
      now: deps.now(),
      deliveryIds: deps.deliveryIds,
    });
    if (!verified.ok) return c.json(errorBody(verified.code, verified.message), verified.status);

    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch {
      return c.json(errorBody('bad_request', 'The body is not valid UTF-8 JSON.'), 400);
    }
    const body = CallbackBody.safeParse(parsed);
    if (!body.success)
      return c.json(errorBody('bad_request', `Invalid body: ${describeZodError(body.error)}`), 400);

    const message = body.data;
    const conversation = deps.store.get(message.conversationId);
    if (!conversation || conversation.workspaceId !== workspaceId)
      return c.json(
        errorBody('unknown_conversation', `No conversation ${message.conversationId} in ${workspaceId}.`),
        404,
      );
    const suggestions = replySuggestions(message.content);
    const added = deps.store.addReply(conversation, {
      id: message.messageId,
      from: message.role,
      ...(message.authorName !== undefined && { authorName: message.authorName }),
      text: contentText(message.content),
      at: message.sentAt,
      ...(suggestions.length > 0 && { suggestions }),
    });
    return c.json(added ? { received: true } : { received: true, duplicate: true }, 200);
  });
}
