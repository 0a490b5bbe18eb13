/**
 * Directly's API error: thrown anywhere in the simulator, answered by one `onError` handler in the shape the
 * README documents, `{ "error": { "code", "message", "expert"? } }`.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { readJson } from '../../http-kit/read-json';
import { ERROR_CODES } from '../wire';
import type { ApiErrorBody, Expert } from '../wire';

export class DirectlyApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly expert?: Expert,
  ) {
    super(message);
    this.name = 'DirectlyApiError';
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.expert && { expert: this.expert }) } };
  }
}

export const badRequest = (message: string): DirectlyApiError =>
  new DirectlyApiError(400, ERROR_CODES.badRequest, message);

export const notFound = (message: string): DirectlyApiError =>
  new DirectlyApiError(404, ERROR_CODES.notFound, message);

export const conflict = (message: string, expert?: Expert): DirectlyApiError =>
  new DirectlyApiError(409, ERROR_CODES.conflict, message, expert);

export const apiErrorBody = (code: string, message: string): ApiErrorBody => ({ error: { code, message } });

/** A JSON request body validated against `schema`, or a 400 with a sentence saying what is wrong. */
export async function requireBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const result = await readJson(c, schema);
  if (!result.ok) throw badRequest(result.message);
  return result.value;
}
