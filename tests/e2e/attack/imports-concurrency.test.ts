import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, DeleteQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { queueUrlVariable, resetConfig } from '../../../shared/config';
import { call, newUser } from '../../support/api';
import { finished, importReport, newAccount, postImport, transactionsOf } from '../../support/ledger';

/**
 * Attack: one user takes the account's import workers. Each import holds a worker for up to five minutes, and a dry
 * run used to bypass the one-import-per-account lease entirely, so a user could start one import per account plus any
 * number of dry runs, all running at once. Now a user has one import queued or running at a time (dry runs
 * included): a second one is refused with 409 until the first completes, atomically (a conditional write on the
 * user's import slot), while other users are not affected. And one delivery of the worker is bounded in time: past
 * its deadline it writes no new group and queues a continuation that finishes the import.
 */
beforeAll(() => {
  Object.assign(process.env, inject('cloud').env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
});

/** A CSV of `n` distinct rows in September 2026. */
function csv(n: number, label = 'Row'): string {
  const lines = ['Date,Amount,Description'];
  for (let i = 0; i < n; i++) lines.push(`2026-09-${String((i % 28) + 1).padStart(2, '0')},-${i + 1}.25,${label} ${i}`);
  return `${lines.join('\n')}\n`;
}

describe('attack: concurrent imports of one user', () => {
  it('refuses a second import (a dry run into another account) while one is running, and accepts one after it', { timeout: 90_000 }, async () => {
    // Prepare
    const u = await newUser('Hog');
    const [a, b] = [await newAccount(u, 'EUR', 0, 'A'), await newAccount(u, 'EUR', 0, 'B')];
    const bystander = await newUser('Bystander');
    const theirs = await newAccount(bystander, 'EUR');

    // Act: a real import into A and a dry run into B at once, and another user's import meanwhile.
    const [first, second, other] = await Promise.all([
      postImport(u, { accountId: a, format: 'csv', content: csv(300) }),
      postImport(u, { accountId: b, format: 'csv', content: csv(50, 'Dry'), dryRun: true }),
      postImport(bystander, { accountId: theirs, format: 'csv', content: csv(20) }),
    ]);

    // Assess: exactly one of the two is accepted; the other is a 409 problem naming the running import.
    const answers = [first, second];
    expect(answers.map((r) => r.status).sort(), answers.map((r) => r.text).join('\n')).toEqual([202, 409]);
    const refused = answers.find((r) => r.status === 409) as { headers: Headers; body: Record<string, unknown> } | undefined;
    const accepted = answers.find((r) => r.status === 202);
    expect(refused?.headers.get('content-type')).toBe('application/problem+json');
    expect(refused?.body).toMatchObject({ status: 409 });
    expect(String(refused?.body.detail)).toMatch(/import/i);
    expect(refused?.body.runningImportId).toBe(accepted?.body.importId);
    expect(other.status, other.text).toBe(202);

    // The accepted one completes; nothing of the refused one was written.
    const done = await finished(u, String(accepted?.body.importId), 60_000);
    expect(done.status).toBe('completed');
    const wroteA = accepted === first;
    expect(await transactionsOf(u, wroteA ? a : b)).toHaveLength(wroteA ? 300 : 0);
    expect(await transactionsOf(u, wroteA ? b : a)).toHaveLength(0);
    expect((await finished(bystander, String(other.body.importId))).imported).toBe(20);

    // Once it has completed, the user may import again.
    const again = await postImport(u, { accountId: b, format: 'csv', content: csv(5, 'Later') });
    expect(again.status, again.text).toBe(202);
    expect((await finished(u, again.body.importId)).status).toBe('completed');
  });

  it('frees the slot when the file is refused (400), so the next import is not blocked', async () => {
    const u = await newUser('Typo');
    const accountId = await newAccount(u, 'EUR');
    const bad = await postImport(u, { accountId, format: 'csv', content: 'nothing,to,see\n' });
    expect(bad.status, bad.text).toBe(400);
    const good = await postImport(u, { accountId, format: 'csv', content: csv(3) });
    expect(good.status, good.text).toBe(202);
    expect((await finished(u, good.body.importId)).imported).toBe(3);
  });

  it('bounds one delivery of the worker in time: past its deadline it writes nothing more and a continuation finishes', { timeout: 90_000 }, async () => {
    // Prepare: a job stored as the request stores it, but not queued (the test plays the worker's first delivery).
    const store = await import('../../../shared/adapters/imports');
    const { claimImportSlot } = await import('../../../shared/adapters/import-slot');
    const { runImport } = await import('../../../shared/use-cases/imports');
    const u = await newUser('Slow');
    const accountId = await newAccount(u, 'EUR');
    const rows = Array.from({ length: 400 }, (_, i) => ({ row: i + 2, date: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`, amount: -(100 + i), currency: 'EUR', description: `Item ${i}` }));
    const importId = `slow-${Date.now()}`;
    const now = new Date();
    const chunks = await store.putRows(u.userId, importId, rows, now);
    await store.putReport(u.userId, importId, [], [], now);
    const at = now.toISOString();
    const { db, tableName } = await import('../../../shared/adapters/dynamo');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: store.jobItem(u.userId, { importId, accountId, format: 'csv', dryRun: false, status: 'queued', total: 400, processed: 0, imported: 0, chunks, failure: null, createdAt: at, updatedAt: at, completedAt: null }),
      }),
    );
    expect(await claimImportSlot(u.userId, importId, now, 360)).toBe(true);

    // Act: a delivery whose time is already up. Its continuation is parked on a queue of this test's own: on the
    // cloud's imports queue a worker could take it and write a group before the checks below look.
    const sqs = new SQSClient({});
    const parked = (await sqs.send(new CreateQueueCommand({ QueueName: `imports-parked-${randomUUID().slice(0, 8)}` }))).QueueUrl ?? '';
    const variable = queueUrlVariable('imports');
    const imports = process.env[variable] ?? '';
    try {
      // Configuration is read once at load: parse it again with the parked queue, and again after putting it back.
      process.env[variable] = parked;
      resetConfig();
      try {
        await runImport(u.userId, importId, new Date(), { deadline: Date.now() - 1 });
      } finally {
        process.env[variable] = imports;
        resetConfig();
      }

      // Assess: it wrote nothing and did not complete, and it queued exactly one continuation of this import.
      const after = await importReport(u, importId);
      expect(after).toMatchObject({ status: 'processing', processed: 0, imported: 0 });
      expect(await transactionsOf(u, accountId)).toHaveLength(0);
      const account = await call('GET', `/accounts/${accountId}`, { token: u.accessToken });
      expect(account.status, account.text).toBe(200);
      expect(account.body.balance).toBe(0);
      const queued = await sqs.send(new ReceiveMessageCommand({ QueueUrl: parked, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }));
      expect(queued.Messages ?? []).toHaveLength(1);
      const continuation = queued.Messages?.[0];
      expect(JSON.parse(continuation?.Body ?? '{}')).toMatchObject({ type: 'ImportRequested', data: { userId: u.userId, importId } });
      // The continuation, handed to the cloud's worker as it was queued, finishes the import.
      await sqs.send(new SendMessageCommand({ QueueUrl: imports, MessageBody: continuation?.Body ?? '', MessageAttributes: continuation?.MessageAttributes ?? {} }));
    } finally {
      await sqs.send(new DeleteQueueCommand({ QueueUrl: parked }));
    }
    const done = await finished(u, importId, 60_000);
    expect(done).toMatchObject({ status: 'completed', imported: 400, duplicates: [] });
    expect(await transactionsOf(u, accountId)).toHaveLength(400);
    expect((await call('GET', `/accounts/${accountId}`, { token: u.accessToken })).body.balance).toBe(rows.reduce((sum, r) => sum + r.amount, 0));
    // The slot is free again.
    const next = await postImport(u, { accountId, format: 'csv', content: csv(2, 'Next') });
    expect(next.status, next.text).toBe(202);
  });
});
