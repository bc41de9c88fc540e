import { beforeEach, describe, expect, it, vi } from 'vitest';

// Unit tests of imports over in-memory ports: the request parses the file and records the job with its event, the
// worker finds duplicates, writes the rows in all-or-nothing groups with their balance changes, and past its
// deadline leaves the rest to a continuation that writes nothing twice. No emulator.
vi.mock('../../../shared/adapters/ledger', () => import('../../support/memory/ledger'));
vi.mock('../../../shared/adapters/category-model', () => import('../../support/memory/category-model'));
vi.mock('../../../shared/adapters/imports', () => import('../../support/memory/imports'));
vi.mock('../../../shared/adapters/import-slot', () => import('../../support/memory/imports'));
vi.mock('../../../shared/adapters/import-balances', () => import('../../support/memory/imports'));
vi.mock('../../../shared/adapters/queue', () => import('../../support/memory/queue'));
vi.mock('../../../shared/adapters/profiles', () => import('../../support/memory/profiles'));
vi.mock('../../../shared/adapters/accounts', () => ({
  getAccount: async (_u: string, id: string) => (id === 'acc1' ? { id: 'acc1', name: 'Current', type: 'checking', currency: 'EUR', openingBalance: 0, balances: {}, txCount: 0, archived: false } : undefined),
}));
vi.mock('../../../shared/adapters/categories', () => ({ listCategories: async () => [{ id: 'food', name: 'Groceries' }] }));
vi.mock('../../../shared/adapters/rules', () => ({ listRules: async () => [] }));
vi.mock('../../../shared/adapters/fx-rates', () => ({ ratesWindow: async () => [] }));
vi.mock('../../../shared/use-cases/idempotency', () => ({
  idempotencyKeyOf: () => undefined,
  requestHash: () => '',
  replayOf: async () => undefined,
  rememberReply: () => ({}),
}));

import { ConflictError, ValidationError } from '../../../shared/domain/errors';
import type { ProfileRecord } from '../../../shared/domain/profile';
import { importReport, runImport, startImport } from '../../../shared/use-cases/imports';
import { IMPORT_LIMITS } from '../../../shared/domain/import';
import { memory as ledger } from '../../support/memory/ledger';
import { memory as store } from '../../support/memory/imports';
import { memory as profiles } from '../../support/memory/profiles';
import { memory as queue } from '../../support/memory/queue';

const now = new Date('2024-06-01T12:00:00Z');
const csv = (rows: string[]) => ['Date,Amount,Description,Category', ...rows].join('\n');
const request = (content: string, over: Record<string, unknown> = {}) => ({ accountId: 'acc1', format: 'csv' as const, content, dryRun: false, ...over });

async function importFile(content: string, over: Record<string, unknown> = {}) {
  const reply = await startImport('u1', request(content, over) as Parameters<typeof startImport>[1], undefined, now);
  const importId = (reply.body as { importId: string }).importId;
  return { reply, importId };
}

beforeEach(() => {
  ledger.reset();
  store.reset(['acc1']);
  queue.reset();
  profiles.reset();
  profiles.profiles.set('u1', { userId: 'u1', baseCurrency: 'EUR' } as ProfileRecord);
});

