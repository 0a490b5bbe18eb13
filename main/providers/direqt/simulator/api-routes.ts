/** The Direqt Messaging API v3 as the seed describes it: `/v3/messages`, `/v3/webhook`, plus demo media. */
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { readJson } from '../../http-kit/read-json';
import { bearerToken, ERROR_MESSAGES, WebhookConfiguration, WebhookConfigurationPatch } from '../wire';
import type { SendMessageResult } from '../wire';
import { DireqtApiError } from './api-error';
import type { DireqtWorld } from './direqt-world';
import { mediaFile } from './media';
import type { WebhookSender } from './webhook-sender';

export interface ApiRouteDeps {
  accessToken: string;
  world: DireqtWorld;
  webhooks: WebhookSender;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function apiRoutes({ accessToken, world, webhooks }: ApiRouteDeps): Hono {
  const app = new Hono();

  app.get('/media/:name', (c) => {
    const png = mediaFile(c.req.param('name'));
    if (!png) throw new DireqtApiError(404, 'No such media file');
    return c.body(new Uint8Array(png), 200, {
      'Content-Type': 'image/png',
      'Cache-Control': 'max-age=86400',
    });
  });

  app.use('/v3/*', async (c, next) => {
    if (!sameToken(bearerToken(c.req.header('authorization')), accessToken)) {
      throw new DireqtApiError(401, ERROR_MESSAGES.invalidToken, { accessToken: '<REDACTED>' });
    }
    return next();
  });

  app.post('/v3/messages', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new DireqtApiError(400, 'The request body is not valid JSON.');
    }
    const message = await world.send(body);
    return c.json({ messageId: message.id } satisfies SendMessageResult);
  });

  const current = () => {
    if (!webhooks.config) throw new DireqtApiError(404, ERROR_MESSAGES.noWebhook);
    return webhooks.config;
  };

  app.get('/v3/webhook', (c) => c.json(current()));
  // POST sets the whole configuration; PATCH changes the fields it names of an existing one.
  app.post('/v3/webhook', async (c) => {
    const body = await readJson(c, WebhookConfiguration);
    if (!body.ok) throw new DireqtApiError(400, body.message);
    webhooks.config = body.value;
    return c.json(webhooks.config);
  });
  app.patch('/v3/webhook', async (c) => {
    const existing = current();
    const body = await readJson(c, WebhookConfigurationPatch);
    if (!body.ok) throw new DireqtApiError(400, body.message);
    webhooks.config = { ...existing, ...body.value };
    return c.json(webhooks.config);
  });
  app.delete('/v3/webhook', (c) => {
    current();
    webhooks.config = null;
    return c.body(null, 204);
  });

  return app;
}
