import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { HttpFunction } from '../../functions/manifest';
import { ApiStack } from '../../infra/stacks/api-stack';
import { StatefulStack } from '../../infra/stacks/stateful-stack';
import { health } from '../../shared/contracts/system';
import { CDK_CONTEXT, TEST_ENV } from './app';

const missing: HttpFunction = {
  kind: 'http',
  name: 'not-written',
  entry: 'functions/http/not-written/anywhere.ts',
  routes: [{ method: 'GET', path: '/not-written' }],
  contract: health,
  access: [],
};

function apiWith(fn: HttpFunction, bundling: boolean): ApiStack {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...CDK_CONTEXT, ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stateful = new StatefulStack(app, 'S', { env: TEST_ENV, emailFromAddress: 'no-reply@tally.example' });
  return new ApiStack(app, 'A', {
    env: TEST_ENV,
    table: stateful.table,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    queues: stateful.queues,
    emailIdentity: stateful.emailIdentity,
    emailFrom: stateful.emailFrom,
    cursorSecret: stateful.cursorSecret,
    functions: [fn],
  });
}

describe('ManifestFunction', () => {
  it('fails synthesis with a clear message when a handler file is missing and the stack must be bundled', () => {
    // Prepare, Act, Assess
    expect(() => apiWith(missing, true)).toThrow(
      /Manifest function "not-written": its handler file functions\/http\/not-written\/anywhere\.ts does not exist/,
    );
  });

  it('stands in for a missing handler when bundling is skipped, with code that can only fail', () => {
    const routes = apiWith(missing, false).routeStacks['not-written'];
    if (!routes) throw new Error('no routes stack for the not-written folder');
    const template = Template.fromStack(routes);
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(JSON.stringify(fn?.Properties.Code)).toContain('was not bundled');
  });

  it('refuses an access to a queue the manifest does not declare', () => {
    expect(() => apiWith({ ...missing, access: ['queue:nowhere'] }, false)).toThrow(/no queue "nowhere"/);
  });
});
