import { Console } from 'node:console';
import { Logger } from '@aws-lambda-powertools/logger';
import { config } from './config';
import { errorsAtSourcePositions } from './original-stack';

/**
 * One logger per function process (the metrics object of the queue, stream and schedule functions is in
 * ./metrics.ts). Its settings come from the standard Powertools environment variables (POWERTOOLS_SERVICE_NAME,
 * POWERTOOLS_LOG_LEVEL, …), which CDK sets per function and the local cloud sets for the whole process. Tracing is
 * Lambda's own active tracing plus ./tracing.ts for the AWS calls, not the Powertools tracer: its X-Ray SDK was a
 * quarter of every bundle.
 */

/**
 * A Console on stdout and stderr made at its first write. Powertools' Logger and Metrics each build a `Console`
 * on `process.stdout` and `process.stderr` in their constructors, and the first read of those two streams sets
 * them up (about 3 ms of CPU, a tenth of a function's cold import); a request that logs nothing at its level and
 * publishes no metric never needs them.
 */
function consoleOnFirstWrite(): Console {
  let real: Console | undefined;
  const target = (): Console => (real ??= new Console({ stdout: process.stdout, stderr: process.stderr }));
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  return Object.fromEntries(methods.map((m) => [m, (...args: unknown[]) => target()[m](...args)])) as unknown as Console;
}

/** Powertools' constructors call `setConsole()`; on a class made lean here it installs the console above instead. */
export function withConsoleOnFirstWrite(lean: { prototype: object }): void {
  Object.defineProperty(lean.prototype, 'setConsole', {
    value(this: { console: Console }) {
      this.console = consoleOnFirstWrite();
    },
  });
}

class LeanLogger extends Logger {}
withConsoleOnFirstWrite(LeanLogger);

// The names come through config.ts; the other Powertools settings (POWERTOOLS_LOG_LEVEL, POWERTOOLS_METRICS_DISABLED)
// are read by the Powertools classes themselves, inside the library. Errors are logged with their stacks at source
// positions (./original-stack.ts: functions run without --enable-source-maps).
export const logger: Logger = new LeanLogger({ serviceName: config().POWERTOOLS_SERVICE_NAME, jsonReplacerFn: errorsAtSourcePositions });
