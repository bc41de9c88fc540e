import { runInNewContext } from 'node:vm';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPA_ROUTING } from '../../infra/stacks/web-stack';
import { buildTestApp, resourcesOf } from './app';

describe('the web app’s hosting (S3 + CloudFront)', () => {
  let web: Template;
  let content: Template;
  beforeAll(() => {
    const { tally } = buildTestApp();
    web = Template.fromStack(tally.web);
    content = Template.fromStack(tally.webContent);
  });

  it('keeps the bucket private, TLS-only, readable by CloudFront alone through origin access control', () => {
    web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [dist] = Object.values(resourcesOf(web, 'AWS::CloudFront::Distribution'));
    const config = dist?.Properties.DistributionConfig as { Origins: { OriginAccessControlId?: unknown; S3OriginConfig?: { OriginAccessIdentity?: string } }[]; DefaultCacheBehavior: Record<string, unknown>; DefaultRootObject: string };
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0]?.OriginAccessControlId).toBeDefined();
    expect(config.Origins[0]?.S3OriginConfig?.OriginAccessIdentity ?? '').toBe('');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultRootObject).toBe('index.html');
    const policies = Object.values(resourcesOf(web, 'AWS::S3::BucketPolicy'));
    const statements = JSON.stringify(policies.map((p) => p.Properties.PolicyDocument));
    expect(statements).toContain('cloudfront.amazonaws.com');
    expect(statements).toContain('aws:SecureTransport');
  });

  it('sends a strict content-security policy and the security headers with every file', () => {
    const [policy] = Object.values(resourcesOf(web, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const config = policy?.Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Record<string, unknown>>; CustomHeadersConfig: { Items: { Header: string }[] } };
    const csp = JSON.stringify(config.SecurityHeadersConfig.ContentSecurityPolicy?.ContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", 'connect-src', 'execute-api']) expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(config.SecurityHeadersConfig.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(config.SecurityHeadersConfig.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 730 * 86_400 });
    expect(config.CustomHeadersConfig.Items.map((h) => h.Header).sort()).toEqual(['cross-origin-opener-policy', 'permissions-policy']);
  });

  it('routes app paths to index.html and leaves files and missing assets alone', () => {
    const route = (uri: string) => (runInNewContext(`${SPA_ROUTING}; handler({ request: { uri: ${JSON.stringify(uri)} } })`) as { uri: string }).uri;
    expect(route('/')).toBe('/index.html');
    expect(route('/transactions')).toBe('/index.html');
    expect(route('/budgets/b-1')).toBe('/index.html');
    expect(route('/docs')).toBe('/docs/index.html');
    expect(route('/docs/')).toBe('/docs/index.html');
    expect(route('/assets/index-abc.js')).toBe('/assets/index-abc.js');
    expect(route('/config.json')).toBe('/config.json');
    expect(route('/v1.2/page')).toBe('/index.html');
  });

  it('copies the built app and a /config.json naming the API, and invalidates the entry points', () => {
    const deployments = Object.values(resourcesOf(content, 'Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(2);
    const text = JSON.stringify(deployments);
    expect(text).toContain('config.json');
    expect(text).toContain('Tally-test-Api');
    expect(text).toContain('max-age=31536000');
    expect(deployments.some((d) => JSON.stringify(d.Properties.DistributionPaths ?? []).includes('/index.html'))).toBe(true);
  });
});
