import { ValidationError } from '../errors';

/** UTF-8 length of a string (what DynamoDB counts), without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Splits `items` into JSON arrays of at most `maxBytes` UTF-8 bytes each, in order (the last may be smaller; no
 * items gives no chunks). Stored items are limited in bytes (DynamoDB: 400 KB), not in count: a count-sized chunk
 * of long rows would overflow. Each item is serialised once; time is linear in the total size.
 * @throws ValidationError when one item alone is larger than `maxBytes` (the parsers' field bounds prevent it).
 */
export function chunkByBytes(items: readonly unknown[], maxBytes: number): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let size = 2; // the brackets
  for (const item of items) {
    const json = JSON.stringify(item);
    const bytes = utf8Length(json);
    if (bytes + 2 > maxBytes) throw new ValidationError(`One row of the file is too large to store (${bytes} bytes of at most ${maxBytes - 2}).`);
    const added = bytes + (parts.length > 0 ? 1 : 0);
    if (parts.length > 0 && size + added > maxBytes) {
      chunks.push(`[${parts.join(',')}]`);
      parts = [];
      size = 2;
    }
    size += bytes + (parts.length > 0 ? 1 : 0);
    parts.push(json);
  }
  if (parts.length > 0) chunks.push(`[${parts.join(',')}]`);
  return chunks;
}
