import { describe, expect, it } from 'vitest';
import { buildHttpApiEvent, isTextBody, parseQuery, requestTime, type IncomingRequest } from '../../infra/local/api-event';
import { stringifyClaim, stringifyClaims } from '../../infra/local/claims';
import { toHttpResponse } from '../../infra/local/gateway';
import { batchOutcome, sqsRecord } from '../../infra/local/sqs-event';
import { awsStreamArn, lambdaStreamRecord, lambdaValue, matchesFilters, streamBatchProgress } from '../../infra/local/stream-event';

const request = (over: Partial<IncomingRequest> = {}): IncomingRequest => ({
  method: 'GET',
  url: '/items',
  rawHeaders: ['Host', '127.0.0.1:3000', 'User-Agent', 'test-agent'],
  body: undefined,
  sourceIp: '::ffff:127.0.0.1',
  protocol: 'HTTP/1.1',
  port: 3000,
  ...over,
});
const options = { routeKey: 'GET /items', requestId: 'abcDEF123456789=', now: new Date('2024-03-12T19:03:58.123Z') };

describe('API Gateway HTTP API payload 2.0 events', () => {
  it('has the fields and shapes API Gateway sends', () => {
    // Prepare / Act
    const event = buildHttpApiEvent(request(), options);
    // Assess
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items',
      rawPath: '/items',
      rawQueryString: '',
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'tallylocal',
        domainName: '127.0.0.1:3000',
        domainPrefix: '127',
        http: { method: 'GET', path: '/items', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test-agent' },
        requestId: 'abcDEF123456789=',
        routeKey: 'GET /items',
        stage: '$default',
        time: '12/Mar/2024:19:03:58 +0000',
        timeEpoch: Date.parse('2024-03-12T19:03:58.123Z'),
      },
    });
    for (const absent of ['body', 'cookies', 'queryStringParameters', 'pathParameters'] as const) expect(event).not.toHaveProperty(absent);
    expect(event.requestContext).not.toHaveProperty('authorizer');
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('lower-cases headers, joins repeated ones with commas and moves cookies to `cookies`', () => {
    const event = buildHttpApiEvent(
      request({ rawHeaders: ['Host', 'h', 'X-Thing', 'a', 'x-thing', 'b', 'Cookie', 'a=1; b=2', 'cookie', 'c=3'] }),
      options,
    );
    expect(event.headers['x-thing']).toBe('a,b');
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
  });

  it('decodes query parameters and joins repeated keys with commas, keeping the raw string', () => {
    const event = buildHttpApiEvent(request({ url: '/items?tag=a&tag=b%20c&empty&q=%E2%82%AC' }), options);
    expect(event.rawQueryString).toBe('tag=a&tag=b%20c&empty&q=%E2%82%AC');
    expect(event.queryStringParameters).toEqual({ tag: 'a,b c', empty: '', q: '€' });
    expect(parseQuery('')).toBeUndefined();
  });

  it('passes text bodies as text and binary ones base64-encoded', () => {
    const json = buildHttpApiEvent(request({ method: 'POST', rawHeaders: ['Content-Type', 'application/json'], body: Buffer.from('{"a":1}') }), options);
    expect(json).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const bin = buildHttpApiEvent(request({ method: 'POST', rawHeaders: ['Content-Type', 'image/png'], body: png }), options);
    expect(bin).toMatchObject({ body: png.toString('base64'), isBase64Encoded: true });
    expect(isTextBody('application/problem+json', undefined, Buffer.from('{}'))).toBe(true);
    expect(isTextBody('application/x-www-form-urlencoded', undefined, Buffer.from('a=1'))).toBe(false);
    expect(isTextBody('application/json', 'gzip', Buffer.from('x'))).toBe(false);
  });

  it('puts path parameters and the authorizer claims where API Gateway does', () => {
    const event = buildHttpApiEvent(request(), { ...options, pathParameters: { id: 'a b' }, claims: { sub: 'u1', 'cognito:groups': '[admin user]' } });
    expect(event.pathParameters).toEqual({ id: 'a b' });
    expect(event.requestContext.authorizer).toEqual({ jwt: { claims: { sub: 'u1', 'cognito:groups': '[admin user]' }, scopes: null } });
  });

  it('formats the request time like API Gateway', () => {
    expect(requestTime(new Date('2024-01-05T03:04:05Z'))).toBe('05/Jan/2024:03:04:05 +0000');
  });
});

