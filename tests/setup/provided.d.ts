import 'vitest';

/** What the `cloud` test project's global setup (tests/setup/local-cloud.ts) gives every test via `inject('cloud')`. */
export interface CloudInfo {
  apiUrl: string;
  consoleUrl: string;
  /** The web app the local cloud serves (web/dist, built by the global setup). */
  webUrl: string;
  /** The handler environment: table, pool and client ids, queue URLs, and the AWS_ENDPOINT_URL_* of each emulator. */
  env: Record<string, string>;
  admin: { email: string; password: string };
  ports: { api: number; console: number; dynamodb: number; sqs: number; cognito: number; web: number };
  pids: { main: number; dynamodb: number; cognito: number };
  tableName: string;
  userPoolId: string;
  userPoolClientId: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cloud: CloudInfo;
  }
}
