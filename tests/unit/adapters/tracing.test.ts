import { createSocket } from 'node:dgram';
import { Readable } from 'node:stream';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The X-Ray daemon's stand-in: a UDP socket on loopback recording every datagram it receives.
const sent: { message: string; port: number; host: string }[] = [];
const daemon = createSocket('udp4');
daemon.on('message', (message, from) => sent.push({ message: message.toString(), port: from.port, host: from.address }));
let daemonAddress = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  daemonAddress = `127.0.0.1:${daemon.address().port}`;
});
afterAll(() => new Promise<void>((resolve) => daemon.close(() => resolve())));

const { traced } = await import('../../../shared/tracing');
// config.ts parses the environment once; these tests change it between cases.
const { resetConfig } = await import('../../../shared/config');

const ROOT = '1-67891233-abcdef012345678912345678';
const FUNCTION_SEGMENT = '53995c3f42cd8ad8';
const LAMBDA_ENV = () => ({
  AWS_LAMBDA_FUNCTION_NAME: 'me-get',
  AWS_XRAY_DAEMON_ADDRESS: daemonAddress,
  AWS_REGION: 'eu-west-1',
  _X_AMZN_TRACE_ID: `Root=${ROOT};Parent=${FUNCTION_SEGMENT};Sampled=1;Lineage=a87bd80c:1`,
  // Set here rather than inherited: another test file in the same worker may have turned tracing off.
  POWERTOOLS_TRACE_ENABLED: 'true',
});

/** A DynamoDB client whose transport answers `status` with `body`, recording the headers of each request. */
function client(status: number, body: object, seen: Record<string, string>[]) {
  return new DynamoDBClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        seen.push({ ...request.headers });
        return { response: { statusCode: status, headers: { 'x-amzn-requestid': 'REQ1', 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from(JSON.stringify(body))]) } };
      },
    } as never,
  });
}

/** The subsegments the daemon received, once it has `count` of them. */
async function documents(count: number): Promise<Record<string, unknown>[]> {
  await vi.waitFor(() => expect(sent).toHaveLength(count), { timeout: 5_000 });
  return sent.map(({ message }) => {
    const [header, json] = message.split('\n');
    expect(JSON.parse(header ?? '')).toEqual({ format: 'json', version: 1 });
    return JSON.parse(json ?? '') as Record<string, unknown>;
  });
}

describe('traced (X-Ray subsegments without the X-Ray SDK)', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    sent.length = 0;
  });
  afterEach(() => {
    process.env = { ...saved };
    resetConfig();
  });

  it('sends one subsegment per AWS call under the invocation segment, and names it the parent downstream', async () => {
    Object.assign(process.env, LAMBDA_ENV());
    resetConfig();
    const seen: Record<string, string>[] = [];
    const ddb = traced(client(200, { Item: { pk: { S: 'a' } } }, seen));

    await ddb.send(new GetItemCommand({ TableName: 'tally', Key: { pk: { S: 'a' } } }));

    const [doc] = await documents(1);
    expect(sent[0]?.host).toBe('127.0.0.1');
    expect(doc).toMatchObject({
      name: 'DynamoDB',
      type: 'subsegment',
      namespace: 'aws',
      trace_id: ROOT,
      parent_id: FUNCTION_SEGMENT,
      aws: { operation: 'GetItem', region: 'eu-west-1', request_id: 'REQ1', table_name: 'tally' },
      http: { response: { status: 200 } },
    });
    expect(doc?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(doc?.end_time as number).toBeGreaterThanOrEqual(doc?.start_time as number);
    expect(doc).not.toHaveProperty('fault');
    // The call itself carries the subsegment as its parent, keeping the rest of the trace header.
    expect(seen[0]?.['X-Amzn-Trace-Id']).toBe(`Root=${ROOT};Parent=${String(doc?.id)};Sampled=1;Lineage=a87bd80c:1`);
  });

  it('marks a refused call as an error with its cause, and a throttled one as a throttle', async () => {
    Object.assign(process.env, LAMBDA_ENV());
    resetConfig();
    const refused = traced(client(400, { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed' }, []));
    await expect(refused.send(new GetItemCommand({ TableName: 'tally', Key: { pk: { S: 'a' } } }))).rejects.toThrow();
    const throttled = traced(client(400, { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'slow down' }, []));
    await expect(throttled.send(new GetItemCommand({ TableName: 'tally', Key: { pk: { S: 'a' } } }))).rejects.toThrow();

    const [first, second] = await documents(2);
    expect(first).toMatchObject({ error: true, http: { response: { status: 400 } }, cause: { exceptions: [{ type: 'ConditionalCheckFailedException', remote: true }] } });
    expect(first).not.toHaveProperty('fault');
    expect(second).toMatchObject({ error: true, throttle: true });
  });

  it('sends nothing for an unsampled invocation and leaves its trace header alone', async () => {
    Object.assign(process.env, LAMBDA_ENV(), { _X_AMZN_TRACE_ID: `Root=${ROOT};Parent=${FUNCTION_SEGMENT};Sampled=0` });
    resetConfig();
    const seen: Record<string, string>[] = [];
    await traced(client(200, {}, seen)).send(new GetItemCommand({ TableName: 'unsampled', Key: { pk: { S: 'a' } } }));
    expect(seen[0]?.['X-Amzn-Trace-Id']).toBe(`Root=${ROOT};Parent=${FUNCTION_SEGMENT};Sampled=0`);
    // A sampled call after it: the daemon gets that one's subsegment alone (loopback keeps the order of datagrams).
    Object.assign(process.env, LAMBDA_ENV());
    resetConfig();
    await traced(client(200, {}, [])).send(new GetItemCommand({ TableName: 'sampled', Key: { pk: { S: 'a' } } }));
    const docs = await documents(1);
    expect(docs.map((d) => (d.aws as { table_name?: string }).table_name)).toEqual(['sampled']);
  });

  it('adds nothing outside Lambda or with tracing switched off (the local cloud)', () => {
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    resetConfig();
    expect(traced(client(200, {}, [])).middlewareStack.identify().join()).not.toContain('tallyXRaySubsegment');
    Object.assign(process.env, LAMBDA_ENV(), { POWERTOOLS_TRACE_ENABLED: 'false' });
    resetConfig();
    expect(traced(client(200, {}, [])).middlewareStack.identify().join()).not.toContain('tallyXRaySubsegment');
    delete process.env.POWERTOOLS_TRACE_ENABLED;
    resetConfig();
    expect(traced(client(200, {}, [])).middlewareStack.identify().join()).toContain('tallyXRaySubsegment');
  });
});
