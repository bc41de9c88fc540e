import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '../../shared/http/openapi';

const HEADER = '/* Generated from the API contracts by `npm run web:api`; do not edit. */\n';

/** The TypeScript declarations of the API's paths and schemas, as the web app's client uses them. */
export async function webApiSchema(): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(openApiDocument())) as Parameters<typeof openapiTS>[0]);
  return HEADER + astToString(ast);
}
