import { startDynamoDb } from './infra/local/dynamodb';
import { dynamoClient, ensureTable } from './infra/local/dynamodb-table';
import { createLog } from './infra/local/log';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
const log = createLog('warn');
const d = await startDynamoDb({ port: 0, inMemory: true, log });
const c = dynamoClient(d.endpoint);
await ensureTable(c, 'tally-local', log, true);
await c.send(new PutItemCommand({ TableName: 'tally-local', Item: { pk: { S: 'USER#1' }, sk: { S: 'PROFILE' }, email: { S: 'a@b.c' } } }));
const measure = async (n: number) => {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await c.send(new GetItemCommand({ TableName: 'tally-local', Key: { pk: { S: 'USER#1' }, sk: { S: 'PROFILE' } } }));
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))]!.toFixed(2);
  return `p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms`;
};
console.log('first 50 (cold JVM):', await measure(50));
await measure(1500);
console.log('after 1500 warm-up:', await measure(2000));
await d.stop();
