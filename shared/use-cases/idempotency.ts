import { ValidationError } from '../domain/errors';

export { rememberReply, replayOf, requestHash, type StoredReply } from '../adapters/idempotency';

/** Validates an `Idempotency-Key` header value (absent is fine). Routes on the handler factory get it parsed instead. */
export function idempotencyKeyOf(headers: Record<string, string>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,128}$/.test(key)) {
    throw new ValidationError('Idempotency-Key must be 1–128 visible ASCII characters.', [{ path: 'header.Idempotency-Key', message: 'invalid' }]);
  }
  return key;
}
