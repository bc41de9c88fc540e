import { TooLargeError, ValidationError } from '../domain/errors';
import { toCsv, type ExportRow } from '../domain/import';
import { signedAmount } from '../domain/ledger';
import { listCategories } from '../adapters/categories';
import { transactionsByDate } from '../adapters/ledger';

/** Largest export answered in one response (API Gateway and Lambda cap responses near 6 MB). */
const MAX_EXPORT_BYTES = 5 * 1024 * 1024;

/**
 * Transactions as CSV with the columns the importer reads back (Date, Amount, Currency, Description, Payee, Memo,
 * Category, Bank ID), oldest first. Amounts are signed: money out negative — for one account when `accountId` is
 * given (transfers then count for that side), otherwise by type (a transfer counts as money out of its source).
 */
export async function exportCsv(userId: string, q: { from?: string; to?: string; accountId?: string }): Promise<string> {
  if (q.from && q.to && q.from > q.to) throw new ValidationError('from is after to.', [{ path: 'query.from', message: 'after to' }]);
  const names = new Map((await listCategories(userId)).map((c) => [c.id, c.name]));
  const rows: ExportRow[] = [];
  let bytes = 0;
  for await (const page of transactionsByDate(userId, { from: q.from, to: q.to }, { accountId: q.accountId })) {
    for (const t of page.items) {
      const amount = signedAmount(
        { type: t.type, amount: t.amount, accountId: t.accountId ?? undefined, toAccountId: t.toAccountId ?? undefined },
        q.accountId ?? t.accountId ?? undefined,
      );
      rows.push({
        date: t.date,
        amount: t.type === 'expense' && amount > 0 ? -amount : amount,
        currency: t.currency,
        description: t.description,
        ...(t.notes ? { memo: t.notes } : {}),
        ...(t.categoryId ? { category: names.get(t.categoryId) ?? t.categoryId } : {}),
        ...(t.bankId ? { bankId: t.bankId } : {}),
      });
      bytes += 60 + t.description.length + (t.notes?.length ?? 0);
      if (bytes > MAX_EXPORT_BYTES) throw new TooLargeError('The export would exceed 5 MB; narrow it with from and to.');
    }
  }
  return toCsv(rows);
}
