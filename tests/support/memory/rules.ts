import type { RuleRecord } from '../../../shared/adapters/rules';
import type * as Adapter from '../../../shared/adapters/rules';

/** In-memory rules with version-conditional writes. `vi.mock('…/shared/adapters/rules', () => import('…/memory/rules'))`. */
export const memory = {
  rules: new Map<string, RuleRecord>(),
  reset(userId = 'u1', records: RuleRecord[] = []): void {
    this.rules = new Map(records.map((r) => [`${userId}/${r.id}`, structuredClone(r)]));
  },
};

export async function listRules(userId: string): Promise<RuleRecord[]> {
  return [...memory.rules.entries()]
    .filter(([k]) => k.startsWith(`${userId}/`))
    .map(([, r]) => structuredClone(r))
    .sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
}

export async function getRule(userId: string, id: string): Promise<RuleRecord | undefined> {
  const r = memory.rules.get(`${userId}/${id}`);
  return r && structuredClone(r);
}

export async function putRule(userId: string, rule: RuleRecord, expectedVersion?: number): Promise<boolean> {
  const current = memory.rules.get(`${userId}/${rule.id}`);
  if (expectedVersion === undefined ? current !== undefined : current?.version !== expectedVersion) return false;
  memory.rules.set(`${userId}/${rule.id}`, structuredClone(rule));
  return true;
}

export async function deleteRule(userId: string, id: string, expectedVersion: number): Promise<boolean> {
  if (memory.rules.get(`${userId}/${id}`)?.version !== expectedVersion) return false;
  return memory.rules.delete(`${userId}/${id}`);
}

export async function storeRuleProgram(userId: string, rule: Pick<RuleRecord, 'id' | 'version'> & { pattern: string }, program: string): Promise<boolean> {
  const current = memory.rules.get(`${userId}/${rule.id}`) as (RuleRecord & { patternProgram?: string }) | undefined;
  if (!current || current.version !== rule.version || current.conditions.descriptionRegex !== rule.pattern || current.patternProgram !== undefined) return false;
  current.patternProgram = program;
  return true;
}

/** Compile-time proof that the in-memory rules match the adapter's signatures. */
export const rulesMemoryMatchesAdapter: typeof Adapter = { listRules, getRule, putRule, deleteRule, storeRuleProgram };
