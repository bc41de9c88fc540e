import * as z from 'zod/mini';
import { route } from './route';

export const health = route({
  summary: 'Liveness of the API',
  auth: 'public',
  response: z.object({ status: z.literal('ok') }),
});

export const openapi = route({
  summary: 'This API as an OpenAPI 3.1 document',
  auth: 'public',
  produces: 'application/json',
});

export const docs = route({
  summary: 'Readable API documentation',
  auth: 'public',
  produces: 'text/html',
});