describe('startImport', () => {
  it('parses the file, stores its rows and records the job with its ImportRequested, holding the user’s slot', async () => {
    const { reply, importId } = await importFile(csv(['2024-03-01,-12.50,Bakery,Groceries', '2024-03-02,1000.00,Salary,', 'not a date,1,Bad,']));
    expect(reply).toEqual({ status: 202, body: { importId, status: 'queued' } });
    expect(store.jobs.get(`u1/${importId}`)).toMatchObject({ status: 'queued', total: 3, accountId: 'acc1' });
    expect(store.rows.get(`u1/${importId}`)?.map((r) => r.amount)).toEqual([-1250, 100000]);
    expect(store.reports.get(`u1/${importId}`)?.errors.map((e) => e.row)).toEqual([4]); // file lines: the header is line 1
    expect(store.outbox.map((e) => [e.type, e.data])).toEqual([['ImportRequested', { userId: 'u1', importId }]]);
    expect(store.slots.get('u1')).toBe(importId);
  });

  it('refuses a second import while one is queued, and an unreadable file without keeping the slot', async () => {
    const { importId } = await importFile(csv(['2024-03-01,-1.00,A,']));
    await expect(importFile(csv(['2024-03-01,-1.00,A,']))).rejects.toBeInstanceOf(ConflictError);
    store.slots.clear();
    await expect(importFile('only,garbage\n')).rejects.toBeInstanceOf(ValidationError);
    expect(store.slots.size).toBe(0);
    expect(store.jobs.size).toBe(1);
    expect(store.jobs.has(`u1/${importId}`)).toBe(true);
  });

  it('takes the slot from an import whose job already says completed or failed (its worker gives the slot back just after)', async () => {
    // Prepare: the first import's job is written terminal while its worker still holds the slot
    const first = await importFile(csv(['2024-03-01,-1.00,A,']));
    const job = store.jobs.get(`u1/${first.importId}`);
    if (!job) throw new Error('no job');
    for (const status of ['completed', 'failed'] as const) {
      store.jobs.set(`u1/${first.importId}`, { ...job, status });
      store.slots.set('u1', first.importId);
      // Act / Assess: the next file is accepted at once and holds the slot
      const next = await importFile(csv(['2024-03-02,-2.00,B,']));
      expect(next.reply.status).toBe(202);
      expect(store.slots.get('u1')).toBe(next.importId);
      store.slots.set('u1', first.importId);
    }
    // …but a holder still queued or processing keeps it
    store.jobs.set(`u1/${first.importId}`, { ...job, status: 'processing' });
    await expect(importFile(csv(['2024-03-03,-3.00,C,']))).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('runImport', () => {
  it('writes each row with the balance, maps the file’s category, and a second import of the file finds every row a duplicate', async () => {
    // Act
    const first = await importFile(csv(['2024-03-01,-12.50,Bakery,Groceries', '2024-03-02,1000.00,Salary,']));
    await runImport('u1', first.importId, now);
    const second = await importFile(csv(['2024-03-01,-12.50,Bakery,Groceries', '2024-03-02,1000.00,Salary,']));
    await runImport('u1', second.importId, now);

    // Assess
    expect([...ledger.txs.values()].map((t) => [t.id, t.type, t.amount, t.categoryId])).toEqual([
      [`${first.importId}-2`, 'expense', 1250, 'food'],
      [`${first.importId}-3`, 'income', 100000, null],
    ]);
    expect(store.balanceOf('acc1', 'EUR')).toBe(100000 - 1250);
    const report = await importReport('u1', second.importId);
    expect(report).toMatchObject({ status: 'completed', imported: 0 });
    expect(store.reports.get(`u1/${second.importId}`)?.duplicates.map((d) => [d.row, d.transactionId])).toEqual([
      [2, `${first.importId}-2`],
      [3, `${first.importId}-3`],
    ]);
    expect(store.slots.size).toBe(0);
  });

  it('reports a row repeated within the file against its first occurrence', async () => {
    const { importId } = await importFile(csv(['2024-03-01,-5.00,Coffee,', '2024-03-01,-5.00,Coffee,']));
    await runImport('u1', importId, now);
    expect(store.reports.get(`u1/${importId}`)?.duplicates).toEqual([expect.objectContaining({ row: 3, duplicateOfRow: 2, transactionId: null })]);
    expect(ledger.txs.size).toBe(1);
  });

  it('with dryRun writes nothing', async () => {
    const { importId } = await importFile(csv(['2024-03-01,-5.00,Coffee,']), { dryRun: true });
    await runImport('u1', importId, now);
    expect(store.jobs.get(`u1/${importId}`)).toMatchObject({ status: 'completed', imported: 1 });
    expect(ledger.txs.size).toBe(0);
    expect(store.balanceOf('acc1', 'EUR')).toBe(0);
  });

  it('past its deadline starts no new group and queues a continuation, which finishes without writing a row twice', async () => {
    // Prepare: 200 rows make 3 groups of at most 90; the clock passes the deadline once the first group is written
    const rows = Array.from({ length: 200 }, (_, i) => `2024-0${1 + (i % 5)}-${String(1 + (i % 28)).padStart(2, '0')},-${i + 1}.00,Shop number ${i},`);
    const { importId } = await importFile(csv(rows));
    const deadline = Date.now() + 60_000;
    store.afterGroup = () => void vi.spyOn(Date, 'now').mockReturnValue(deadline + 1);

    // Act: the first delivery
    await runImport('u1', importId, now, { deadline });
    vi.restoreAllMocks();

    // Assess: one group written, the job still open with its progress, a continuation queued, the slot kept
    expect(store.groupsWritten).toBe(1);
    expect(ledger.txs.size).toBe(90);
    expect(store.jobs.get(`u1/${importId}`)).toMatchObject({ status: 'processing', imported: 90 });
    expect(queue.published.map((p) => [p.queue, p.event.type, p.event.data])).toEqual([['imports', 'ImportRequested', { userId: 'u1', importId }]]);
    expect(store.slots.get('u1')).toBe(importId);

    // Act: the continuation, with time to spare
    store.afterGroup = () => undefined;
    await runImport('u1', importId, now);

    // Assess: every row once, the balance exact, the report free of self-duplicates, the slot freed
    expect(ledger.txs.size).toBe(200);
    expect(store.balanceOf('acc1', 'EUR')).toBe(-Array.from({ length: 200 }, (_, i) => (i + 1) * 100).reduce((a, b) => a + b, 0));
    expect(store.jobs.get(`u1/${importId}`)).toMatchObject({ status: 'completed', imported: 200 });
    expect(store.reports.get(`u1/${importId}`)?.duplicates).toEqual([]);
    expect(store.slots.size).toBe(0);
  });
});

describe('importReport', () => {
  it('lists at most the first 1,000 duplicates and unreadable rows, and counts them all', async () => {
    // Prepare: 1,200 unreadable rows and one good one (the parser keeps every row's error)
    const bad = Array.from({ length: 1200 }, (_, i) => `not a date ${i},1,Bad,`);
    const { importId } = await importFile(csv([...bad, '2024-03-01,-1.00,A,']));

    // Act
    const report = await importReport('u1', importId);

    // Assess
    expect(report.errorCount).toBe(1200);
    expect(report.errors).toHaveLength(IMPORT_LIMITS.maxReportEntriesListed);
    expect(report.errors[0]?.row).toBe(2);
    expect(report.duplicateCount).toBe(0);
  });
});

