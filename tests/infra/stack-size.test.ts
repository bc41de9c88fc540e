import { Stack, type App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions, type HttpFunction } from '../../functions/manifest';
import { httpDomain } from '../../infra/stacks/http-routes-stack';
import { health } from '../../shared/contracts/system';
import { apiStackWith, buildTestApp, type TestApp } from './app';

/** CloudFormation refuses a template over 500 resources; 400 leaves room for a release's routes between checks. */
const RESOURCE_LIMIT = 400;
/** CloudFormation's limits on parameters and outputs per template. */
const PARAMETER_LIMIT = 200;
const OUTPUT_LIMIT = 200;

/**
 * Logical ids in the API stack that must not change: the API's id is in the URL every client calls, the access
 * log group is retained (a new id would orphan it), and the stage belongs to that same API. (No authorizer: the
 * functions verify tokens themselves.)
 */
const API_LOGICAL_IDS: Record<string, string> = {
  HttpApiF5A9A8A7: 'AWS::ApiGatewayV2::Api',
  DefaultStageEE28A986: 'AWS::ApiGatewayV2::Stage',
  AccessLogs8B620ECA: 'AWS::Logs::LogGroup',
};

interface Size {
  path: string;
  resources: number;
  parameters: number;
  outputs: number;
}

/** Every stack of an app, nested stacks included, with the counts CloudFormation limits. */
function sizesOf(app: App): Size[] {
  return app.node.findAll().filter(Stack.isStack).map((stack) => {
    const template = Template.fromStack(stack).toJSON() as Record<string, Record<string, unknown> | undefined>;
    return {
      path: stack.node.path,
      resources: Object.keys(template.Resources ?? {}).length,
      parameters: Object.keys(template.Parameters ?? {}).length,
      outputs: Object.keys(template.Outputs ?? {}).length,
    };
  });
}

function oversized(sizes: Size[]): string[] {
  return sizes
    .filter((s) => s.resources > RESOURCE_LIMIT || s.parameters > PARAMETER_LIMIT || s.outputs > OUTPUT_LIMIT)
    .map((s) => `${s.path}: ${s.resources} resources, ${s.parameters} parameters, ${s.outputs} outputs`);
}

/** `count` stand-in HTTP functions under `functions/http/<folder>/`, one route each. */
function fakeFunctions(folder: string, count: number): HttpFunction[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'http',
    name: `${folder}-${i}`,
    entry: `functions/http/${folder}/op-${i}.ts`,
    routes: [{ method: 'GET', path: `/${folder}/op-${i}` }],
    contract: health,
    access: ['table:read'],
  }));
}

/** An API stack deploying the given HTTP functions (without bundling). */
const apiWith = (functions: HttpFunction[]): App => apiStackWith(functions).node.root as App;

describe('stack sizes', () => {
  let testApp: TestApp;
  let sizes: Size[];

  beforeAll(() => {
    // Prepare
    testApp = buildTestApp({ corsOrigins: ['https://app.tally.example'] });
    // Act
    sizes = sizesOf(testApp.app);
  });

  it(`keeps every stack and nested stack at or under ${RESOURCE_LIMIT} resources (and under the parameter and output limits)`, () => {
    console.info(`resources per stack (limit ${RESOURCE_LIMIT}):\n${sizes.map((s) => `  ${s.path}: ${s.resources}`).join('\n')}`);
    // Assess: the six stacks and one nested stack per domain are all counted.
    const domains = Object.keys(testApp.tally.api.routeStacks);
    expect(sizes.map((s) => s.path).sort()).toEqual(
      ['Tally-test-Stateful', 'Tally-test-Web', 'Tally-test-Api', 'Tally-test-Async', 'Tally-test-Operations', 'Tally-test-WebContent', ...domains.map((d) => `Tally-test-Api/${testApp.tally.api.routeStacks[d]?.node.id}`)].sort(),
    );
    expect(oversized(sizes)).toEqual([]);
  });

  it('keeps the API stack to the API-wide resources and one nested stack per domain, whatever the route count', () => {
    const api = Template.fromStack(testApp.tally.api).toJSON() as { Resources: Record<string, { Type: string }> };
    const types = Object.values(api.Resources).map((r) => r.Type);
    const domains = Object.keys(testApp.tally.api.routeStacks);
    expect(domains.length).toBeGreaterThan(1);
    expect(types.filter((t) => t === 'AWS::CloudFormation::Stack').length).toBe(domains.length);
    expect(types.filter((t) => t !== 'AWS::CloudFormation::Stack').sort()).toEqual(Object.values(API_LOGICAL_IDS).sort());
  });

  it('keeps the logical ids of the API, its stage and access logs', () => {
    const api = Template.fromStack(testApp.tally.api).toJSON() as { Resources: Record<string, { Type: string; DeletionPolicy?: string }> };
    for (const [logicalId, type] of Object.entries(API_LOGICAL_IDS)) expect(api.Resources[logicalId]?.Type, logicalId).toBe(type);
    expect(api.Resources.AccessLogs8B620ECA?.DeletionPolicy).toBe('Retain');
  });

  it('groups the HTTP functions by the resource folder of their entry; a new folder gets a stack of its own', () => {
    const { routeStacks } = testApp.tally.api;
    for (const def of httpFunctions) expect(routeStacks[httpDomain(def)]?.functions[def.name], def.name).toBeDefined();
    const [accounts, budgets] = [...fakeFunctions('accounts', 1), ...fakeFunctions('budgets', 1)] as [HttpFunction, HttpFunction];
    expect(httpDomain(accounts)).toBe('ledger');
    expect(httpDomain(budgets)).toBe('budgets');
    expect(() => httpDomain({ ...budgets, entry: 'functions/queue/imports.ts' })).toThrow(/not under functions\/http/);
  });

  it('refuses one route key in two routes stacks at synthesis (API Gateway would refuse it only at deploy)', () => {
    const [budgets, goals] = [...fakeFunctions('budgets', 1), ...fakeFunctions('goals', 1)] as [HttpFunction, HttpFunction];
    expect(() => apiWith([budgets, { ...goals, routes: budgets.routes }])).toThrow(/Route GET \/budgets\/op-0 is declared twice.*"goals-0"/);
  });

  it(`fails a stack over ${RESOURCE_LIMIT} resources, and splitting its routes across folders brings each under`, () => {
    // 60 one-route functions in one folder: 7 resources each in one nested stack.
    const crowded = oversized(sizesOf(apiWith(fakeFunctions('budgets', 60))));
    expect(crowded).toEqual([expect.stringMatching(/^A\/BudgetsRoutes: 420 resources/)]);
    // The same 60 in two folders: two nested stacks, both under the limit.
    const split = sizesOf(apiWith([...fakeFunctions('budgets', 30), ...fakeFunctions('goals', 30)]));
    expect(oversized(split)).toEqual([]);
    expect(split.find((s) => s.path === 'A/GoalsRoutes')?.resources).toBe(210);
  });
});
