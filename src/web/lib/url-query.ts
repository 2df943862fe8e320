import type { z } from 'zod';

/**
 * Reads a page's filters from the query string with its contract schema: a value the schema
 * refuses (a hand-edited URL) is dropped and falls back to its default, the rest is kept.
 */
export function parseUrlQuery<S extends z.ZodObject>(schema: S, params: URLSearchParams): z.infer<S> {
  const known = Object.keys(schema.shape);
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = params.get(key);
    if (value !== null && value !== '') raw[key] = value;
  }
  for (let attempt = 0; attempt <= known.length; attempt += 1) {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    for (const issue of result.error.issues) delete raw[String(issue.path[0])];
  }
  return schema.parse({});
}

/**
 * The query-string changes that write `values`, leaving out those equal to the defaults so URLs
 * stay short and shareable.
 */
export function toUrlChanges<T extends Record<string, unknown>>(
  values: Partial<T>,
  defaults: T,
): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(values)) {
    changes[key] =
      value === undefined || value === null || value === '' || value === defaults[key] ? null : String(value);
  }
  return changes;
}
