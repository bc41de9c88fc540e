import { parseEcbHistory } from '../domain/fx';
import { knownCurrenciesOnly } from '../domain/money';
import { historyLoaded, markHistoryLoaded, putRateHistory } from '../adapters/fx-rates';

/**
 * Loads the ECB reference-rate history (the `eurofxref-hist.csv` file) as EUR rate sets, once: nothing is written
 * when a complete load was recorded, unless `force`. Withdrawn currencies in the file are kept out.
 */
export async function loadEcbHistory(csvText: string, options: { force?: boolean; now?: Date } = {}): Promise<{ days: number; skipped: boolean }> {
  if (!options.force && (await historyLoaded('ECB'))) return { days: 0, skipped: true };
  const days = parseEcbHistory(csvText).map((d) => ({
    base: 'EUR',
    date: d.date,
    rates: knownCurrenciesOnly(d.rates),
  }));
  await putRateHistory(days, options.now ?? new Date());
  // Marked only once every day is in: an interrupted load starts again next time.
  await markHistoryLoaded('ECB', days.length, options.now ?? new Date());
  return { days: days.length, skipped: false };
}
