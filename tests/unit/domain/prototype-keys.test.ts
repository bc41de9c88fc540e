import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { decodeRecord, on, PoisonMessageError } from '../../../shared/async/consumer';
import { eventContract } from '../../../events/envelope';
import { parseOfx, readDate } from '../../../shared/domain/import';
import { merchantKey } from '../../../shared/domain/ledger';
import * as z from 'zod/mini';

/**
 * Names that come from outside (words of a description, OFX entities, month names, event types) are looked up in
 * plain objects only among their own entries, never among the properties every object inherits.
 */

const SGML = 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n';
const ofxWithName = (name: string) =>
  `${SGML}<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240115<TRNAMT>-10.00<FITID>1<NAME>${name}</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;

describe('lookups by outside names', () => {
  it('merchantKey keeps a word named like an inherited property', () => {
    expect(merchantKey('CONSTRUCTOR SUPPLIES')).toBe('constructor supplies');
    expect(merchantKey('Constructor')).toBe('constructor');
    expect(merchantKey('AMZN Mktp')).toBe('amazon marketplace');
  });

  it('an OFX entity named like an inherited property is left as written', () => {
    const { rows } = parseOfx(ofxWithName('A &constructor; B &amp; &toString; &hasOwnProperty; &lt;x&gt;'));
    expect(rows[0]?.description).toBe('A &constructor; B & &toString; &hasOwnProperty; <x>');
  });

  it('a month named like an inherited property is no month (a guard: the date pattern keeps such names out today)', () => {
    for (const cell of ['1 constructor 2024', 'constructor 1, 2024', '1 valueof 2024', '1 tostring 2024']) expect(readDate(cell)).toEqual({ kind: 'invalid' });
    expect(readDate('1 Mar 2024')).toEqual({ kind: 'fixed', date: '2024-03-01' });
  });

  it('an event type named like an inherited property is a poison message, not a TypeError', () => {
    const handlers = on(eventContract('Known', 1, z.object({})), async () => undefined);
    const record = (type: string) => ({ body: JSON.stringify({ id: 'e1', type, version: 1, occurredAt: '2024-01-01T00:00:00.000Z', data: {} }), attributes: {} }) as unknown as SQSRecord;
    for (const type of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      expect(() => decodeRecord(record(type), handlers)).toThrow(PoisonMessageError);
    }
    expect(decodeRecord(record('Known'), handlers).event.type).toBe('Known');
  });
});
