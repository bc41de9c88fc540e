/**
 * The subset of JSON Schema (draft 2020-12) that Tally's `/openapi.json` uses, and a small validator for it.
 * The fuzzer reads schemas only through these types; keywords it does not know are collected so a report can say
 * which ones were ignored instead of silently passing them.
 */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  description?: string;
}

/** Keywords the validator understands, or that carry no constraint. */
const KNOWN = new Set([
  '$ref', 'type', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'properties', 'required', 'additionalProperties', 'propertyNames',
  'items', 'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'default', 'description', 'title', 'examples', 'readOnly', 'writeOnly', 'deprecated', '$schema', 'id',
]);

/** Keywords met while validating that the validator does not check (reported once per run). */
export const ignoredKeywords = new Set<string>();

/** Resolves local `$ref`s (`#/components/schemas/X`) against the whole OpenAPI document. */
export function resolve(s: Schema, root: unknown): Schema {
  let cur = s;
  for (let hops = 0; cur.$ref && hops < 20; hops++) {
    const path = cur.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = root;
    for (const p of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
    if (!node || typeof node !== 'object') throw new Error(`Unresolvable $ref ${cur.$ref}`);
    cur = node as Schema;
  }
  return cur;
}

const patternCache = new Map<string, RegExp>();
function regex(p: string): RegExp {
  let r = patternCache.get(p);
  if (!r) {
    r = new RegExp(p, 'u');
    patternCache.set(p, r);
  }
  return r;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(t: string, v: unknown): boolean {
  const actual = typeOf(v);
  return t === actual || (t === 'number' && actual === 'integer');
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Validates `value` against `schema`; answers every violation as `path: message` (empty when it conforms). */
export function validate(schema: Schema, value: unknown, root: unknown, path = '$'): string[] {
  const s = resolve(schema, root);
  const errs: string[] = [];
  for (const k of Object.keys(s)) if (!KNOWN.has(k)) ignoredKeywords.add(k);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeMatches(t, value))) return [`${path}: expected ${types.join('|')}, got ${typeOf(value)}`];
  }
  if (s.enum && !s.enum.some((e) => deepEqual(e, value))) errs.push(`${path}: ${JSON.stringify(value)?.slice(0, 60)} is not one of ${JSON.stringify(s.enum)}`);
  if ('const' in s && !deepEqual(s.const, value)) errs.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (s.anyOf && !s.anyOf.some((b) => validate(b, value, root, path).length === 0)) {
    const branches = s.anyOf.map((b) => validate(b, value, root, path)[0] ?? '');
    errs.push(`${path}: matches no anyOf branch (${branches.join(' / ')})`);
  }
  if (s.oneOf && s.oneOf.filter((b) => validate(b, value, root, path).length === 0).length !== 1) errs.push(`${path}: does not match exactly one oneOf branch`);
  if (s.allOf) for (const b of s.allOf) errs.push(...validate(b, value, root, path));
  if (typeof value === 'string') {
    // JSON Schema counts a string's length in code points (an emoji is one), as zod does.
    const len = [...value].length;
    if (s.minLength !== undefined && len < s.minLength) errs.push(`${path}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && len > s.maxLength) errs.push(`${path}: longer than ${s.maxLength}`);
    if (s.pattern !== undefined && !regex(s.pattern).test(value)) errs.push(`${path}: ${JSON.stringify(value.slice(0, 60))} does not match ${s.pattern}`);
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) errs.push(`${path}: ${value} < minimum ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errs.push(`${path}: ${value} > maximum ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) errs.push(`${path}: ${value} <= exclusiveMinimum ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) errs.push(`${path}: ${value} >= exclusiveMaximum ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) errs.push(`${path}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems) errs.push(`${path}: more than ${s.maxItems} items`);
    if (s.items) value.forEach((v, i) => errs.push(...validate(s.items as Schema, v, root, `${path}[${i}]`)));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in obj)) errs.push(`${path}: missing required ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = `${path}.${k}`;
      if (s.propertyNames) errs.push(...validate(s.propertyNames, k, root, `${sub}(name)`));
      const prop = s.properties?.[k];
      if (prop) errs.push(...validate(prop, v, root, sub));
      else if (s.additionalProperties === false) errs.push(`${path}: unexpected property ${k}`);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') errs.push(...validate(s.additionalProperties, v, root, sub));
    }
  }
  return errs;
}
