/**
 * Typed Directly calls for the connector: paths and bodies come from `wire.ts`, transport and error mapping
 * from http-kit, and every call carries the bearer token, renewed before expiry and once after a 401.
 */
import type { z } from 'zod';
import { ConnectorError } from '../../core/connector';
import { OAuthTokenSource } from '../http-kit/oauth-token-source';
import { createHttpClient } from '../http-kit/http-client';
import type { HttpClient, RequestSpec } from '../http-kit/http-client';
import {
  AutomateResult,
  describeDirectlyError,
  directlyPath,
  EngageConversation,
  EngageConversationWithMessages,
  EngageMessage,
  FeedbackResult,
  Report,
  REPORT_QUERY,
  UnderstandResult,
  WebhookRegistration,
} from './wire';
import type {
  AutomateBody,
  CreateEngageBody,
  DirectlyRoute,
  FeedbackBody,
  PostEngageMessageBody,
  RatingBody,
  UnderstandBody,
} from './wire';

export interface DirectlyApiConfig {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  now?: () => number;
}

const PLATFORM = 'Directly';

export class DirectlyApi {
  private readonly http: HttpClient;
  private readonly tokens: OAuthTokenSource;

  constructor(config: DirectlyApiConfig) {
    this.tokens = new OAuthTokenSource({
      tokenUrl: config.tokenUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      platform: PLATFORM,
      describeError: describeDirectlyError,
      ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
      ...(config.now && { now: config.now }),
    });
    this.http = createHttpClient({
      baseUrl: config.baseUrl,
      platform: PLATFORM,
      describeError: describeDirectlyError,
      secrets: () => this.tokens.secrets(),
      ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
      ...(config.now && { now: config.now }),
    });
  }

  /** What must never appear in a log line. */
  secrets(): string[] {
    return this.tokens.secrets();
  }

  registerWebhook(url: string): Promise<WebhookRegistration> {
    return this.call({ method: 'PUT', path: directlyPath('webhook'), json: { url } }, WebhookRegistration);
  }

  understand(body: UnderstandBody): Promise<UnderstandResult> {
    return this.call({ method: 'POST', path: directlyPath('understand'), json: body }, UnderstandResult);
  }

  automate(body: AutomateBody): Promise<AutomateResult> {
    return this.call({ method: 'POST', path: directlyPath('automate'), json: body }, AutomateResult);
  }

  feedback(automationId: string, body: FeedbackBody): Promise<z.infer<typeof FeedbackResult>> {
    return this.call(
      { method: 'POST', path: this.path('automateFeedback', { automationId }), json: body },
      FeedbackResult,
    );
  }

  createEngage(body: CreateEngageBody): Promise<EngageConversation> {
    return this.call(
      { method: 'POST', path: directlyPath('engageConversations'), json: body },
      EngageConversation,
    );
  }

  getEngage(conversationId: string): Promise<EngageConversationWithMessages> {
    return this.call(
      { method: 'GET', path: this.path('engageConversation', { conversationId }) },
      EngageConversationWithMessages,
    );
  }

  postEngageMessage(conversationId: string, body: PostEngageMessageBody): Promise<EngageMessage> {
    return this.call(
      { method: 'POST', path: this.path('engageMessages', { conversationId }), json: body },
      EngageMessage,
    );
  }

  resolveEngage(conversationId: string, returnToAutomation: boolean): Promise<EngageConversation> {
    return this.call(
      { method: 'POST', path: this.path('engageResolve', { conversationId }), json: { returnToAutomation } },
      EngageConversation,
    );
  }

  rateEngage(conversationId: string, body: RatingBody): Promise<EngageConversation> {
    return this.call(
      { method: 'POST', path: this.path('engageRating', { conversationId }), json: body },
      EngageConversation,
    );
  }

  report(period: { from?: string; to?: string } = {}): Promise<Report> {
    return this.call(
      {
        method: 'GET',
        path: directlyPath('report'),
        query: { [REPORT_QUERY.from]: period.from, [REPORT_QUERY.to]: period.to },
      },
      Report,
    );
  }

  private path(route: DirectlyRoute, params: Record<string, string>): string {
    return directlyPath(route, params);
  }

  private token(): Promise<string> {
    return this.tokens.token();
  }

  /** A 401 usually means the token was revoked or expired early: get a new one and try once more. */
  private async call<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.infer<S>> {
    const send = (token: string) =>
      this.http.json({ ...spec, headers: { ...spec.headers, Authorization: `Bearer ${token}` } }, schema);
    const token = await this.token();
    try {
      return await send(token);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.options.status !== 401) throw error;
      this.tokens.invalidate(token);
      return send(await this.token());
    }
  }
}
