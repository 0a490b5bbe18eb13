/**
 * Direqt's API error: thrown anywhere in the simulator, answered by one `onError` handler in the seed's shape,
 * `{ "message": "…" }` with a 4xx or 5xx status.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../wire';

export class DireqtApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DireqtApiError';
  }

  body(): ErrorBody {
    return { message: this.message, ...this.extra };
  }
}

export const errorBody = (_code: string, message: string): ErrorBody => ({ message });
