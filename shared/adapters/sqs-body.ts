/**
 * Code units SQS refuses in a message body, as they appear in `JSON.stringify`'s output: surrogates (SQS allows
 * #x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF, so no lone surrogate; the local emulator also refuses
 * every character above U+FFFF, i.e. every surrogate pair) and the noncharacters U+FFFE and U+FFFF.
 * `JSON.stringify` escapes the other control characters already.
 */
const REFUSED_BY_SQS = /[\ud800-\udfff\ufffe\uffff]/g;

/**
 * The JSON text of `value` as an SQS message body: `JSON.stringify`, then every code unit SQS refuses written as a
 * `\uXXXX` escape. The result is valid JSON that `JSON.parse` reads back to the same value (an emoji becomes its
 * two escaped surrogates, a lone surrogate stays lone), and holds only characters SQS accepts.
 */
export function sqsMessageBody(value: unknown): string {
  return JSON.stringify(value).replace(REFUSED_BY_SQS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
