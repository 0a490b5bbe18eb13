/**
 * The one Certainly call, typed: Send End User Message. Failures arrive as `ConnectorError`s from the
 * shared HTTP client (401 → unauthorized, 400 → rejected with Certainly's sentence, 5xx/network →
 * unavailable); a 200 that still carries an `error` is treated as a refusal too.
 */
import { ConnectorError } from '../../core/connector';
import { createHttpClient } from '../http-kit/http-client';
import type { HttpClient } from '../http-kit/http-client';
import { authorizationHeader, describeCertainlyError, messagesPath, MessageResponse } from './wire';
import type { BotMessage, MessageRequest } from './wire';

export interface CertainlyApiConfig {
  baseUrl: string;
  deploymentId: string;
  token: string;
  timeoutMs?: number;
  now?: () => number;
}

export class CertainlyApi {
  private readonly http: HttpClient;

  constructor(private readonly config: CertainlyApiConfig) {
    this.http = createHttpClient({
      baseUrl: config.baseUrl,
      platform: 'Certainly',
      describeError: describeCertainlyError,
      secrets: () => [config.token],
      ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
      ...(config.now !== undefined && { now: config.now }),
    });
  }

  /** Sends one message; resolves with the bot's answers (none for `standby`). */
  async send(request: MessageRequest): Promise<BotMessage[]> {
    const response = await this.http.json(
      {
        method: 'POST',
        path: messagesPath(this.config.deploymentId),
        headers: { Authorization: authorizationHeader(this.config.token) },
        json: request,
      },
      MessageResponse,
    );
    const failed = response.find((entry) => entry.error !== null);
    if (failed?.error) throw new ConnectorError(`Certainly refused the message: ${failed.error}`, 'rejected');
    return response.flatMap((entry) => entry.message);
  }
}
