import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadEcbHistory } from '../../shared/use-cases/fx-history';
import { REPO_ROOT } from './paths';

/** The ECB reference rates 1999–2025 shipped with the project (gzipped eurofxref-hist.csv). */
export const ECB_HISTORY_FILE = join(REPO_ROOT, 'infra/local/data/ecb-eurofxref-hist.csv.gz');

/** Loads the ECB history into the local table once (skipped when EUR rates are already there). */
export async function loadFxHistory(): Promise<{ days: number; skipped: boolean }> {
  const text = gunzipSync(await readFile(ECB_HISTORY_FILE)).toString('utf8');
  return loadEcbHistory(text);
}
