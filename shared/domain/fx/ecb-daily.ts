import { ValidationError } from '../errors';

/**
 * Reads the ECB's daily reference-rate file (`eurofxref-daily.xml`): one `<Cube time="YYYY-MM-DD">` holding
 * `<Cube currency="USD" rate="1.1252"/>` entries (units of each currency per 1 EUR).
 * @throws ValidationError when the document has no dated rates.
 */
export function parseEcbDaily(xml: string): { date: string; rates: Record<string, string> } {
  const date = /<Cube\s+time=['"](\d{4}-\d{2}-\d{2})['"]/.exec(xml)?.[1];
  const rates: Record<string, string> = {};
  for (const m of xml.matchAll(/<Cube\s+currency=['"]([A-Z]{3})['"]\s+rate=['"](\d+(?:\.\d+)?)['"]\s*\/>/g)) {
    if (m[1] && m[2]) rates[m[1]] = m[2];
  }
  if (!date || Object.keys(rates).length === 0) {
    throw new ValidationError('The ECB daily file has no dated rates.', [{ path: 'ecb', message: 'no <Cube time> with rates' }]);
  }
  return { date, rates };
}
