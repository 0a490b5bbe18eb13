/**
 * Certainly's API error: thrown anywhere in the simulator and answered by one `onError` handler in the shape
 * README.md documents, `[{ "error": "<sentence>", "message": [] }]` (the success shape with no messages).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { readJson } from '../../http-kit/read-json';
import { errorResponse } from '../wire';
import type { ErrorResponse } from '../wire';

export class CertainlyApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
    this.name = 'CertainlyApiError';
  }

  body(): ErrorResponse {
    return errorResponse(this.message);
  }
}

export const badRequest = (message: string): CertainlyApiError => new CertainlyApiError(400, message);

/** A JSON request body validated against `schema`, or a 400 with a sentence saying what is wrong. */
export async function requireBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const result = await readJson(c, schema);
  if (!result.ok) throw badRequest(result.message);
  return result.value;
}
