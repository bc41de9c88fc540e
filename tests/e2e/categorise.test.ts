import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, newUser, type TestUser } from '../support/api';

/**
 * Learned categorisation over HTTP against the local cloud: the built-in prior before any learning, learning from the
 * user's own categories (through the stream and the `categoriser` consumer), learning from a correction, never
 * overriding the user, rules winning, and the confidence on every model-set category.
 */
interface Tx {
  id: string;
  version: number;
  categoryId: string | null;
  categorySource: 'user' | 'rule' | 'model' | 'import' | null;
  categoryConfidence: number | null;
}

let u: TestUser;
const categories = new Map<string, string>();

beforeAll(async () => {
  u = await newUser('Categoriser');
  for (const name of ['Climbing', 'Boardgames', 'Tabletop']) {
    const c = await call<{ id: string }>('POST', '/categories', { token: u.accessToken, body: { name, kind: 'expense' } });
    expect(c.status, c.text).toBe(201);
    categories.set(name, c.body.id);
  }
});

const cat = (name: string) => categories.get(name) as string;

async function record(description: string, extra: Record<string, unknown> = {}, amount = 2500): Promise<Tx> {
  const r = await call<Tx>('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount, currency: 'EUR', date: '2024-05-10', description, ...extra } });
  expect(r.status, r.text).toBe(201);
  return r.body;
}

async function patch(t: Tx, body: Record<string, unknown>): Promise<Tx> {
  const r = await call<Tx>('PATCH', `/transactions/${t.id}`, { token: u.accessToken, body, headers: { 'if-match': `"${t.version}"` } });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

/** Records `description` until the model answers `categoryId` for it (the consumer learns asynchronously). */
async function predictedAs(description: string, categoryId: string): Promise<Tx> {
  return eventually(
    async () => {
      const t = await record(description);
      return t.categorySource === 'model' && t.categoryId === categoryId ? t : undefined;
    },
    30_000,
    `"${description}" predicted as ${categoryId}`,
  );
}

describe('learned categorisation', () => {
  it('before it has learned anything, a built-in prior fills common merchants into the default categories', async () => {
    const t = await record('NETFLIX.COM 866-579-7172 CA');
    expect(t).toMatchObject({ categoryId: 'entertainment.streaming', categorySource: 'model' });
    expect(t.categoryConfidence).toBeGreaterThanOrEqual(0.9);
    const unknown = await record('Qzxv Wrpt Llc 4471');
    expect(unknown).toMatchObject({ categoryId: null, categorySource: null, categoryConfidence: null });
  });

  it('learns the user’s own categories and fills them with a confidence in 0..1', async () => {
    for (const d of ['KLETTERWERK BOULDERHALLE', 'Kletterwerk Boulderhalle Eintritt', 'KLETTERWERK 10ER KARTE']) {
      const t = await record(d, { categoryId: cat('Climbing') });
      expect(t).toMatchObject({ categoryId: cat('Climbing'), categorySource: 'user', categoryConfidence: null });
    }
    const t = await predictedAs('Kletterwerk Boulderhalle', cat('Climbing'));
    expect(t.categoryConfidence).toBeGreaterThan(0);
    expect(t.categoryConfidence).toBeLessThanOrEqual(1);
    const read = await call<Tx>('GET', `/transactions/${t.id}`, { token: u.accessToken });
    expect(read.body).toMatchObject({ categoryId: cat('Climbing'), categorySource: 'model', categoryConfidence: t.categoryConfidence });
  });

  it('re-predicts a model-set category when its description changes, and clears it when unsure', async () => {
    const t = await predictedAs('Kletterwerk Boulderhalle Abend', cat('Climbing'));
    const changed = await patch(t, { description: 'Qzxv Wrpt Unknown' });
    expect(changed).toMatchObject({ categoryId: null, categorySource: null, categoryConfidence: null });
  });

  it('learns from a correction: the corrected label replaces the old one', async () => {
    const first = await record('SPIELWELT MEEPLE SHOP', { categoryId: cat('Boardgames') });
    const guessed = await predictedAs('Spielwelt Meeple Shop', cat('Boardgames'));
    // The user corrects the model's guess and their own earlier choice: Boardgames has nothing left to learn from.
    const corrected = await patch(guessed, { categoryId: cat('Tabletop') });
    expect(corrected).toMatchObject({ categoryId: cat('Tabletop'), categorySource: 'user', categoryConfidence: null });
    await patch(first, { categoryId: cat('Tabletop') });
    await predictedAs('SPIELWELT MEEPLE', cat('Tabletop'));
  });

  it('never overrides a category the user chose, at creation or when the description changes', async () => {
    const mine = await record('Kletterwerk Boulderhalle', { categoryId: cat('Tabletop') });
    expect(mine).toMatchObject({ categoryId: cat('Tabletop'), categorySource: 'user' });
    const renamed = await patch(mine, { description: 'KLETTERWERK BOULDERHALLE 2' });
    expect(renamed).toMatchObject({ categoryId: cat('Tabletop'), categorySource: 'user' });
  });

  it('lets rules win over the model', async () => {
    const rule = await call('POST', '/rules', { token: u.accessToken, body: { name: 'Climbing is fitness', conditions: { descriptionContains: 'kletterwerk' }, actions: { categoryId: 'health.fitness' } } });
    expect(rule.status, rule.text).toBe(201);
    const t = await record('Kletterwerk Boulderhalle');
    expect(t).toMatchObject({ categoryId: 'health.fitness', categorySource: 'rule', categoryConfidence: null });
    await call('DELETE', `/rules/${(rule.body as { id: string }).id}`, { token: u.accessToken, headers: { 'if-match': '"1"' } });
  });
});
