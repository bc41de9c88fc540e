import { existsSync } from 'node:fs';
import { Annotations, Aws, CfnOutput, DefaultStackSynthesizer, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { contentSecurityPolicy, webSecurityHeaders } from '../web-security';

/**
 * Paths without a file extension are routes of the single-page app: CloudFront answers them with /index.html, and a
 * folder with its index.html (/docs/ → /docs/index.html). A missing asset stays a 404.
 */
export const SPA_ROUTING = `function handler(event) {
  var r = event.request;
  if (r.uri.endsWith('/')) { r.uri = r.uri === '/' ? '/index.html' : r.uri + 'index.html'; }
  else if (r.uri === '/docs') { r.uri = '/docs/index.html'; }
  else if (r.uri.lastIndexOf('.') <= r.uri.lastIndexOf('/')) { r.uri = '/index.html'; }
  return r;
}`;

/** The web bucket's name: fixed by stage, account and region, so the content stack names it without a reference. */
export function webBucketName(stack: Stack, stage: string): string {
  return `tally-${stage}-web-${stack.account}-${stack.region}`;
}

export interface WebStackProps extends StackProps {
  readonly stage: string;
  /**
   * Origins the app's pages may call besides their own (the content-security policy's connect-src).
   * @default - the region's API Gateway endpoints (`https://*.execute-api.<region>.amazonaws.com`)
   */
  readonly apiOrigins?: string[];
}

/**
 * The web app's hosting: a private bucket read only by CloudFront through origin access control, HTTPS only, the
 * security headers and content-security policy of infra/web-security.ts, and SPA routing by a CloudFront Function.
 * It comes before the API stack, whose CORS origins name this distribution; the files arrive in WebContentStack.
 */
export class WebStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: the app's origin. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    this.bucket = new s3.Bucket(this, 'Site', {
      bucketName: webBucketName(this, props.stage),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    });
    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: 'Tally web app',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headersPolicy(props.apiOrigins ?? [`https://*.execute-api.${Aws.REGION}.amazonaws.com`]),
        functionAssociations: [
          { eventType: cloudfront.FunctionEventType.VIEWER_REQUEST, function: new cloudfront.Function(this, 'SpaRouting', { code: cloudfront.FunctionCode.fromInline(SPA_ROUTING), runtime: cloudfront.FunctionRuntime.JS_2_0 }) },
        ],
      },
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    new CfnOutput(this, 'WebUrl', { value: this.origin, description: 'The web app (its API reference at /docs/)' });
    this.acknowledgeFindings();
  }

  private headersPolicy(apiOrigins: string[]): cloudfront.ResponseHeadersPolicy {
    const custom = webSecurityHeaders('');
    return new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Tally web app: CSP and security headers (infra/web-security.ts)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(apiOrigins.join(' ')), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      },
      customHeadersBehavior: {
        customHeaders: ['permissions-policy', 'cross-origin-opener-policy'].map((header) => ({ header, value: custom[header] ?? '', override: true })),
      },
    });
  }

  private acknowledgeFindings(): void {
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'A personal-finance app for anyone, anywhere: no country is refused at the edge.' },
      { id: 'AwsSolutions-CFR2', reason: 'Static files only behind this distribution; the API has its own throttles, and WAF is a per-deployment cost decision.' },
      { id: 'AwsSolutions-CFR3', reason: 'Access logs of static files carry no audit value here; the API keeps its own access logs in CloudWatch.' },
      { id: 'AwsSolutions-CFR4', reason: 'The default cloudfront.net certificate allows only CloudFront’s own policy; a custom domain sets TLSv1.2_2021.' },
    );
    Validations.of(this.bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'The bucket holds only the public build of the web app, written by deployments; server access logs add cost, not evidence.' });
  }
}

export interface WebContentStackProps extends StackProps {
  readonly web: WebStack;
  readonly stage: string;
  /** The API's base URL, written into /config.json for the app. */
  readonly apiUrl: string;
  /** The built app (`npm run web:build`). */
  readonly dist: string;
}

/**
 * The built app and its /config.json (the API's address), copied into the web bucket: hashed assets cached for a
 * year, everything else revalidated, and CloudFront's copies of the entry points invalidated on each deployment.
 */
export class WebContentStack extends Stack {
  constructor(scope: Construct, id: string, props: WebContentStackProps) {
    super(scope, id, props);
    if (!existsSync(props.dist)) {
      Annotations.of(this).addError(`The web app is not built (${props.dist} is missing): run \`npm run web:build\` before synthesizing.`);
      return;
    }
    // The bucket by its name, not by a reference: the copying function's grants then name it plainly.
    const bucket = s3.Bucket.fromBucketName(this, 'Site', webBucketName(this, props.stage));
    this.addDependency(props.web);
    const target = { destinationBucket: bucket, memoryLimit: 512 };
    const assets = new s3deploy.BucketDeployment(this, 'Assets', {
      ...target,
      sources: [s3deploy.Source.asset(props.dist, { exclude: ['*', '!assets', '!assets/**'] })],
      // Earlier builds' assets stay: a page loaded before this deployment still finds its chunks.
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    const pages = new s3deploy.BucketDeployment(this, 'Pages', {
      ...target,
      sources: [s3deploy.Source.asset(props.dist, { exclude: ['assets', 'assets/**', 'config.json'] }), s3deploy.Source.jsonData('config.json', { apiUrl: props.apiUrl })],
      prune: false,
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: props.web.distribution,
      distributionPaths: ['/index.html', '/config.json', '/docs/*'],
    });
    pages.node.addDependency(assets);
    this.acknowledgeDeploymentFunction(webBucketName(this, props.stage));
  }

  /** The findings of CDK's own copying function (one per stack, shared by both deployments). */
  private acknowledgeDeploymentFunction(bucketName: string): void {
    const fn = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!fn) return;
    const why = 'CDK’s BucketDeployment function, which runs only during deployments to copy the built files:';
    const synthesizer = this.synthesizer as DefaultStackSynthesizer;
    const qualifier = (this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const assets = synthesizer instanceof DefaultStackSynthesizer ? `cdk-${qualifier}-assets-${this.account}-${this.region}` : '';
    const wildcards = ['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', 'Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Resource::*', `Resource::arn:${this.partition}:s3:::${assets}/*`, `Resource::arn:${this.partition}:s3:::${bucketName}/*`];
    Validations.of(fn).acknowledge(
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: `${why} CDK gives it the managed basic execution role for its logs.` },
      ...wildcards.map((w) => ({ id: `AwsSolutions-IAM5[${w}]`, reason: `${why} CDK grants it object-level wildcards on the asset bucket and the web bucket it copies between.` })),
      { id: 'AwsSolutions-L1', reason: `${why} CDK chooses its runtime; it serves no request.` },
      { id: 'Serverless-LambdaDLQ', reason: `${why} CloudFormation receives its failure and rolls the deployment back; there is no event to keep.` },
      { id: 'Serverless-LambdaLatestVersion', reason: `${why} CDK chooses its runtime; it serves no request.` },
    );
  }
}
