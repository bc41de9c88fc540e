import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { HttpFunction } from '../../functions/manifest';
import { ApiStack } from '../../infra/stacks/api-stack';
import { StatefulStack } from '../../infra/stacks/stateful-stack';
import { addTally, functionResources, type Tally, type TallyProps } from '../../infra/stacks/tally';

/** The context of cdk.json (feature flags included), so tests synthesize what `cdk synth` does. */
export const CDK_CONTEXT = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

export const TEST_ENV = { account: '123456789012', region: 'eu-west-1' };

/** A stand-in for web/dist (a build of the app is not needed to check the infrastructure). */
export const WEB_DIST_FIXTURE = fileURLToPath(new URL('../fixtures/web-dist', import.meta.url));

export interface TestApp {
  app: App;
  tally: Tally;
}

/**
 * Tally as `infra/app.ts` builds it, without bundling (handler files need not exist). cdk-nag and CloudFormation
 * validation are off unless asked for: they take most of a synthesis and have their own test.
 */
export function buildTestApp(options: { checks?: boolean; outdir?: string; context?: Record<string, unknown> } & Partial<TallyProps> = {}): TestApp {
  const { checks = false, outdir, context = {}, ...props } = options;
  const app = new App({
    outdir,
    builtinCloudFormationValidation: checks,
    context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context },
  });
  const tally = addTally(app, { stage: 'test', env: TEST_ENV, emailFromAddress: 'no-reply@tally.example', webDist: WEB_DIST_FIXTURE, ...props, checks });
  return { app, tally };
}

export interface RoutesTemplate {
  /** The nested stack's template. */
  template: Template;
  /** Logical id of the nested stack's `AWS::CloudFormation::Stack` resource in the API stack. */
  logicalId: string;
  /** The parameters the API stack passes to it, by parameter name. */
  parameters: Record<string, unknown>;
}

export interface Templates {
  stateful: Template;
  /** The API stack itself: the HTTP API, its authorizer, stage and access logs, and the nested routes stacks. */
  api: Template;
  /** The API's nested routes stacks (functions, integrations, routes, permissions), by domain. */
  routes: Record<string, RoutesTemplate>;
  async: Template;
  /** Every template that holds functions: the routes stacks and the async stack. */
  functions: Template[];
  /** Every template: the stacks and the nested stacks. */
  all: Template[];
}

export function templatesOf({ tally }: TestApp): Templates {
  const api = Template.fromStack(tally.api);
  const apiResources = api.toJSON().Resources as Record<string, { Properties?: { Parameters?: Record<string, unknown> } }>;
  const routes: Record<string, RoutesTemplate> = {};
  for (const [domain, nested] of Object.entries(tally.api.routeStacks)) {
    const logicalId = tally.api.getLogicalId(nested.nestedStackResource as CfnElement);
    routes[domain] = { template: Template.fromStack(nested), logicalId, parameters: apiResources[logicalId]?.Properties?.Parameters ?? {} };
  }
  const stateful = Template.fromStack(tally.stateful);
  const async = Template.fromStack(tally.async);
  const nested = Object.values(routes).map((r) => r.template);
  return { stateful, api, routes, async, functions: [...nested, async], all: [stateful, api, ...nested, async] };
}

/** The value behind a nested stack's `{ Ref: <parameter> }`, as its parent passes it; any other value as is. */
export function inParent(routes: RoutesTemplate, value: unknown): unknown {
  const ref = (value as { Ref?: unknown } | undefined)?.Ref;
  return typeof ref === 'string' && ref in routes.parameters ? routes.parameters[ref] : value;
}

export type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

/** Resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The Lambda functions of a template, by their POWERTOOLS_SERVICE_NAME (the manifest name). */
export function functionsByName(template: Template): Map<string, { logicalId: string; resource: Resource }> {
  const byName = new Map<string, { logicalId: string; resource: Resource }>();
  for (const [logicalId, resource] of Object.entries(resourcesOf(template, 'AWS::Lambda::Function'))) {
    const env = (resource.Properties.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables ?? {};
    const name = env.POWERTOOLS_SERVICE_NAME;
    if (typeof name === 'string') byName.set(name, { logicalId, resource });
  }
  return byName;
}

/** Every IAM action granted to a role (by the role's logical id) through the policies attached to it. */
export function actionsOfRole(template: Template, roleLogicalId: string): { action: string; resource: unknown }[] {
  const out: { action: string; resource: unknown }[] = [];
  for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
    const roles = policy.Properties.Roles as { Ref: string }[];
    if (!roles.some((r) => r.Ref === roleLogicalId)) continue;
    const doc = policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] };
    for (const statement of doc.Statement) {
      for (const action of [statement.Action].flat()) out.push({ action, resource: statement.Resource });
    }
  }
  return out;
}

/**
 * An API stack of the given HTTP functions alone, over a stateful stack of its own, in a new app (`bundling: false`
 * skips esbuild): for infra tests of the API stack without the whole Tally app.
 */
export function apiStackWith(functions: HttpFunction[], bundling = false): ApiStack {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...CDK_CONTEXT, ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stateful = new StatefulStack(app, 'S', { env: TEST_ENV, emailFromAddress: 'no-reply@tally.example' });
  return new ApiStack(app, 'A', { env: TEST_ENV, ...functionResources(stateful), functions });
}
