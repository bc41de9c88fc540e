import { describe, expect, it } from 'vitest';
import { buildTestApp, resourcesOf, templatesOf } from './app';

type Env = { Properties?: { Environment?: { Variables?: Record<string, unknown> } } };

/** REPORT_CONSUMED_CAPACITY of every function, by logical id. */
function flags(reportConsumedCapacity: boolean | undefined): unknown[] {
  const { functions } = templatesOf(buildTestApp(reportConsumedCapacity === undefined ? {} : { reportConsumedCapacity }));
  return functions.flatMap((t) => Object.values(resourcesOf(t, 'AWS::Lambda::Function') as Record<string, Env>).map((f) => f.Properties?.Environment?.Variables?.REPORT_CONSUMED_CAPACITY));
}

// `-c reportConsumedCapacity=true` turns on, for every function, the consumed-capacity log lines `npm run capacity`
// reads locally, so the same measurement can be made on AWS; off by default.
describe('the consumed-capacity switch', () => {
  it('is off by default and on for every function when asked', () => {
    const off = flags(undefined);
    const on = flags(true);
    expect(off.length).toBeGreaterThan(50);
    expect(off.every((v) => v === undefined)).toBe(true);
    expect(on).toHaveLength(off.length);
    expect(on.every((v) => v === 'true')).toBe(true);
  });
});
