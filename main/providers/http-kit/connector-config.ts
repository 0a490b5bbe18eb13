/** Checks a connector's settings, naming only the fields that are wrong: the values may hold secrets. */
import type { z } from 'zod';

export function parseConnectorConfig<S extends z.ZodType>(
  schema: S,
  config: unknown,
  platform: string,
): z.infer<S> {
  const parsed = schema.safeParse(config);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ');
  throw new Error(`${platform} workspace settings are incomplete or invalid: ${fields}`);
}
