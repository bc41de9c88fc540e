import { exportTransactions } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import { exportCsv } from '../../../shared/use-cases/export';

export const handler = httpHandler(exportTransactions, async ({ caller, query }) => ({
  body: await exportCsv(caller.userId, query),
  headers: { 'content-disposition': `attachment; filename="tally-${query.from ?? 'all'}-${query.to ?? 'all'}.csv"` },
}));
