/**
 * The Directly API as the simulator serves it: `/api/v1/…` behind a bearer token. Paths and bodies come from
 * `wire.ts`; the behaviour behind them from `Knowledge`, `EngageStore`, `Activity` and `WebhookSender`.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { TimerSet } from '../../http-kit/timer-set';
import {
  AutomateBody,
  CreateEngageBody,
  DIRECTLY_ROUTES,
  ERROR_CODES,
  FeedbackBody,
  INGEST_CONTENT_TYPE,
  INGEST_LIMITS,
  PostEngageMessageBody,
  RatingBody,
  REPORT_QUERY,
  ResolveBody,
  UnderstandBody,
  WEBHOOK_EVENTS,
  WebhookRegistration,
} from '../wire';
import type { AutomateResult, IngestJob } from '../wire';
import type { Activity } from './activity';
import { badRequest, DirectlyApiError, notFound, requireBody } from './api-error';
import type { TokenIssuer } from './auth';
import { parseUtteranceCsv } from './csv';
import { toWireEngage, toWireEngageWithMessages } from './engage-store';
import type { EngageStore } from './engage-store';
import type { Automation, Knowledge } from './knowledge';
import type { WebhookSender } from './webhook-sender';

export interface ApiDeps {
  auth: TokenIssuer;
  knowledge: Knowledge;
  engage: EngageStore;
  activity: Activity;
  webhooks: WebhookSender;
  timers: TimerSet;
  now: () => number;
  trainingDelayMs: number;
}

/** The report's default period: the last 30 days. */
const DEFAULT_REPORT_DAYS = 30;

function parseTime(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw badRequest(`${name} must be an ISO 8601 date-time, not "${value.slice(0, 60)}".`);
  return ms;
}

const automateAnswer = (automation: Automation): AutomateResult => ({
  automationId: automation.automationId,
  content: { title: automation.title, body: automation.body },
});

export function apiRoutes(deps: ApiDeps): Hono {
  const { knowledge, engage, activity, webhooks } = deps;
  const jobs = new Map<string, IngestJob>();
  const app = new Hono();

  app.post(DIRECTLY_ROUTES.token, (c) => deps.auth.tokenEndpoint(c));
  app.use(DIRECTLY_ROUTES.apiScope, deps.auth.middleware);

  app.put(DIRECTLY_ROUTES.webhook, async (c) => {
    const { url } = await requireBody(c, WebhookRegistration);
    webhooks.register(url);
    return c.json({ url });
  });
  app.get(DIRECTLY_ROUTES.webhook, (c) => c.json({ url: webhooks.registeredUrl }));

  app.post(DIRECTLY_ROUTES.ingest, async (c) => {
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== INGEST_CONTENT_TYPE) {
      throw new DirectlyApiError(
        415,
        ERROR_CODES.unsupportedMediaType,
        `Ingest takes a single-column CSV sent as ${INGEST_CONTENT_TYPE}, not ${type || 'no content type'}.`,
      );
    }
    const raw = await c.req.arrayBuffer();
    if (raw.byteLength > INGEST_LIMITS.maxBytes) {
      throw new DirectlyApiError(
        413,
        ERROR_CODES.payloadTooLarge,
        `The CSV is ${raw.byteLength} bytes; at most ${INGEST_LIMITS.maxBytes} are accepted per upload.`,
      );
    }
    const csv = parseUtteranceCsv(new TextDecoder().decode(raw));
    if (!csv.ok) throw badRequest(csv.message);
    const job: IngestJob = {
      jobId: `job_${randomUUID()}`,
      status: 'training',
      utterances: csv.utterances.length,
    };
    jobs.set(job.jobId, job);
    deps.timers.after(deps.trainingDelayMs, () => {
      knowledge.train(csv.utterances, job.jobId.slice(4, 12));
      job.status = 'trained';
      webhooks.publish(WEBHOOK_EVENTS.modelsTrained, { jobId: job.jobId, utterances: job.utterances });
    });
    return c.json({ jobId: job.jobId, status: 'training' as const }, 202);
  });
  app.get(DIRECTLY_ROUTES.ingestJob, (c) => {
    const job = jobs.get(c.req.param('jobId'));
    if (!job) throw notFound(`No ingest job ${c.req.param('jobId')}.`);
    return c.json(job);
  });

  app.post(DIRECTLY_ROUTES.understand, async (c) => {
    const body = await requireBody(c, UnderstandBody);
    const result = knowledge.understand(body.text);
    activity.understood(body.conversationId, body.text, result);
    return c.json(result);
  });

  app.post(DIRECTLY_ROUTES.automate, async (c) => {
    const body = await requireBody(c, AutomateBody);
    let automation: Automation | undefined;
    if (body.automationId !== undefined) {
      automation = knowledge.automation(body.automationId);
      if (!automation) throw notFound(`No automation ${body.automationId}.`);
    } else {
      const understood = knowledge.understand(body.text ?? '');
      automation =
        understood.automationId === undefined ? undefined : knowledge.automation(understood.automationId);
      if (!automation) {
        throw new DirectlyApiError(
          422,
          ERROR_CODES.noAutomation,
          'No expert-written content matches this text yet.',
        );
      }
    }
    activity.automated(
      body.conversationId,
      automation.automationId,
      `${automation.title}\n\n${automation.body}`,
    );
    return c.json(automateAnswer(automation));
  });

  app.post(DIRECTLY_ROUTES.automateFeedback, async (c) => {
    const automationId = c.req.param('automationId');
    const body = await requireBody(c, FeedbackBody);
    if (!knowledge.automation(automationId)) throw notFound(`No automation ${automationId}.`);
    activity.feedbackGiven(automationId, body.helpful);
    return c.json({ automationId, helpful: body.helpful });
  });

  app.post(DIRECTLY_ROUTES.engageConversations, async (c) => {
    const body = await requireBody(c, CreateEngageBody);
    const { conversation, created } = engage.create(body);
    if (created) activity.escalated(body.externalId);
    return c.json(toWireEngage(conversation), created ? 201 : 200);
  });
  app.get(DIRECTLY_ROUTES.engageConversation, (c) =>
    c.json(toWireEngageWithMessages(engage.require(c.req.param('conversationId')))),
  );
  app.post(DIRECTLY_ROUTES.engageMessages, async (c) => {
    const id = c.req.param('conversationId');
    engage.require(id);
    const { message, created } = engage.post(id, await requireBody(c, PostEngageMessageBody));
    return c.json(message, created ? 201 : 200);
  });
  app.post(DIRECTLY_ROUTES.engageResolve, async (c) => {
    const id = c.req.param('conversationId');
    engage.require(id);
    const { returnToAutomation } = await requireBody(c, ResolveBody);
    return c.json(toWireEngage(engage.resolve(id, returnToAutomation)));
  });
  app.post(DIRECTLY_ROUTES.engageRating, async (c) => {
    const id = c.req.param('conversationId');
    engage.require(id);
    const body = await requireBody(c, RatingBody);
    const conversation = engage.rate(id, body);
    activity.rated(id, body.rating);
    return c.json(toWireEngage(conversation));
  });

  app.get(DIRECTLY_ROUTES.report, (c) => {
    const to = parseTime(c.req.query(REPORT_QUERY.to), REPORT_QUERY.to, deps.now() + 1);
    const from = parseTime(
      c.req.query(REPORT_QUERY.from),
      REPORT_QUERY.from,
      to - DEFAULT_REPORT_DAYS * 86_400_000,
    );
    if (from > to) throw badRequest('from must not be later than to.');
    return c.json(activity.report(from, to));
  });

  return app;
}
