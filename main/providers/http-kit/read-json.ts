/**
 * Reading a JSON request body in a simulator: every simulator answers bad input with a clear sentence and
 * changes nothing, so the reading and the wording live here once. The caller formats the platform's own
 * error body around the sentence.
 */
import type { Context } from 'hono';
import type { z } from 'zod';

export type ReadResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** "mode: Invalid option: expected one of …; latencyMs: Too small: expected number to be >=0" */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<ReadResult<z.infer<S>>> {
  const raw = await c.req.text();
  let parsed: unknown;
  try {
    parsed = raw.trim() === '' ? undefined : JSON.parse(raw);
  } catch {
    return { ok: false, message: 'The request body is not valid JSON.' };
  }
  if (parsed === undefined)
    return { ok: false, message: 'The request body is empty; a JSON object is expected.' };
  const result = schema.safeParse(parsed);
  if (!result.success)
    return { ok: false, message: `Invalid request body: ${describeZodError(result.error)}` };
  return { ok: true, value: result.data };
}
