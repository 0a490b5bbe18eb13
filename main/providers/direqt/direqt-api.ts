/** Typed Direqt calls for the connector: paths and bodies from `wire.ts`, transport from http-kit. */
import type { z } from 'zod';
import { ConnectorError } from '../../core/connector';
import { createHttpClient } from '../http-kit/http-client';
import type { HttpClient, RequestSpec } from '../http-kit/http-client';
import {
  authorizationHeader,
  describeDireqtError,
  DIREQT_ROUTES,
  SendMessageResult,
  WebhookConfiguration,
} from './wire';
import type { AgentMessage } from './wire';

export interface DireqtApiConfig {
  baseUrl: string;
  accessToken: string;
  timeoutMs?: number;
}

export class DireqtApi {
  private readonly http: HttpClient;

  constructor(private readonly config: DireqtApiConfig) {
    this.http = createHttpClient({
      baseUrl: config.baseUrl,
      platform: 'Direqt',
      describeError: describeDireqtError,
      secrets: () => [config.accessToken],
      ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
    });
  }

  send(userId: string, agentMessage: AgentMessage): Promise<SendMessageResult> {
    return this.call(
      { method: 'POST', path: DIREQT_ROUTES.messages, json: { userId, agentMessage } },
      SendMessageResult,
    );
  }

  /** PATCH keeps the tenant's `instanceId`; POST creates the configuration when there is none yet. */
  async configureWebhook(webhookUrl: string): Promise<WebhookConfiguration> {
    try {
      return await this.call(
        { method: 'PATCH', path: DIREQT_ROUTES.webhook, json: { webhookUrl } },
        WebhookConfiguration,
      );
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== 'not_found') throw error;
      return this.call(
        { method: 'POST', path: DIREQT_ROUTES.webhook, json: { webhookUrl } },
        WebhookConfiguration,
      );
    }
  }

  webhook(): Promise<WebhookConfiguration> {
    return this.call({ method: 'GET', path: DIREQT_ROUTES.webhook }, WebhookConfiguration);
  }

  private call<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.infer<S>> {
    return this.http.json(
      { ...spec, headers: { ...spec.headers, Authorization: authorizationHeader(this.config.accessToken) } },
      schema,
    );
  }
}
