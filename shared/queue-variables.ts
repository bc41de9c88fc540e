/**
 * Environment variable that carries the URL of a manifest queue: `welcome-email` → `QUEUE_URL_WELCOME_EMAIL`.
 * Plain data, so the CDK app and the local cloud name the variable without loading the configuration.
 */
export function queueUrlVariable(queue: string): string {
  return `QUEUE_URL_${queue.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Prefix of every {@link queueUrlVariable}. */
export const QUEUE_URL_PREFIX = 'QUEUE_URL_';
