import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { fmt, round, type Figure } from '../lib/report';
import type { SectionContext } from './context';
import { mostFrequent, score, type LabelledRow } from './categorise';
import { AUTO_APPLY_CONFIDENCE } from '../../../shared/domain/categorise';
import * as keys from '../../../shared/adapters/keys';
import { unpackJson } from '../../../shared/adapters/packed-json';

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function csvOf(rows: LabelledRow[], withCategory: (label: string) => string | undefined): string {
  const lines = ['Date,Amount,Description,Category'];
  for (const r of rows) {
    const signed = (r.type === 'expense' ? -r.amount : r.amount) / 100;
    lines.push([r.date, signed.toFixed(2), csvCell(r.description), csvCell(withCategory(r.label) ?? '')].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Through the API, for each ledger: a fresh user gets a category per label (created with POST /categories), imports
 * the earlier 70 % WITH those categories, waits until the `categoriser` consumer has learned every row (the model
 * item's count, read from the local table), imports the later 30 % without categories, and reads the result back
 * from GET /transactions: the same figures as the offline measurement, now from what the API stored.
 */
export async function categoriseThroughApi(ctx: SectionContext, ledgers: { name: string; train: LabelledRow[]; test: LabelledRow[] }[]): Promise<{ figures: Figure[]; details: unknown }> {
  const c = await ctx.openCloud('categorise');
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  try {
    const tableName = c.cloud.tableName;
    for (const { name, train, test } of ledgers) {
      const user = await c.newUser(`cat-${name.slice(0, 8)}`);
      const auth = { token: user.token };
      const labels = [...new Set([...train, ...test].map((r) => r.label))].sort();
      const idOf = new Map<string, string>();
      const nameOf = new Map<string, string>();
      for (const [i, label] of labels.entries()) {
        const kind = [...train, ...test].some((r) => r.label === label && r.type === 'expense') ? 'expense' : 'income';
        // Names are made unique against the defaults (a label such as "Groceries" exists there already).
        const created = await c.api.expect<{ id: string; name: string }>(201, 'POST', '/categories', { ...auth, body: { name: `L${i} ${label}`.slice(0, 60), kind } });
        idOf.set(label, created.id);
        nameOf.set(created.id, label);
      }
      const importFile = async (rows: LabelledRow[], withCategories: boolean) => {
        const job = await c.api.expect<{ importId: string }>(202, 'POST', '/imports', { ...auth, body: { accountId: user.accountId, format: 'csv', content: csvOf(rows, (l) => (withCategories ? idOf.get(l) : undefined)) } });
        const t0 = performance.now();
        for (;;) {
          const j = await c.api.expect<{ status: string; imported?: number }>(200, 'GET', `/imports/${job.importId}`, auth);
          if (j.status === 'completed' || j.status === 'failed') return { ...j, ms: performance.now() - t0 };
          if (performance.now() - t0 > 180_000) throw new Error(`import ${job.importId} still ${j.status} after 180 s`);
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      const first = await importFile(train, true);
      // Wait until the categoriser has learned every imported row (its model counts them).
      const t0 = performance.now();
      let learned = 0;
      for (;;) {
        const item = await c.doc.send(new GetCommand({ TableName: tableName, Key: keys.categoryModel(user.userId) }));
        const stored = item.Item?.packed instanceof Uint8Array ? unpackJson(item.Item.packed) : item.Item ? JSON.parse(String(item.Item.model)) : undefined;
        const model = stored as { docs: number[] } | undefined;
        learned = model ? model.docs.reduce((a, b) => a + b, 0) : 0;
        if (learned >= (first.imported ?? train.length) || performance.now() - t0 > 120_000) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const learnMs = performance.now() - t0;
      await importFile(test, false);
      const from = test[0]?.date ?? '1970-01-01';
      const seen: { description: string; date: string; categoryId: string | null; categorySource: string | null; categoryConfidence: number | null }[] = [];
      let cursor: string | undefined;
      do {
        const page = await c.api.expect<{ items: typeof seen; nextCursor: string | null }>(200, 'GET', `/transactions?from=${from}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, auth);
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      // The later rows are those imported without categories: match them back to their labels by date and description.
      const pool = new Map<string, LabelledRow[]>();
      for (const r of test) pool.set(`${r.date}|${r.description.replace(/\s+/g, ' ').trim()}`, [...(pool.get(`${r.date}|${r.description.replace(/\s+/g, ' ').trim()}`) ?? []), r]);
      const rows: { label: string; predicted?: string; confidence?: number }[] = [];
      for (const t of seen) {
        if (t.categorySource === 'import') continue;
        const r = pool.get(`${t.date}|${t.description}`)?.shift();
        if (!r) continue;
        rows.push({ label: r.label, predicted: t.categorySource === 'model' && t.categoryId ? (nameOf.get(t.categoryId) ?? t.categoryId) : undefined, confidence: t.categoryConfidence ?? 0 });
      }
      const base = mostFrequent(train.map((r) => r.label));
      const s = score(rows, base, AUTO_APPLY_CONFIDENCE);
      console.log(`\n${name} through the API: ${first.imported ?? 0} rows imported with categories, learned ${learned} in ${fmt(learnMs / 1000)} s; ${rows.length} later rows imported without, read back from GET /transactions`);
      figures.push(
        { name: `API ${name}: coverage (categorySource model)`, value: round(s.coverage * 100, 1), unit: '%' },
        { name: `API ${name}: accuracy of applied`, value: round(s.appliedAccuracy * 100, 1), unit: '%' },
        { name: `API ${name}: later rows filled and right (of all)`, value: round(s.accuracy * 100, 1), unit: '%' },
        { name: `API ${name}: baseline (always "${base}")`, value: round(s.baseline * 100, 1), unit: '%' },
        { name: `API ${name}: learning lag after the import`, value: round(learnMs / 1000, 1), unit: 's' },
      );
      details[name] = { imported: first.imported, learned, learnMs: round(learnMs), ...s };
    }
  } finally {
    await ctx.closeCloud(c);
  }
  return { figures, details };
}
