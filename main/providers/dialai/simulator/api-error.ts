/**
 * Dialai's API error: thrown anywhere in the simulator, answered by one `onError` handler in the shape the
 * README documents, `{ "error": { "code", "message", "heldBy"? } }`.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { readJson } from '../../http-kit/read-json';
import { ERROR_CODES } from '../wire';
import type { ApiErrorBody, Csr } from '../wire';

export class DialaiApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: { heldBy?: Csr; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DialaiApiError';
  }

  body(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.extra.heldBy && { heldBy: this.extra.heldBy }),
      },
    };
  }
}

export const badRequest = (message: string): DialaiApiError =>
  new DialaiApiError(400, ERROR_CODES.badRequest, message);

export const notFound = (message: string): DialaiApiError =>
  new DialaiApiError(404, ERROR_CODES.notFound, message);

export const apiErrorBody = (code: string, message: string): ApiErrorBody => ({ error: { code, message } });

/** A JSON request body validated against `schema`, or a 400 with a sentence saying what is wrong. */
export async function requireBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const result = await readJson(c, schema);
  if (!result.ok) throw badRequest(result.message);
  return result.value;
}
