import { describe, expect, it } from 'vitest';
import { sqsMessageBody } from '../../../shared/adapters/sqs-body';

/** What SQS accepts in a body (#x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD) — narrowed to the BMP, as the local emulator. */
const ACCEPTED = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd]*$/;

describe('sqsMessageBody', () => {
  const event = (description: string) => ({ id: 'e1', type: 'TransactionRecorded', data: { after: { description, tags: [description] } } });

  it.each([
    ['emoji', 'emoji 😀 and 👩‍👩‍👧'],
    ['U+FFFF and U+FFFE', 'end \uffff \ufffe'],
    ['a lone high surrogate', 'lone \ud800 high'],
    ['a lone low surrogate', 'lone \udfff low'],
    ['a pair reversed', '\ude00\ud83d'],
    ['astral characters at the edges', '\u{10ffff}x\u{10000}'],
    ['control characters and quotes', 'tab\t nl\n cr\r nul\u0000 "q" \\ \u001f'],
    ['characters SQS accepts as they are', 'Café – € ¥ \ud7ff \ue000 \ufffd'],
  ])('round-trips %s, holding only characters SQS accepts', (_, description) => {
    const body = sqsMessageBody(event(description));
    expect(body).toMatch(ACCEPTED);
    expect(JSON.parse(body)).toEqual(event(description));
  });

  it('leaves text SQS accepts unchanged (the same as JSON.stringify)', () => {
    const value = event('Café – € \ue000 \ufffd "quoted"\n');
    expect(sqsMessageBody(value)).toBe(JSON.stringify(value));
  });

  it('escapes each refused code unit as \\uXXXX', () => {
    expect(sqsMessageBody('😀\uffff')).toBe('"\\ud83d\\ude00\\uffff"');
  });
});
