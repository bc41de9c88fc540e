import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONSUMED_CAPACITY_CHANNEL, consumedCapacityMiddleware, type ConsumedCapacityRecord } from '../../../shared/adapters/dynamo';

type Next = Parameters<ReturnType<typeof consumedCapacityMiddleware>>[0];
type Context = Parameters<ReturnType<typeof consumedCapacityMiddleware>>[1];

const seen: ConsumedCapacityRecord[] = [];
const listener = (m: unknown) => void seen.push(m as ConsumedCapacityRecord);

afterEach(() => {
  unsubscribe(CONSUMED_CAPACITY_CHANNEL, listener);
  seen.length = 0;
});

function run(commandName: string, next: (args: { input: Record<string, unknown> }) => Promise<unknown>) {
  const handler = consumedCapacityMiddleware()(next as unknown as Next, { commandName } as Context);
  return handler({ input: { TableName: 't', Item: { pk: 'USER#1', sk: 'PROFILE' } } });
}

describe('consumed capacity middleware (REPORT_CONSUMED_CAPACITY)', () => {
  it('asks DynamoDB for the capacity of the table and each index, and publishes it with the call', async () => {
    subscribe(CONSUMED_CAPACITY_CHANNEL, listener);
    const next = vi.fn(async () => ({ output: { ConsumedCapacity: { CapacityUnits: 3, Table: { CapacityUnits: 1 } }, $metadata: {} }, response: {} }));
    await run('PutItemCommand', next);
    expect((next.mock.calls[0] as unknown as [{ input: Record<string, unknown> }])[0].input.ReturnConsumedCapacity).toBe('INDEXES');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ command: 'PutItemCommand', consumed: { CapacityUnits: 3 }, input: { TableName: 't' } });
  });

  it('reports a refused write by its error name and still throws it', async () => {
    subscribe(CONSUMED_CAPACITY_CHANNEL, listener);
    const refused = Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
    await expect(run('PutItemCommand', async () => Promise.reject(refused))).rejects.toBe(refused);
    expect(seen[0]).toMatchObject({ command: 'PutItemCommand', error: 'ConditionalCheckFailedException', consumed: undefined });
  });

  it('leaves commands without consumed capacity untouched', async () => {
    subscribe(CONSUMED_CAPACITY_CHANNEL, listener);
    const next = vi.fn(async () => ({ output: { $metadata: {} }, response: {} }));
    await run('DescribeTableCommand', next);
    expect((next.mock.calls[0] as unknown as [{ input: Record<string, unknown> }])[0].input.ReturnConsumedCapacity).toBeUndefined();
    expect(seen).toHaveLength(0);
  });
});
