import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { ValidationError } from '../domain/errors';

// English messages for every validation issue (zod/mini ships without a locale loaded). Only this locale is
// imported: `z.locales` would bundle every language (~270 KB).
z.config(en());

/** Parses `input` with a zod schema; failures become a ValidationError listing each wrong field. */
export function parseWith<S extends z.ZodMiniType>(schema: S, input: unknown, where: 'body' | 'query' | 'path' | 'event'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const path = [where, ...issue.path.map(String)].join('.');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field(s): ${issue.keys.join(', ')}`;
    return { path, message };
  });
  const first = errors[0];
  const summary = input === undefined && where === 'body' ? 'A JSON body is required.' : `${first?.path}: ${first?.message}`;
  throw new ValidationError(errors.length > 1 ? `${summary} (and ${errors.length - 1} more)` : summary, errors);
}
