import type { HttpFunction, HttpMethod } from '../../functions/manifest';

/** What a route table is built from: the manifest's HTTP functions, or any list of routes of the same shape. */
export interface RouteSource {
  name: string;
  routes: readonly { method: HttpMethod; path: string }[];
  defaultRoute?: true;
}

/** One route of the HTTP API, compiled for matching. */
export interface Route<F extends RouteSource = HttpFunction> {
  method: HttpMethod;
  /** The template as declared, e.g. `/auth/roles/{role}/members/{userId}`. */
  path: string;
  /** `METHOD /template`, as API Gateway names the route. */
  routeKey: string;
  fn: F;
  segments: Segment[];
}

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

export type Match<F extends RouteSource = HttpFunction> =
  | { kind: 'found'; route: Route<F>; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: HttpMethod[] }
  | { kind: 'not-found' };

function parseTemplate(path: string): Segment[] {
  if (!path.startsWith('/')) throw new Error(`Route path must start with "/": ${path}`);
  const parts = path === '/' ? [] : path.slice(1).split('/');
  return parts.map((part, i): Segment => {
    const greedy = part.match(/^\{([A-Za-z0-9_]+)\+\}$/);
    if (greedy?.[1]) {
      if (i !== parts.length - 1) throw new Error(`A greedy parameter must be the last segment: ${path}`);
      return { kind: 'greedy', name: greedy[1] };
    }
    const param = part.match(/^\{([A-Za-z0-9_]+)\}$/);
    if (param?.[1]) return { kind: 'param', name: param[1] };
    if (part.includes('{') || part.includes('}')) throw new Error(`Unsupported path segment "${part}" in ${path}`);
    return { kind: 'literal', value: part };
  });
}

const RANK = { literal: 0, param: 1, greedy: 2 } as const;

/** API Gateway prefers the most specific route: literal segments over `{param}`, and `{param}` over `{proxy+}`. */
function compareSpecificity(a: Route<RouteSource>, b: Route<RouteSource>): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const sa = a.segments[i];
    const sb = b.segments[i];
    if (!sa || !sb) return sa ? -1 : 1;
    const d = RANK[sa.kind] - RANK[sb.kind];
    if (d !== 0) return d;
  }
  return 0;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (!s) return undefined;
    if (s.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.every((p) => p === '')) return undefined;
      params[s.name] = decode(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (s.kind === 'literal') {
      if (part !== s.value) return undefined;
    } else {
      if (part === '') return undefined;
      params[s.name] = decode(part);
    }
  }
  return parts.length === segments.length ? params : undefined;
}

/**
 * The route table of the HTTP API, built from the manifest's HTTP functions, matched as API Gateway matches: the
 * local gateway routes with it, and the `$default` function answers 404 or 405 (with `Allow`) with it on AWS and
 * locally alike.
 */
export class RouteTable<F extends RouteSource = HttpFunction> {
  readonly routes: Route<F>[];
  /** The function of the `$default` route (the manifest's `defaultRoute`), if any: what no route matches goes there. */
  readonly fallback: F | undefined;

  constructor(functions: readonly F[]) {
    const fallbacks = functions.filter((fn) => fn.defaultRoute);
    if (fallbacks.length > 1) throw new Error(`Only one function may take the $default route: ${fallbacks.map((f) => f.name).join(', ')}`);
    this.fallback = fallbacks[0];
    const seen = new Set<string>();
    this.routes = functions
      .flatMap((fn) =>
        fn.routes.map((r): Route<F> => {
          const routeKey = `${r.method} ${r.path}`;
          if (seen.has(routeKey)) throw new Error(`Route ${routeKey} is declared twice`);
          seen.add(routeKey);
          return { method: r.method, path: r.path, routeKey, fn, segments: parseTemplate(r.path) };
        }),
      )
      .sort(compareSpecificity);
  }

  /** Finds the route for a request; `rawPath` is the path as received (still percent-encoded). */
  match(method: string, rawPath: string): Match<F> {
    const parts = rawPath === '/' ? [] : rawPath.slice(1).split('/');
    const allow: HttpMethod[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', route, pathParameters: params };
      if (!allow.includes(route.method)) allow.push(route.method);
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
}
