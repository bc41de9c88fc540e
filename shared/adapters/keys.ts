/**
 * The single table's key design, in one place. Every item has `pk` and `sk`; items that expire carry `expiresAt`
 * (epoch seconds, the table's TTL attribute). Every partition holding a user's data starts with `USER#<sub>`,
 * where `<sub>` comes only from the verified token.
 *
 * | pk                 | sk                 | item                                      |
 * |--------------------|--------------------|-------------------------------------------|
 * | USER#<sub>         | PROFILE            | profile (email, name, base currency, …)   |
 * | USER#<sub>         | SESSION#<sid>      | pointer to one of the user's sessions     |
 * | SESSION#<sid>      | SESSION            | a sign-in: its access tokens, revokedAt   |
 * | TOKEN#<jti>        | TOKEN              | an access token we issued (allow-list)    |
 * | ROLES              | ROLE#<name>        | a stored role and its permissions         |
 * | OUTBOX#<id>        | EVENT              | an event awaiting relay to SQS (stream)   |
 *
 * GSI1 (`gsi1pk`, `gsi1sk`): `USERS` / `<sub>` lists every profile for scheduled jobs (never on a request path).
 */
export const keys = {
  profile: (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  userSession: (userId: string, sid: string) => ({ pk: `USER#${userId}`, sk: `SESSION#${sid}` }),
  session: (sid: string) => ({ pk: `SESSION#${sid}`, sk: 'SESSION' }),
  token: (jti: string) => ({ pk: `TOKEN#${jti}`, sk: 'TOKEN' }),
  role: (name: string) => ({ pk: 'ROLES', sk: `ROLE#${name}` }),
  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'EVENT' }),
  userPartition: (userId: string) => `USER#${userId}`,
  usersIndex: 'gsi1',
} as const;
