import * as z from 'zod/mini';
import { route } from './route';

export const health = /*#__PURE__*/ (() => route({
  summary: 'Liveness of the API',
  auth: 'public',
  response: z.lazy(() => z.object({ status: z.literal('ok') })),
}))();

export const openapi = /*#__PURE__*/ (() => route({
  summary: 'This API as an OpenAPI 3.1 document',
  auth: 'public',
  produces: 'application/json',
}))();

/** The `$default` route: what no route matches is a problem document, 404, or 405 with `Allow`. */
export const noRoute = /*#__PURE__*/ (() => route({
  summary: 'Any request no route matches',
  auth: 'public',
  produces: 'application/problem+json',
}))();

export const docs = /*#__PURE__*/ (() => route({
  summary: 'Readable API documentation',
  description:
    'Redirects (302) to the interactive API reference, Swagger UI served by the web app at `/docs/`, where requests can be tried. ' +
    'A deployment without a web app answers a self-contained HTML page instead; it also lists the problem types (`/docs#problem-<kind>`).',
  auth: 'public',
  produces: 'text/html',
  answers: { '302': { description: 'To the web app’s interactive API reference (Swagger UI), named in `Location`.' } },
}))();
