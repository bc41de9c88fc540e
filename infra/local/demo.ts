/**
 * Demo data for `npm start -- --demo`. Everything goes through the public API, as a client would do it, so the
 * demo exercises the same paths as real use. Each step is idempotent: a restart with --demo changes nothing.
 *
 * Extend it here (accounts, transactions, budgets…) as features arrive.
 */
import type { LocalCloud } from './cloud';

export const DEMO_USER = { email: 'demo@tally.local', password: 'DemoTally2024pass', name: 'Demo User' } as const;

async function registerDemoUser(cloud: Pick<LocalCloud, 'apiUrl'>): Promise<'created' | 'existed'> {
  const r = await fetch(`${cloud.apiUrl}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_USER),
  });
  if (r.status === 201 || r.status === 200) return 'created';
  if (r.status === 409) return 'existed';
  throw new Error(`Registering the demo user failed (${r.status}): ${await r.text()}`);
}

/** Loads the demo data into a running local cloud. */
export async function loadDemo(cloud: Pick<LocalCloud, 'apiUrl'>): Promise<void> {
  const user = await registerDemoUser(cloud);
  console.log(`Demo user ${DEMO_USER.email} / ${DEMO_USER.password} (${user}).`);
}
