import type { HttpMethod } from '../../functions/manifest';
import { NotFoundError } from '../domain/errors';
import type { Reply } from './handler';
import { problemKinds, problemType } from './problem';
import { ROUTE_KEYS } from './route-keys';
import { RouteTable, type RouteSource } from './route-table';

let table: RouteTable<RouteSource> | undefined;

/** The API's routes from their keys (./route-keys.ts, generated from the manifest without its contracts). */
function routeTable(): RouteTable<RouteSource> {
  const routes = ROUTE_KEYS.map((key) => {
    const at = key.indexOf(' ');
    return { method: key.slice(0, at) as HttpMethod, path: key.slice(at + 1) };
  });
  return new RouteTable<RouteSource>([{ name: 'api', routes }]);
}

/**
 * The answer of the `$default` route to a request no route matched: 405 with `Allow` when the path exists under
 * other methods, else a 404 (thrown, so the factory writes it like every other problem).
 */
export function noRouteReply(method: string, rawPath: string): Reply {
  table ??= routeTable();
  const match = table.match(method, rawPath);
  if (match.kind !== 'method-not-allowed') throw new NotFoundError(`No route matches ${method} ${rawPath}.`);
  const title = problemKinds().find((k) => k.kind === 'method-not-allowed')?.title ?? 'Method not allowed';
  return {
    status: 405,
    headers: { allow: match.allow.join(', ') },
    body: { type: problemType('method-not-allowed'), title, status: 405, detail: `${rawPath} does not accept ${method}.`, instance: rawPath },
  };
}
