import * as z from 'zod/mini';

/** Longest correlation id an envelope carries (a client's `x-correlation-id` is cut to it). */
export const MAX_CORRELATION_ID_LENGTH = 200;

/**
 * Every queue message is one envelope: `type` names the contract (`<Entity><PastTense>`), `data` is validated by
 * that contract's schema. `id` is unique per event and is what consumers deduplicate on. `correlationId` is the id
 * of the HTTP request (or scheduled run) the event descends from, carried through the outbox and every queue hop so
 * one request's logs can be followed across functions; an event without one starts its own chain (its `id`).
 */
// In a pure thunk (as the contracts are): only the consumers and the relay parse envelopes, and a bundle that never
// reads the schema neither carries nor builds it at cold start.
export const Envelope = /*#__PURE__*/ (() => z.object({
  id: z.string().check(z.minLength(1)),
  type: z.string().check(z.minLength(1)),
  version: z.int(),
  occurredAt: z.string(),
  correlationId: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_CORRELATION_ID_LENGTH))),
  data: z.unknown(),
}))();
export type Envelope = z.infer<typeof Envelope>;

/** The correlation id an event's consumers log and pass on: the one it carries, else its own id. */
export function correlationOf(envelope: Pick<Envelope, 'id' | 'correlationId'>): string {
  return envelope.correlationId ?? envelope.id;
}

/** An event contract: its type name, schema version and data schema. */
export interface EventContract<S extends z.ZodMiniType = z.ZodMiniType> {
  type: string;
  version: number;
  schema: S;
}

/**
 * An event contract. Declare each in a pure thunk (an arrow called at once, annotated `#__PURE__`), as the route
 * contracts are: esbuild keeps any other call at module level, so every bundle importing an events module would carry
 * all of its contracts and their schemas; in a thunk, only those the bundle reads.
 */
export function eventContract<S extends z.ZodMiniType>(type: string, version: number, schema: S): EventContract<S> {
  return { type, version, schema };
}
