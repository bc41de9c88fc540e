import { ValidationError } from '../domain/errors';

const KNOWN = new Set(Intl.supportedValuesOf('currency'));

/** Refuses a currency code that is not an ISO 4217 currency. */
export function assertCurrency(code: string, path: string): void {
  if (!KNOWN.has(code)) throw new ValidationError(`${code} is not an ISO 4217 currency code.`, [{ path, message: 'unknown currency' }]);
}
