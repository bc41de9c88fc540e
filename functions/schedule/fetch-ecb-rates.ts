import { scheduledJob } from '../../shared/async/handler';
import { fetchEcbDaily } from '../../shared/adapters/ecb';
import { importEcbDaily } from '../../shared/use-cases/fx';

/** Working days after the ECB's 16:00 CET publication: store the day's reference rates. */
export const handler = scheduledJob('fetch-ecb-rates', (now) => importEcbDaily(() => fetchEcbDaily(), now));
