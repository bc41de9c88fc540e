import * as z from 'zod/mini';

/**
 * Every queue message is one envelope: `type` names the contract (`<Entity><PastTense>`), `data` is validated by
 * that contract's schema. `id` is unique per event and is what consumers deduplicate on.
 */
export const Envelope = z.object({
  id: z.string().check(z.minLength(1)),
  type: z.string().check(z.minLength(1)),
  version: z.int(),
  occurredAt: z.string(),
  data: z.unknown(),
});
export type Envelope = z.infer<typeof Envelope>;

/** An event contract: its type name, schema version and data schema. */
export interface EventContract<S extends z.ZodMiniType = z.ZodMiniType> {
  type: string;
  version: number;
  schema: S;
}

export function eventContract<S extends z.ZodMiniType>(type: string, version: number, schema: S): EventContract<S> {
  return { type, version, schema };
}
