import { beforeAll, describe, expect, it } from 'vitest';
import { call, newUser, type Answer, type TestUser } from '../../support/api';
import { newAccount } from '../../support/ledger';

/**
 * Attack class "rule references": a rule may name only the caller's own account (`conditions.accountId`) and own
 * category (`actions.categoryId`, the defaults included), as a transaction may. Another user's id and an id that
 * does not exist get the same 400 problem naming the field, on create and on change.
 */

let caller: TestUser;
let other: TestUser;
let ownAccount = '';
let ownCategory = '';
let otherAccount = '';
let otherCategory = '';

async function newCategory(u: TestUser, name: string): Promise<string> {
  const res = await call('POST', '/categories', { token: u.accessToken, body: { name, kind: 'expense' } });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  [caller, other] = await Promise.all([newUser('Rule Owner'), newUser('Victim')]);
  [ownAccount, otherAccount] = await Promise.all([newAccount(caller, 'EUR'), newAccount(other, 'EUR')]);
  [ownCategory, otherCategory] = await Promise.all([newCategory(caller, 'Mine'), newCategory(other, 'Theirs')]);
});

const rule = (conditions: Record<string, unknown>, actions: Record<string, unknown>) => ({ name: 'r', conditions: { descriptionContains: 'coffee', ...conditions }, actions: { tags: ['t'], ...actions } });

/** The answer with the id it named replaced, so answers about different ids can be compared. */
function shape(res: Answer, id: string) {
  return { status: res.status, type: res.headers.get('content-type'), body: JSON.parse(res.text.split(id).join('<id>')) as unknown };
}

function expectRefused(res: Answer, path: string): void {
  expect({ status: res.status, type: res.headers.get('content-type') }, res.text.slice(0, 300)).toEqual({ status: 400, type: 'application/problem+json' });
  expect(res.body.errors).toEqual([expect.objectContaining({ path })]);
}

describe('attack: rule references', () => {
  it('POST /rules refuses another user\'s account in conditions.accountId, as it refuses a missing one', async () => {
    const foreign = await call('POST', '/rules', { token: caller.accessToken, body: rule({ accountId: otherAccount }, {}) });
    const missing = await call('POST', '/rules', { token: caller.accessToken, body: rule({ accountId: 'no-such-account' }, {}) });
    expectRefused(foreign, 'body.conditions.accountId');
    expect(shape(foreign, otherAccount)).toEqual(shape(missing, 'no-such-account'));
  });

  it('POST /rules refuses another user\'s category in actions.categoryId, as it refuses a missing one', async () => {
    const foreign = await call('POST', '/rules', { token: caller.accessToken, body: rule({}, { categoryId: otherCategory }) });
    const missing = await call('POST', '/rules', { token: caller.accessToken, body: rule({}, { categoryId: 'no-such-category' }) });
    expectRefused(foreign, 'body.actions.categoryId');
    expect(shape(foreign, otherCategory)).toEqual(shape(missing, 'no-such-category'));
  });

  it('POST /rules accepts the caller\'s own account and categories, the defaults included', async () => {
    for (const categoryId of [ownCategory, 'food.groceries']) {
      const res = await call('POST', '/rules', { token: caller.accessToken, body: rule({ accountId: ownAccount }, { categoryId }) });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({ conditions: { accountId: ownAccount }, actions: { categoryId } });
    }
    // A default category of a user who never listed categories.
    const fresh = await newUser('Fresh');
    const res = await call('POST', '/rules', { token: fresh.accessToken, body: rule({}, { categoryId: 'transport.fuel' }) });
    expect(res.status, res.text).toBe(201);
  });

  it('PATCH /rules/{id} refuses another user\'s account or category and leaves the rule as it was', async () => {
    const created = await call('POST', '/rules', { token: caller.accessToken, body: rule({ accountId: ownAccount }, { categoryId: ownCategory }) });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expectRefused(await call('PATCH', `/rules/${id}`, { token: caller.accessToken, body: { conditions: { accountId: otherAccount } }, headers: { 'if-match': '"1"' } }), 'body.conditions.accountId');
    expectRefused(await call('PATCH', `/rules/${id}`, { token: caller.accessToken, body: { actions: { categoryId: otherCategory } }, headers: { 'if-match': '"1"' } }), 'body.actions.categoryId');
    expectRefused(await call('PATCH', `/rules/${id}`, { token: caller.accessToken, body: { actions: { categoryId: 'no-such-category' } }, headers: { 'if-match': '"1"' } }), 'body.actions.categoryId');
    const listed = await call('GET', '/rules', { token: caller.accessToken });
    expect(listed.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ version: 1, conditions: { accountId: ownAccount }, actions: { categoryId: ownCategory } });
  });
});

describe('a category that a rule sets', () => {
  it('is not deleted from under the rule: the delete is refused, or moves the rule with ?reassignTo', async () => {
    const doomed = await newCategory(caller, 'Doomed');
    const created = await call('POST', '/rules', { token: caller.accessToken, body: rule({ descriptionContains: 'bakery' }, { categoryId: doomed }) });
    expect(created.status, created.text).toBe(201);

    const refused = await call('DELETE', `/categories/${doomed}`, { token: caller.accessToken, headers: { 'if-match': '"1"' } });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.ruleIds).toEqual([created.body.id]);

    const moved = await call('DELETE', `/categories/${doomed}?reassignTo=${ownCategory}`, { token: caller.accessToken, headers: { 'if-match': '"1"' } });
    expect(moved.status, moved.text).toBe(204);
    const ruleNow = (await call('GET', '/rules', { token: caller.accessToken })).body.items.find((r: { id: string }) => r.id === created.body.id);
    expect(ruleNow.actions.categoryId).toBe(ownCategory);

    // A matching transaction is recorded, in the category the rule now sets.
    const tx = await call('POST', '/transactions', { token: caller.accessToken, body: { type: 'expense', amount: 350, currency: 'EUR', date: '2026-11-02', description: 'Bakery Miller', accountId: ownAccount } });
    expect(tx.status, tx.text).toBe(201);
    expect(tx.body.categoryId).toBe(ownCategory);
  });
});
