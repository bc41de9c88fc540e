import { describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { inlineFunction, invoke, lambdaContext } from '../../infra/local/lambda';
import { generatePassword } from '../../infra/local/admin';
import { parseJavaMajor } from '../../infra/local/java';

describe('local Lambda invocations', () => {
  it('gives the handler a Lambda context with the function’s name and remaining time', async () => {
    // Prepare
    let seen: Context | undefined;
    const fn = inlineFunction('my-fn', async (_e, context) => {
      seen = context;
      return 'ok';
    }, 2);
    // Act
    const outcome = await invoke(fn, {});
    // Assess
    expect(outcome).toMatchObject({ ok: true, result: 'ok' });
    expect(seen?.functionName).toBe('my-fn');
    expect(seen?.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:my-fn');
    expect(seen?.awsRequestId).toBe(outcome.requestId);
    expect(seen?.getRemainingTimeInMillis()).toBeGreaterThan(1000);
    expect(seen?.getRemainingTimeInMillis()).toBeLessThanOrEqual(2000);
  });

  it('ends callback-style handlers with the callback', async () => {
    const fn = inlineFunction('cb', (_e, _c, callback) => {
      setTimeout(() => callback(null, { done: true }), 5);
    });
    expect(await invoke(fn, {})).toMatchObject({ ok: true, result: { done: true } });
  });

  it('reports thrown errors and rejected promises as failures', async () => {
    expect(await invoke(inlineFunction('t', () => {
      throw new Error('boom');
    }), {})).toMatchObject({ ok: false, timedOut: false, error: { message: 'boom' } });
    expect(await invoke(inlineFunction('r', () => Promise.reject(new Error('nope'))), {})).toMatchObject({ ok: false, error: { message: 'nope' } });
  });

  it('fails a run longer than the timeout with Lambda’s message', async () => {
    const fn = inlineFunction('slow', () => new Promise((r) => setTimeout(r, 3000)), 0.2);
    const started = Date.now();
    const outcome = await invoke(fn, {});
    expect(outcome).toMatchObject({ ok: false, timedOut: true, error: { message: 'Task timed out after 0.20 seconds' } });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses the legacy context methods', () => {
    const context = lambdaContext({ name: 'x', memoryMb: 256 }, Date.now() + 1000);
    expect(context.memoryLimitInMB).toBe('256');
    expect(() => context.succeed('x')).toThrow(/not supported/);
  });
});

describe('small helpers', () => {
  it('generates admin passwords that meet the password policy', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(20);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[0-9]/);
    }
  });

  it('reads the Java major version', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('nonsense')).toBeUndefined();
  });
});
