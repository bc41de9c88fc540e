import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { compactFields, negateFields, addFields, recount, rollupKeyString, type RollupFields } from '../domain/analytics';
import { db, tableName } from '../adapters/dynamo';
import { toTransaction, type TransactionRecord } from '../adapters/ledger';
import { allProfiles } from '../adapters/profiles';
import { allRollups, replaceRollup } from '../adapters/rollups';
import { logger } from '../observability';

/** A rollup is only rewritten when no delta touched it for this long (events in flight would be counted twice). */
const QUIET_MS = 10 * 60 * 1000;

export interface Drift {
  base: string;
  month: string;
  /** Recount minus stored, per field (what the fix adds). */
  difference: RollupFields;
  fixed: boolean;
  /** Why a drifted rollup was left as it is. */
  skipped?: string;
}

async function transactionsOf(userId: string): Promise<TransactionRecord[]> {
  const out: TransactionRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({ TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `USER#${userId}#TX` }, ExclusiveStartKey: start }),
    );
    out.push(...(page.Items ?? []).map(toTransaction));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * Recomputes a user's monthly rollups from the transactions and compares them with the stored ones. With `fix`,
 * each drifted rollup that has been quiet for 10 minutes is replaced by the recount (conditionally: a delta
 * applied meanwhile wins, and the next run looks again). Returns every drift found.
 */
export async function repairUser(userId: string, options: { fix: boolean; now?: Date }): Promise<{ rollups: number; drifts: Drift[] }> {
  const now = options.now ?? new Date();
  const [txs, stored] = await Promise.all([transactionsOf(userId), allRollups(userId)]);
  const want = recount(txs);
  const have = new Map(stored.map((r) => [rollupKeyString({ baseCurrency: r.base, month: r.month }), r]));
  const drifts: Drift[] = [];
  for (const key of new Set([...want.keys(), ...have.keys()])) {
    const target = compactFields(want.get(key));
    const current = have.get(key);
    const difference = addFields(target, negateFields(compactFields(current?.fields)));
    if (Object.keys(difference).length === 0) continue;
    const [base = '', month = ''] = key.split('#');
    const drift: Drift = { base, month, difference, fixed: false };
    if (options.fix) {
      const age = current ? now.getTime() - Date.parse(current.updatedAt) : Infinity;
      if (age < QUIET_MS) drift.skipped = 'changed in the last 10 minutes; events may still be in flight';
      else drift.fixed = await replaceRollup(userId, base, month, target, current?.updatedAt, now);
      if (!drift.fixed && !drift.skipped) drift.skipped = 'changed while being repaired';
    }
    drifts.push(drift);
  }
  if (drifts.length) logger.warn('Analytics drift', { userId, drifts: drifts.map((d) => ({ base: d.base, month: d.month, fixed: d.fixed, fields: Object.keys(d.difference).length })) });
  return { rollups: want.size, drifts };
}

/** The scheduled reconciler: checks (and fixes) every user's rollups; returns the totals. */
export async function reconcileAll(now = new Date()): Promise<{ users: number; drifted: number; fixed: number }> {
  let users = 0;
  let drifted = 0;
  let fixed = 0;
  for await (const page of allProfiles()) {
    for (const p of page) {
      const r = await repairUser(p.userId, { fix: true, now });
      users++;
      drifted += r.drifts.length;
      fixed += r.drifts.filter((d) => d.fixed).length;
    }
  }
  return { users, drifted, fixed };
}
