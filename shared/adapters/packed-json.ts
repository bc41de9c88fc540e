import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';

/**
 * JSON stored compressed in a binary attribute: DynamoDB bills writes per started KB (twice in a transaction) and
 * reads per 4 KB, so a large, repetitive document (a categoriser model, a merchant series) costs a fraction packed.
 * Quality 11 compresses best but costs about a hundred times the CPU of quality 8 on tens of kilobytes: the default
 * is 8; small items may ask for 11.
 */
export function packJson(value: unknown, quality = 8): Uint8Array {
  const json = JSON.stringify(value);
  return brotliCompressSync(json, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: json.length } });
}

/** The value a {@link packJson} attribute holds; throws on a corrupt one. */
export function unpackJson(packed: Uint8Array): unknown {
  return JSON.parse(brotliDecompressSync(packed).toString('utf8'));
}
