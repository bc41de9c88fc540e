import { describe, expect, it } from 'vitest';
import { call, newUser, type Answer, type TestUser } from '../../support/api';

/**
 * Attack: savings goals under racing writes. Creates racing the last free places of the cap (50) leave exactly the
 * cap; contributions racing on one goal are each counted exactly once (none lost to a lost update, none twice);
 * a flood of contributions over many months leaves the goal item bounded and its total exact.
 */
const CAP = 50;
const createGoal = (u: TestUser, i: number): Promise<Answer> => call('POST', '/goals', { token: u.accessToken, body: { name: `Goal ${i}`, targetAmount: 1_000 + i } });
const contribute = (u: TestUser, id: string, amount: number, date: string): Promise<Answer> => call('POST', `/goals/${id}/contributions`, { token: u.accessToken, body: { amount, date } });

describe('attack: goals', () => {
  it('lets exactly the cap of goals exist when creates race past it, and frees a place on delete', { timeout: 120_000 }, async () => {
    const u = await newUser();
    for (let i = 0; i < CAP - 5; i += 5) await Promise.all([0, 1, 2, 3, 4].map((k) => createGoal(u, i + k).then((r) => expect(r.status, r.text).toBe(201))));
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => createGoal(u, 1_000 + i)));
    const refused = answers.filter((r) => r.status !== 201);
    expect(answers.length - refused.length).toBe(5);
    for (const r of refused) expect(r.body).toMatchObject({ type: '/docs#problem-limit-exceeded', status: 409, limit: 'goals', max: CAP });
    const { items } = (await call('GET', '/goals', { token: u.accessToken })).body as { items: { id: string; version: number }[] };
    expect(items).toHaveLength(CAP);
    const first = items[0] as { id: string; version: number };
    expect((await call('DELETE', `/goals/${first.id}`, { token: u.accessToken, headers: { 'if-match': `"${first.version}"` } })).status).toBe(204);
    expect((await createGoal(u, 5_000)).status).toBe(201);
    expect((await createGoal(u, 5_001)).status).toBe(409);
  });

  it('counts each of 16 racing contributions exactly once', { timeout: 60_000 }, async () => {
    const u = await newUser();
    const goal = (await createGoal(u, 1)).body as { id: string };
    const today = new Date().toISOString().slice(0, 10);
    const amounts = Array.from({ length: 16 }, (_, i) => 2 ** i); // each subset has its own sum
    const answers = await Promise.all(amounts.map((a) => contribute(u, goal.id, a, today)));
    for (const r of answers) expect([201, 409], r.text).toContain(r.status);
    const accepted = amounts.filter((_, i) => answers[i]?.status === 201);
    expect(accepted.length).toBeGreaterThan(0);
    const read = (await call('GET', `/goals/${goal.id}`, { token: u.accessToken })).body;
    expect(read).toMatchObject({ saved: accepted.reduce((s, a) => s + a, 0), contributionCount: accepted.length, version: 1 + accepted.length });
  });

  it('keeps a goal bounded after contributions over 150 months, with its total exact', { timeout: 120_000 }, async () => {
    const u = await newUser();
    const goal = (await createGoal(u, 2)).body as { id: string };
    const dates = Array.from({ length: 150 }, (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-15`);
    // One after another: racing writes are the previous test's subject.
    for (const d of dates) expect((await contribute(u, goal.id, 1_000, d)).status).toBe(201);
    const read = await call('GET', `/goals/${goal.id}`, { token: u.accessToken });
    expect(read.body).toMatchObject({ saved: 150_000, contributionCount: 150, version: 151 });
    expect(read.body.recentContributions).toHaveLength(20);
    expect(read.text.length).toBeLessThan(16_000);
  });
});
