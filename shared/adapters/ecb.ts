import { config } from '../config';
/** Where the ECB publishes each working day's reference rates (around 16:00 CET). */
export const ECB_DAILY_URL = 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml';

/** Downloads the ECB's daily reference-rate document. */
export async function fetchEcbDaily(url = config().ECB_DAILY_URL ?? ECB_DAILY_URL): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`ECB daily rates: HTTP ${res.status}`);
  return res.text();
}
