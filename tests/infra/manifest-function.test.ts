import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { HttpFunction } from '../../functions/manifest';
import { health } from '../../shared/contracts/system';
import { apiStackWith } from './app';

const missing: HttpFunction = {
  kind: 'http',
  name: 'not-written',
  entry: 'functions/http/not-written/anywhere.ts',
  routes: [{ method: 'GET', path: '/not-written' }],
  contract: health,
  access: [],
};

const apiWith = (fn: HttpFunction, bundling: boolean) => apiStackWith([fn], bundling);

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
