/**
 * The Direct Line 1.1 surface exactly as the seed lists it: token generate and renew, start conversation,
 * get messages by watermark, send a message, upload files, plus the relative attachment URLs it hands out.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DirectLineErrorCode, Message as WireMessage } from '../wire';
import { AUTH_SCHEMES, DIRECTLINE_PATHS, Message } from '../wire';
import type { DirectLineStore, SimConversationState } from './store';

export class DirectLineApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: DirectLineErrorCode,
    message: string,
  ) {
    super(message);
  }
  body(): { error: { code: string; message: string; statusCode: number } } {
    return { error: { code: this.code, message: this.message, statusCode: this.status } };
  }
}

export interface ApiDeps {
  secret: string;
  store: DirectLineStore;
  /** True while the bot is failing (a simulated fault): sends answer 502 as the seed describes. */
  botFailing(): boolean;
  now(): number;
}

type Caller = { kind: 'secret' } | { kind: 'token'; conversationId: string };

function caller(c: Context, deps: ApiDeps): Caller {
  const header = c.req.header('authorization');
  if (!header) throw new DirectLineApiError(401, 'NotAllowed', 'The Authorization header is missing.');
  const [scheme, value, ...rest] = header.trim().split(/\s+/);
  if (!AUTH_SCHEMES.some((s) => s === scheme) || !value || rest.length > 0) {
    throw new DirectLineApiError(
      401,
      'NotAllowed',
      'Use "Authorization: Bearer|BotConnector <secret or token>".',
    );
  }
  if (value === deps.secret) return { kind: 'secret' };
  const grant = deps.store.grant(value);
  if (!grant) throw new DirectLineApiError(403, 'NotAllowed', 'The token or secret is invalid or expired.');
  return { kind: 'token', conversationId: grant.conversationId };
}

function conversationFor(c: Context, deps: ApiDeps, id: string): SimConversationState {
  const who = caller(c, deps);
  if (who.kind === 'token' && who.conversationId !== id) {
    throw new DirectLineApiError(403, 'NotAllowed', 'The token is not valid for this conversation.');
  }
  const conversation = deps.store.get(id);
  if (!conversation) throw new DirectLineApiError(404, 'NotFound', `Conversation ${id} was not found.`);
  return conversation;
}

async function readMessage(c: Context): Promise<WireMessage> {
  const raw = await c.req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new DirectLineApiError(400, 'MalformedData', 'The request body is not a JSON Message object.');
  }
  return parseMessage(parsed);
}

function parseMessage(parsed: unknown): WireMessage {
  const result = Message.safeParse(parsed);
  if (!result.success || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DirectLineApiError(
      400,
      'MalformedData',
      'The Message object is malformed (channelData must be an object, images strings, attachments {url, contentType}).',
    );
  }
  return result.data;
}

function hasContent(message: WireMessage): boolean {
  return (
    (message.text !== undefined && message.text !== '') ||
    (message.images?.length ?? 0) > 0 ||
    (message.attachments?.length ?? 0) > 0 ||
    message.channelData !== undefined
  );
}

