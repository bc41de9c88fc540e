import { describe, expect, inject, it } from 'vitest';
import { operationsOf } from '../fuzz/operations';
import { check, failureClasses, fetchOpenApi, formatReport, runFuzz } from '../fuzz/runner';
import { admin, newUser } from '../support/api';

/**
 * A short run of the OpenAPI fuzzer (`npm run fuzz` runs 10,000 cases): 400 cases with a fixed seed, valid,
 * boundary and invalid, over HTTP against the test cloud. Any answer ≥ 500, 4xx that is not a problem document,
 * 2xx off its documented status or schema, or reach into another user's data fails the test and lists the cases.
 */
describe('fuzzing every operation of /openapi.json', () => {
  it('has an oracle that catches what it is meant to catch', async () => {
    const doc = await fetchOpenApi(inject('cloud').apiUrl);
    const op = operationsOf(doc).find((o) => o.key === 'GET /accounts');
    if (!op) throw new Error('no GET /accounts in the document');
    expect(check(op, 500, 'application/problem+json', '{}', doc).map((p) => p.check)).toEqual(['5xx']);
    expect(check(op, 404, 'text/plain', 'Not Found', doc).map((p) => p.check)).toContain('problem');
    expect(check(op, 400, 'application/problem+json', JSON.stringify({ type: 't', title: 'x', status: 404, detail: 'd' }), doc).map((p) => p.message)).toEqual([expect.stringMatching(/status/)]);
    expect(check(op, 200, 'application/json', JSON.stringify({ items: [{ id: 1 }] }), doc).map((p) => p.check)).toEqual(['schema']);
    expect(check(op, 201, 'application/json', '{"items":[]}', doc).map((p) => p.check)).toEqual(['undocumented-status']);
    expect(check(op, 200, 'application/json', '{"items":[]}', doc)).toEqual([]);
  });

  it('finds no broken answer in 400 seeded cases', { timeout: 240_000 }, async () => {
    const { apiUrl } = inject('cloud');
    const result = await runFuzz({ apiUrl, session: { newUser, admin }, seed: 7, cases: 400, concurrency: 6 });
    expect(result.cases).toBe(400);
    // Every operation got cases (the document has about 50; 400 cases give each several).
    for (const [op, s] of result.perOp) expect(s.cases, op).toBeGreaterThan(0);
    const classes = failureClasses(result.failures);
    expect(classes.map((c) => `${c.key} (${c.failures.length})`), formatReport(result, 3)).toEqual([]);
  });
});