describe('JWT claims as API Gateway passes them', () => {
  it('stringifies every value', () => {
    // Prepare
    const payload = { sub: 'u1', exp: 1712345678, email_verified: true, 'cognito:groups': ['admin', 'user'], scope: 'a b', nested: { b: 2, a: 'x' } };
    // Act
    const claims = stringifyClaims(payload);
    // Assess
    expect(claims).toEqual({
      sub: 'u1',
      exp: '1712345678',
      email_verified: 'true',
      'cognito:groups': '[admin user]',
      scope: 'a b',
      nested: 'map[a:x b:2]',
    });
    expect(stringifyClaim([])).toBe('[]');
    expect(stringifyClaim(1.5)).toBe('1.5');
  });
});

describe('handler results written as API Gateway does', () => {
  it('maps a structured result with cookies and a base64 body', () => {
    const r = toHttpResponse({ statusCode: 201, headers: { 'X-A': 1 }, cookies: ['a=1', 'b=2'], body: Buffer.from('hi').toString('base64'), isBase64Encoded: true });
    expect(r?.status).toBe(201);
    expect(r?.headers).toEqual([
      ['x-a', '1'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    expect(r?.body.toString()).toBe('hi');
  });

  it('treats a result without statusCode as a 200 JSON body', () => {
    expect(toHttpResponse({ ok: true })).toMatchObject({ status: 200, headers: [['content-type', 'application/json']] });
    expect(toHttpResponse({ ok: true })?.body.toString()).toBe('{"ok":true}');
  });

  it('refuses results it cannot map (the gateway answers 500)', () => {
    expect(toHttpResponse({ statusCode: '200' })).toBeUndefined();
    expect(toHttpResponse({ statusCode: 99 })).toBeUndefined();
    expect(toHttpResponse({ statusCode: 200, body: { a: 1 } })).toBeUndefined();
    expect(toHttpResponse({ statusCode: 200, headers: { a: { b: 1 } } })).toBeUndefined();
  });
});

describe('SQS events', () => {
  it('builds a record like Lambda’s SQS event source', () => {
    const record = sqsRecord(
      {
        MessageId: 'm1',
        ReceiptHandle: 'r1',
        Body: '{"x":1}',
        MD5OfBody: 'md5',
        Attributes: { ApproximateReceiveCount: '2', SentTimestamp: '1700000000000', SenderId: 'S', ApproximateFirstReceiveTimestamp: '1700000000001' },
        MessageAttributes: { type: { DataType: 'String', StringValue: 'UserRegistered' }, blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) } },
      },
      'arn:aws:sqs:us-east-1:000000000000:q',
      'us-east-1',
    );
    expect(record).toEqual({
      messageId: 'm1',
      receiptHandle: 'r1',
      body: '{"x":1}',
      attributes: { ApproximateReceiveCount: '2', SentTimestamp: '1700000000000', SenderId: 'S', ApproximateFirstReceiveTimestamp: '1700000000001' },
      messageAttributes: {
        type: { stringValue: 'UserRegistered', stringListValues: [], binaryListValues: [], dataType: 'String' },
        blob: { binaryValue: 'AQI=', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
      md5OfBody: 'md5',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
      awsRegion: 'us-east-1',
    });
  });

  it('reads batch responses as Lambda does', () => {
    const ids = ['a', 'b', 'c'];
    expect(batchOutcome(undefined, ids)).toEqual({ kind: 'all-succeeded' });
    expect(batchOutcome({ batchItemFailures: [] }, ids)).toEqual({ kind: 'all-succeeded' });
    expect(batchOutcome({ batchItemFailures: [{ itemIdentifier: 'b' }] }, ids)).toEqual({ kind: 'partial', failed: new Set(['b']) });
    expect(batchOutcome({ batchItemFailures: [{ itemIdentifier: 'zz' }] }, ids).kind).toBe('all-failed');
    expect(batchOutcome({ batchItemFailures: [{ itemIdentifier: '' }] }, ids).kind).toBe('all-failed');
    expect(batchOutcome({ batchItemFailures: 'b' }, ids).kind).toBe('all-failed');
  });
});

describe('DynamoDB stream events', () => {
  const record = (pk: string | undefined, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT', seq = '100') => ({
    eventID: 'e1',
    eventName,
    dynamodb: {
      ApproximateCreationDateTime: new Date('2024-01-01T00:00:10.900Z'),
      Keys: { pk: { S: pk ?? 'X' }, sk: { S: 'EVENT' } },
      ...(pk !== undefined && eventName !== 'REMOVE' ? { NewImage: { pk: { S: pk }, sk: { S: 'EVENT' }, n: { N: '1' }, b: { B: new Uint8Array([255]) }, l: { L: [{ S: 'a' }] } } } : {}),
      ...(eventName !== 'INSERT' ? { OldImage: { pk: { S: pk ?? 'X' } } } : {}),
      SequenceNumber: seq,
      SizeBytes: 42,
      StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
    },
  });

  it('filters on either image’s attribute prefixes, as the deployed event filters do', () => {
    const outbox = [{ attribute: 'pk', prefix: 'OUTBOX#' }];
    expect(matchesFilters(record('OUTBOX#1'), outbox)).toBe(true);
    expect(matchesFilters(record('USER#1'), outbox)).toBe(false);
    // A remove has only the old image, and still matches.
    expect(matchesFilters(record('OUTBOX#1', 'REMOVE'), outbox)).toBe(true);
    expect(matchesFilters(record('USER#1'), [...outbox, { attribute: 'sk', prefix: 'EVENT' }])).toBe(true);
    expect(matchesFilters(record('USER#1'), [{ attribute: 'sk', prefix: 'TX#' }])).toBe(false);
  });

  it('converts records to Lambda’s DynamoDB JSON', () => {
    const r = lambdaStreamRecord(record('OUTBOX#1'), 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2024', 'us-east-1');
    expect(r).toEqual({
      eventID: 'e1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: 1704067210,
        Keys: { pk: { S: 'OUTBOX#1' }, sk: { S: 'EVENT' } },
        NewImage: { pk: { S: 'OUTBOX#1' }, sk: { S: 'EVENT' }, n: { N: '1' }, b: { B: '/w==' }, l: { L: [{ S: 'a' }] } },
        SequenceNumber: '100',
        SizeBytes: 42,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2024',
    });
    expect(awsStreamArn('arn:aws:dynamodb:us-east-1:1:table/t/stream/x', 'us-east-1')).toBe('arn:aws:dynamodb:us-east-1:1:table/t/stream/x');
  });

  it('checkpoints before the first failed sequence number', () => {
    const seqs = ['1', '2', '3', '4'];
    expect(streamBatchProgress(undefined, seqs)).toEqual({ processed: 4, valid: true });
    expect(streamBatchProgress({ batchItemFailures: [{ itemIdentifier: '3' }, { itemIdentifier: '2' }] }, seqs)).toEqual({ processed: 1, valid: true });
    expect(streamBatchProgress({ batchItemFailures: [{ itemIdentifier: '1' }] }, seqs)).toEqual({ processed: 0, valid: true });
    expect(streamBatchProgress({ batchItemFailures: [{ itemIdentifier: '9' }] }, seqs)).toEqual({ processed: 0, valid: false });
  });

  it('reads an empty map the Streams client hands over as a bare object', () => {
    expect(lambdaValue({} as never)).toEqual({ M: {} });
    expect(lambdaValue({ M: { inner: {} as never, s: { S: '' } } })).toEqual({ M: { inner: { M: {} }, s: { S: '' } } });
    expect(lambdaValue({ L: [{} as never, { NULL: true }] })).toEqual({ L: [{ M: {} }, { NULL: true }] });
    expect(() => lambdaValue({ $unknown: ['X', 1] } as never)).toThrow(/Unknown attribute value/);
  });
});