export function apiRoutes(deps: ApiDeps): Hono {
  const { store } = deps;
  const app = new Hono();

  app.post(DIRECTLINE_PATHS.generateToken, (c) => {
    if (caller(c, deps).kind !== 'secret') {
      throw new DirectLineApiError(403, 'NotAllowed', 'Only the secret can generate tokens.');
    }
    return c.json(store.issueToken(store.createConversation().id).token);
  });

  app.get('/api/tokens/:conversationId/renew', (c) => {
    const conversation = conversationFor(c, deps, c.req.param('conversationId'));
    return c.json(store.issueToken(conversation.id).token);
  });

  app.post(DIRECTLINE_PATHS.conversations, (c) => {
    const who = caller(c, deps);
    if (who.kind === 'secret') {
      const conversation = store.createConversation();
      const { token, expiresIn } = store.issueToken(conversation.id);
      return c.json({ conversationId: conversation.id, token, expires_in: expiresIn });
    }
    // A token from "Generate Token" already names its conversation: starting it returns that one.
    const token = c.req.header('authorization')?.trim().split(/\s+/)[1] ?? '';
    const grant = store.grant(token);
    const expiresIn = grant ? Math.max(0, Math.floor((grant.expiresMs - deps.now()) / 1000)) : 0;
    return c.json({ conversationId: who.conversationId, token, expires_in: expiresIn });
  });

  app.get('/api/conversations/:id/messages', (c) => {
    const conversation = conversationFor(c, deps, c.req.param('id'));
    const raw = c.req.query('watermark');
    if (raw !== undefined && raw !== '' && !/^\d+$/.test(raw)) {
      throw new DirectLineApiError(
        400,
        'MalformedData',
        `The watermark "${raw}" is not one this service issued.`,
      );
    }
    const watermark = raw === undefined || raw === '' ? 0 : Number(raw);
    if (watermark > conversation.messages.length) {
      throw new DirectLineApiError(
        400,
        'InvalidRange',
        `The watermark ${watermark} is beyond the conversation.`,
      );
    }
    return c.json(store.page(conversation, watermark));
  });

  app.post('/api/conversations/:id/messages', async (c) => {
    const conversation = conversationFor(c, deps, c.req.param('id'));
    const message = await readMessage(c);
    if (!hasContent(message)) {
      throw new DirectLineApiError(
        400,
        'MissingProperty',
        'A message needs text, images, attachments or channelData.',
      );
    }
    if (deps.botFailing()) {
      throw new DirectLineApiError(502, 'ServiceError', 'The bot is unavailable or returned an error.');
    }
    store.append(conversation, { ...message, conversationId: conversation.id });
    return c.body(null, 204);
  });

  app.post('/api/conversations/:id/upload', async (c) => {
    const conversation = conversationFor(c, deps, c.req.param('id'));
    const userId = c.req.query('userId');
    if (!userId) throw new DirectLineApiError(400, 'MissingProperty', 'The userId parameter is required.');
    const contentType = c.req.header('content-type') ?? 'application/octet-stream';
    let container: WireMessage = {};
    const files: { contentType: string; data: Buffer; name?: string }[] = [];
    if (contentType.toLowerCase().startsWith('multipart/')) {
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        throw new DirectLineApiError(400, 'MalformedData', 'The multipart body could not be read.');
      }
      for (const [name, part] of form.entries()) {
        const isMessage =
          name === 'message' ||
          (typeof part !== 'string' && /vnd\.microsoft\.bot\.message|application\/json/.test(part.type));
        if (isMessage) {
          const text = typeof part === 'string' ? part : await part.text();
          try {
            container = parseMessage(JSON.parse(text));
          } catch (error) {
            if (error instanceof DirectLineApiError) throw error;
            throw new DirectLineApiError(400, 'MalformedData', 'The Message part is not JSON.');
          }
        } else if (typeof part !== 'string') {
          files.push({
            contentType: part.type || 'application/octet-stream',
            data: Buffer.from(await part.arrayBuffer()),
            name: part.name,
          });
        }
      }
    } else {
      const data = Buffer.from(await c.req.arrayBuffer());
      if (data.length > 0) files.push({ contentType, data });
    }
    if (files.length === 0) throw new DirectLineApiError(400, 'MissingProperty', 'No file was uploaded.');
    if (deps.botFailing()) {
      throw new DirectLineApiError(502, 'ServiceError', 'The bot is unavailable or returned an error.');
    }
    const images: string[] = [...(container.images ?? [])];
    const attachments = [...(container.attachments ?? [])];
    for (const file of files) {
      const url = store.storeFile(conversation.id, file.contentType, file.data, file.name);
      if (file.contentType.startsWith('image/')) images.push(url);
      else attachments.push({ url, contentType: file.contentType });
    }
    store.append(conversation, { ...container, from: userId, images, attachments });
    return c.body(null, 204);
  });

  // Relative URLs from `images` and `attachments` resolve here; like the real service, no auth is needed.
  app.get('/attachments/:conversationId/:name', (c) => {
    const file = store.file(c.req.path);
    if (!file) throw new DirectLineApiError(404, 'NotFound', 'The file does not exist or has expired.');
    return c.body(new Uint8Array(file.data), 200, { 'Content-Type': file.contentType });
  });

  return app;
}
