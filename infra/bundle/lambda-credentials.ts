import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * What the function bundles use in place of `@aws-sdk/credential-provider-node` (see ./options.ts).
 *
 * Lambda hands a function its role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN,
 * for the lifetime of the execution environment. The SDK's default chain also carries SSO, profiles, processes,
 * web identity and instance metadata, with the STS and SSO clients they need: about 130 KB of a 530 KB bundle that
 * a Lambda function never runs. The SDK memoizes what this returns, as it does the default chain's answer.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> => fromEnv(init);
