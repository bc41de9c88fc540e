import { NestedStack, type NestedStackProps, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Construct } from 'constructs';
import type { HttpFunction } from '../../functions/manifest';
import { ManifestFunction, type FunctionResourcesProps } from '../constructs/manifest-function';
import { pascalCase } from '../constructs/names';

/**
 * Resource folders (`functions/http/<folder>/`) that share a routes stack, by domain. A folder not listed here is
 * a domain of its own, so a new resource gets its own stack without an edit; list it here to group it instead.
 */
export const HTTP_DOMAIN_OF_FOLDER: Readonly<Record<string, string>> = {
  auth: 'identity',
  roles: 'identity',
  me: 'identity',
  accounts: 'ledger',
  categories: 'ledger',
  transactions: 'ledger',
  fx: 'ledger',
  imports: 'imports',
  rules: 'imports',
  analytics: 'insights',
  dashboard: 'insights',
  system: 'insights',
};

/** The domain of an HTTP function: from the resource folder of its entry, `functions/http/<folder>/<verb>.ts`. */
export function httpDomain(def: HttpFunction): string {
  const folder = /^functions\/http\/([^/]+)\//.exec(def.entry)?.[1];
  if (!folder) throw new Error(`HTTP function "${def.name}": its entry ${def.entry} is not under functions/http/<resource>/, so it has no domain.`);
  return HTTP_DOMAIN_OF_FOLDER[folder] ?? folder;
}

/** The HTTP functions grouped by domain, domains in first-seen manifest order. */
export function byDomain(functions: readonly HttpFunction[]): Map<string, HttpFunction[]> {
  const groups = new Map<string, HttpFunction[]>();
  for (const def of functions) {
    const domain = httpDomain(def);
    groups.set(domain, [...(groups.get(domain) ?? []), def]);
  }
  return groups;
}

export interface HttpRoutesStackProps extends NestedStackProps, FunctionResourcesProps {
  /** The API the routes join (one URL for every domain). */
  readonly api: apigw.IHttpApi;
  /** This domain's HTTP functions. */
  readonly functions: readonly HttpFunction[];
  /**
   * Allowed CORS origins, given to the handlers as CORS_ORIGINS.
   * @default - none
   */
  readonly corsOrigins?: string[];
}

/** One route of a routes stack, with the manifest entry it serves (`$default` has no method and path `$default`). */
export interface CreatedRoute {
  readonly definition: HttpFunction;
  readonly method: string;
  readonly path: string;
  readonly route: apigw.HttpRoute;
}

/**
 * One domain's share of the HTTP API, as a nested stack of the API stack: a Lambda per manifest entry, its
 * integration, and a route (with its invoke permission) per entry route, or the `$default` route for the entry that
 * takes it. No route has an authorizer: the functions verify bearer tokens themselves (shared/http/identity.ts), so a
 * missing or expired token answers the same problem document on AWS as in the local cloud, where API Gateway's JWT
 * authorizer would answer its own `{"message":"Unauthorized"}`. The API and its stage stay in the parent, so clients
 * keep one URL while no template has to hold every route.
 */
export class HttpRoutesStack extends NestedStack {
  public readonly functions: Record<string, ManifestFunction> = {};
  public readonly routes: CreatedRoute[] = [];

  constructor(scope: Construct, id: string, props: HttpRoutesStackProps) {
    super(scope, id, props);
    for (const def of props.functions) {
      const fn = new ManifestFunction(this, pascalCase(def.name), { ...props, definition: def });
      this.functions[def.name] = fn;
      const integration = new HttpLambdaIntegration(`${pascalCase(def.name)}Integration`, fn.function);
      const isPublic = def.contract.auth === 'public';
      const acknowledge = (route: apigw.HttpRoute, key: string) =>
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: isPublic
            ? `${key} is public by its manifest contract (auth: 'public', "${def.contract.summary}"): it must answer callers that hold no token.`
            : `${key} verifies the caller's Cognito access token in its function (shared/http/identity.ts: signature, issuer, client, token use, expiry, then the session allow-list), answering a problem document where a JWT authorizer would answer its own body.`,
        });
      if (def.defaultRoute) {
        const route = new apigw.HttpRoute(this, 'Default', { httpApi: props.api, routeKey: apigw.HttpRouteKey.DEFAULT, integration });
        this.routes.push({ definition: def, method: 'ANY', path: '$default', route });
        acknowledge(route, '$default');
      }
      for (const { method, path } of def.routes) {
        const route = new apigw.HttpRoute(this, `${method}${path}`, {
          httpApi: props.api,
          routeKey: apigw.HttpRouteKey.with(path, apigw.HttpMethod[method]),
          integration,
        });
        this.routes.push({ definition: def, method, path, route });
        acknowledge(route, `${method} ${path}`);
      }
    }
  }
}
