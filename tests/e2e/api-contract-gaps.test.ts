import { beforeAll, describe, expect, it } from 'vitest';
import { call, newUser, type Answer, type TestUser } from '../support/api';

/**
 * What the API answers is what /openapi.json declares: answers beyond a route's success (DELETE /me's 202 and 403),
 * the problem documents' extension members, and the current version a stale If-Match is told.
 */
/** The served OpenAPI document, read as JSON. */
let doc: Answer['body'];
let u: TestUser;

beforeAll(async () => {
  const res = await call('GET', '/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
  u = await newUser('Contract gaps');
});

describe('DELETE /me', () => {
  it('declares the 202 erasing answer with its body', () => {
    const answer = doc.paths['/me'].delete.responses['202'];
    expect(answer.content['application/json'].schema).toMatchObject({ type: 'object', properties: { status: { const: 'erasing' } }, required: ['status'] });
  });

  it('declares the 403 asking to sign in again, as a problem document', async () => {
    const answer = doc.paths['/me'].delete.responses['403'];
    expect(answer.description).toMatch(/sign in again/i);
    expect(answer.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    const wrong = await call('DELETE', '/me', { token: u.accessToken, body: { password: 'Not-The-Password-1' } });
    expect(wrong.status).toBe(403);
  });
});

describe('Problem schema', () => {
  it('describes the extension members and allows others', () => {
    const problem = doc.components.schemas.Problem;
    expect(problem.additionalProperties === true || (typeof problem.additionalProperties === 'object' && Object.keys(problem.additionalProperties).length === 0)).toBe(true);
    for (const name of ['goals', 'inUse', 'ruleIds', 'budgetIds', 'limit', 'max', 'currentVersion']) {
      expect(problem.properties[name]?.description, name).toMatch(/\d{3}/);
      expect(problem.required).not.toContain(name);
    }
    expect(problem.properties.goals.items.properties).toHaveProperty('name');
    expect(problem.properties.max.type).toBe('integer');
  });

  it('a category a budget limits is refused with the documented budgetIds', async () => {
    const cat = await call('POST', '/categories', { token: u.accessToken, body: { name: 'Gaps hobby', kind: 'expense' } });
    expect(cat.status).toBe(201);
    const budget = await call('POST', '/budgets', { token: u.accessToken, body: { name: 'Hobby', categoryId: cat.body.id, period: 'monthly', amount: 1000 } });
    expect(budget.status).toBe(201);
    const refused = await call('DELETE', `/categories/${cat.body.id}`, { token: u.accessToken, headers: { 'if-match': String(cat.body.version) } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ inUse: true, budgetIds: [budget.body.id] });
  });
});

describe('412 carries the current version', () => {
  it('a stale If-Match on an account is told the version it is at', async () => {
    const acc = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Gaps', type: 'checking', currency: 'EUR' } });
    expect(acc.status).toBe(201);
    const first = await call('PATCH', `/accounts/${acc.body.id}`, { token: u.accessToken, body: { name: 'Once' }, headers: { 'if-match': String(acc.body.version) } });
    expect(first.status).toBe(200);
    const stale = await call('PATCH', `/accounts/${acc.body.id}`, { token: u.accessToken, body: { name: 'Twice' }, headers: { 'if-match': String(acc.body.version) } });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(first.body.version);
  });

  it('a stale If-Match on a rule delete is told the version it is at', async () => {
    const rule = await call('POST', '/rules', { token: u.accessToken, body: { name: 'Gaps', conditions: { descriptionContains: 'gaps' }, actions: { tags: ['g'] } } });
    expect(rule.status).toBe(201);
    const changed = await call('PATCH', `/rules/${rule.body.id}`, { token: u.accessToken, body: { name: 'Gaps 2' }, headers: { 'if-match': String(rule.body.version) } });
    expect(changed.status).toBe(200);
    const stale = await call('DELETE', `/rules/${rule.body.id}`, { token: u.accessToken, headers: { 'if-match': String(rule.body.version) } });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(changed.body.version);
  });
});
