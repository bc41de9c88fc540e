import * as z from 'zod/mini';

/** Problem document (RFC 9457) every 4xx/5xx answer carries. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});

export const Email = z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email({ error: 'must be an email address' }));
export const Password = z.string().check(z.minLength(1, 'is required'), z.maxLength(256));

/** An ISO 4217 alphabetic code (upper case, three letters); whether it is known is checked in the domain. */
export const CurrencyCode = z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'));

/** A UUID path parameter (ids of users). */
export const Uuid = z.string().check(z.regex(/^[0-9a-fA-F-]{36}$/, 'must be a UUID'));

export const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'));
export const IsoTimestamp = z.string();
