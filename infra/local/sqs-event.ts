import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttribute, SQSRecord } from 'aws-lambda';

function b64(v: Uint8Array | undefined): string | undefined {
  return v === undefined ? undefined : Buffer.from(v).toString('base64');
}

function attribute(v: MessageAttributeValue): SQSMessageAttribute {
  return {
    ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
    ...(v.BinaryValue !== undefined ? { binaryValue: b64(v.BinaryValue) } : {}),
    stringListValues: v.StringListValues ?? [],
    binaryListValues: (v.BinaryListValues ?? []).map((b) => b64(b) ?? ''),
    dataType: (v.DataType ?? 'String') as SQSMessageAttribute['dataType'],
  };
}

/** One message as Lambda's SQS event source hands it to the function. */
export function sqsRecord(m: Message, queueArn: string, region: string): SQSRecord {
  const a = m.Attributes ?? {};
  const system: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined) system[k] = v;
  return {
    messageId: m.MessageId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    body: m.Body ?? '',
    attributes: {
      ...system,
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    } as SQSRecord['attributes'],
    messageAttributes: Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, attribute(v)])),
    md5OfBody: m.MD5OfBody ?? '',
    ...(m.MD5OfMessageAttributes ? { md5OfMessageAttributes: m.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

export function sqsEvent(messages: Message[], queueArn: string, region: string): SQSEvent {
  return { Records: messages.map((m) => sqsRecord(m, queueArn, region)) };
}

export type BatchOutcome = { kind: 'all-succeeded' } | { kind: 'partial'; failed: Set<string> } | { kind: 'all-failed'; reason: string };

/**
 * What Lambda makes of a function's answer to a batch, with ReportBatchItemFailures on: no answer, or no
 * `batchItemFailures`, or an empty list means every item succeeded; a list names the failed items; a malformed
 * answer (an item identifier that is empty or not in the batch, a list that is not a list) fails the whole batch.
 */
export function batchOutcome(result: unknown, identifiers: string[]): BatchOutcome {
  if (result === undefined || result === null) return { kind: 'all-succeeded' };
  if (typeof result !== 'object') return { kind: 'all-succeeded' };
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'all-succeeded' };
  if (!Array.isArray(failures)) return { kind: 'all-failed', reason: 'batchItemFailures is not a list' };
  const known = new Set(identifiers);
  const failed = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !known.has(id)) {
      return { kind: 'all-failed', reason: `invalid itemIdentifier ${JSON.stringify(id)}` };
    }
    failed.add(id);
  }
  return failed.size === 0 ? { kind: 'all-succeeded' } : { kind: 'partial', failed };
}
