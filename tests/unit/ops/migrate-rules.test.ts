import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../../shared/domain/rules';
import { migrateRules, type MigrateRulesDeps, type StoredRuleView } from '../../../infra/ops/migrate-rules';

/** In-memory users and rules; `storeProgram` behaves as the adapter's conditional write. */
function memory(rules: Record<string, StoredRuleView[]>, pageSize = 2): MigrateRulesDeps & { writes: string[] } {
  const writes: string[] = [];
  return {
    writes,
    users: async function* () {
      const ids = Object.keys(rules);
      for (let i = 0; i < ids.length; i += pageSize) yield ids.slice(i, i + pageSize);
    },
    listRules: async (userId) => structuredClone(rules[userId] ?? []),
    storeProgram: async (userId, rule, program) => {
      const stored = rules[userId]?.find((r) => r.id === rule.id);
      if (!stored || stored.version !== rule.version || stored.conditions.descriptionRegex !== rule.pattern || stored.patternProgram !== undefined) return false;
      stored.patternProgram = program;
      writes.push(`${userId}/${rule.id}`);
      return true;
    },
  };
}

const legacy = (id: string, pattern: string, version = 1): StoredRuleView => ({ id, version, conditions: { descriptionRegex: pattern } });

describe('migrateRules', () => {
  it('stores, for every user page by page, the program saving compiles for each pattern rule without one', async () => {
    const rules = {
      u1: [legacy('a', 'coff?ee'), { id: 'plain', version: 1, conditions: {} }],
      u2: [{ ...legacy('b', 'tea'), patternProgram: (compilePattern('tea') as { program: string }).program }],
      u3: [legacy('c', '^rent\\b', 4)],
    };
    const deps = memory(rules);

    const result = await migrateRules(deps);

    expect(result).toEqual({ users: 3, missing: 2, stored: 2, changedMeanwhile: 0, refused: [] });
    expect(deps.writes).toEqual(['u1/a', 'u3/c']);
    expect(rules.u1[0]?.patternProgram).toBe((compilePattern('coff?ee') as { program: string }).program);
    expect(rules.u1[1]).not.toHaveProperty('patternProgram');
    expect(await migrateRules(deps)).toMatchObject({ missing: 0, stored: 0 });
  });

  it('reports a pattern RE2 refuses and leaves it unchanged; a dry run writes nothing', async () => {
    const rules = { u1: [legacy('backref', '(a)\\1'), legacy('ok', 'bakery')] };
    const deps = memory(rules);

    const dry = await migrateRules(deps, { dryRun: true });
    const run = await migrateRules(deps);

    expect(dry).toMatchObject({ missing: 2, stored: 0, refused: [{ userId: 'u1', ruleId: 'backref', problem: expect.stringMatching(/back-references/) }] });
    expect(run).toMatchObject({ missing: 2, stored: 1, refused: [{ ruleId: 'backref' }] });
    expect(rules.u1[0]).not.toHaveProperty('patternProgram');
  });

  it('leaves a rule edited since it was read to its new save', async () => {
    const rules = { u1: [legacy('a', 'coffee')] };
    const deps = memory(rules);
    const read = deps.listRules;
    // The owner saves the rule between the read and the write.
    deps.listRules = async (userId) => {
      const seen = await read(userId);
      rules.u1[0] = { ...legacy('a', 'tea', 2), patternProgram: (compilePattern('tea') as { program: string }).program };
      return seen;
    };

    const result = await migrateRules(deps);

    expect(result).toMatchObject({ missing: 1, stored: 0, changedMeanwhile: 1 });
    expect(rules.u1[0]?.conditions.descriptionRegex).toBe('tea');
  });
});
