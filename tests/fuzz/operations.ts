import type { Schema } from './schema';

/** Who calls an operation: nobody (public), the fuzz user, or an administrator (routes that need a permission). */
export type Auth = 'public' | 'user' | { permission: string };

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

/** One operation of the OpenAPI document, in the shape the fuzzer needs. */
export interface Operation {
  /** `METHOD /path` — the operation's key in reports. */
  key: string;
  method: string;
  path: string;
  operationId: string;
  auth: Auth;
  parameters: Parameter[];
  body?: { required: boolean; schema: Schema };
  /** The documented success: its status and, for JSON, its schema. */
  success: { status: number; mediaType?: string; schema?: Schema };
  /** Every status under 400 the document lists (a route may answer 204 or 202, or redirect). */
  documented: number[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
  [k: string]: unknown;
}

interface RawOperation {
  operationId: string;
  security?: unknown[];
  'x-permission'?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, sorted by path then method so that case numbers mean the same in every run. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    const item = doc.paths[path] ?? {};
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const auth: Auth = raw['x-permission'] ? { permission: raw['x-permission'] } : Array.isArray(raw.security) && raw.security.length === 0 ? 'public' : 'user';
      const okCode = Object.keys(raw.responses).filter((c) => /^2\d\d$/.test(c)).sort()[0] ?? '200';
      const content = raw.responses[okCode]?.content;
      const mediaType = content ? Object.keys(content)[0] : undefined;
      const jsonBody = raw.requestBody?.content?.['application/json']?.schema;
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        operationId: raw.operationId,
        auth,
        parameters: raw.parameters ?? [],
        ...(jsonBody ? { body: { required: raw.requestBody?.required ?? false, schema: jsonBody } } : {}),
        success: { status: Number(okCode), ...(mediaType ? { mediaType } : {}), ...(mediaType && content?.[mediaType]?.schema ? { schema: content[mediaType]?.schema } : {}) },
        documented: Object.keys(raw.responses).map(Number).filter((c) => c < 400),
      });
    }
  }
  return ops;
}
