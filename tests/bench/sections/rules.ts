import { applyRules, clearPatternCache, compilePattern, compileRules, RULE_LIMITS, type Rule, type RuleSubject } from '../../../shared/domain/rules';
import { TRANSACTION_LIMITS } from '../../../shared/domain/ledger/transaction';
import { load } from '../lib/http';
import { fmt, heading, median, percentile, printFigures, round, table, type Figure } from '../lib/report';
import { MERCHANTS } from '../lib/seed';
import type { SectionContext, SectionOutput } from './context';

/**
 * `rules`: what a user's rules cost per transaction write. The user has the most rules allowed
 * (RULE_LIMITS.maxRules), every one a pattern of the worst shape we can construct within the pattern limits,
 * against the same number of plain `descriptionContains` rules. Measured in the domain (compile the rules as a
 * request does, then apply them to one description; and apply compiled rules to many, as preview and imports do)
 * and end to end (POST /transactions on the local cloud). Target: worst ≤ 3× plain.
 */

const MAX = TRANSACTION_LIMITS.maxDescriptionLength;
const REQUESTS = 300;
const BATCH = 1000;
const E2E_REQUESTS = 120;

/** Worst-shape pattern families; `n` grows the program, `i` makes each rule's pattern distinct (no sharing). */
const FAMILIES: { name: string; make: (n: number, i: number) => string; sizes: number[] }[] = [
  { name: '(a|\\w)+$ (exponential on backtracking)', make: (_n, i) => `(a|\\w)+$|q${i}`, sizes: [0] },
  { name: '.{n}x (n threads alive)', make: (n, i) => `.{${n}}x${i}`, sizes: [60, 120, 240] },
  { name: '[a-z\\d]{1,n}!', make: (n, i) => `[a-z\\d]{1,${n}}!${i}`, sizes: [30, 60, 120] },
  { name: '\\w{1,n}\\W', make: (n, i) => `\\w{1,${n}}\\W${i}`, sizes: [30, 60, 120] },
  { name: '[^!]{1,n}!!', make: (n, i) => `[^!]{1,${n}}!!${i}`, sizes: [30, 60, 120] },
  { name: '(?:\\w+\\s?){1,n}z', make: (n, i) => `(?:\\w+\\s?){1,${n}}z${i}`, sizes: [12, 24, 48] },
  { name: '(.{5}a){n}z', make: (n, i) => `(.{5}a){${n}}z${i}`, sizes: [5, 10, 20] },
  { name: '[\\p{L}\\d]{1,4}[\\p{L}\\d]+! (Unicode classes)', make: (_n, i) => `[\\p{L}\\d]{1,4}[\\p{L}\\d]+!${i}`, sizes: [0] },
  {
    name: 'list of 26 shop names (everyday, large)',
    make: (_n, i) => `rewe|lidl|edeka|aldi süd|whole foods|trader joe|kaufland|netto|penny|real|globus|tegut|norma|famila|combi|marktkauf|hit|bünting|sky|konsum|nahkauf|denns|alnatura|basic|bio company|s${i}`,
    sizes: [0],
  },
];

function rule(i: number, conditions: Rule['conditions']): Rule {
  return { id: `r${String(i).padStart(4, '0')}`, name: `Rule ${i}`, priority: i, conditions, actions: { tags: [`t${i % 50}`] }, enabled: true };
}

/** Plain rules: merchant words, a few of which occur in the descriptions. */
function plainRules(count: number): Rule[] {
  return Array.from({ length: count }, (_, i) => rule(i, { descriptionContains: i % 10 === 0 ? (MERCHANTS[i % MERCHANTS.length] ?? 'shop') : `merchant ${i} gmbh` }));
}

function worstRules(count: number, make: (i: number) => string): Rule[] {
  return Array.from({ length: count }, (_, i) => rule(i, { descriptionRegex: make(i) }));
}

/** Realistic descriptions of every length up to the maximum, and adversarial ones at the maximum. */
function descriptions(): string[] {
  const out: string[] = [];
  for (let k = 0; k < 40; k++) {
    const m = MERCHANTS[k % MERCHANTS.length] ?? 'Shop';
    let d = `${m.toUpperCase()} ${1000 + k} BERLIN DE card 4921 ref ${k * 7919}`;
    const target = [30, 80, 200, MAX][k % 4] ?? MAX;
    while (d.length < target) d += ` SEPA-LASTSCHRIFT Mandat M${k}-${d.length} Gläubiger DE98ZZZ09999999999 End-to-End ${k}`;
    out.push(d.slice(0, target));
  }
  out.push(`${'a'.repeat(MAX - 1)}!`, 'x'.repeat(MAX), `${'ab '.repeat(MAX / 3)}`.slice(0, MAX), `${'aaaaa!'.repeat(MAX / 6)}`.slice(0, MAX), `${'é1 '.repeat(MAX / 3)}`.slice(0, MAX));
  return out;
}

const subject = (description: string): RuleSubject => ({ description, amount: 1234, currency: 'EUR', type: 'expense', accountId: 'acct' });

/**
 * Median ms of: compile the rules as one request does, then apply them to one description. `cold` empties the
 * process's cache of compiled patterns first (a function's first request); otherwise it is a warm function's.
 */
function perRequest(rules: Rule[], texts: string[], runs: number, cold = true): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    if (cold) clearPatternCache();
    const t = performance.now();
    applyRules(subject(texts[r % texts.length] ?? ''), compileRules(rules));
    times.push(performance.now() - t);
  }
  return median(times);
}

/** µs per transaction when compiled rules are applied to many (preview, imports). */
function perTransaction(rules: Rule[], texts: string[], count: number): number {
  const compiled = compileRules(rules);
  const t = performance.now();
  for (let k = 0; k < count; k++) applyRules(subject(texts[k % texts.length] ?? ''), compiled);
  return ((performance.now() - t) * 1000) / count;
}

export async function rules(ctx: SectionContext): Promise<SectionOutput> {
  const count = RULE_LIMITS.maxRules;
  heading(`rules — ${count} rules per user: worst patterns against plain contains, per transaction`);
  const texts = descriptions();
  const plain = plainRules(count);
  const notes: string[] = [];

  // Warm-up (JIT), not counted.
  perRequest(plain, texts, 50);
  perRequest(worstRules(count, (i) => `(a|\\w)+$|q${i}`), texts, 20);

  // Find the worst family and size within the limits.
  const rows: (string | number)[][] = [];
  let worst = { name: '', make: (i: number) => String(i), ms: 0, steps: 0, running: 0 };
  for (const f of FAMILIES) {
    for (const n of f.sizes) {
      const make = (i: number) => f.make(n, i);
      const first = compilePattern(make(0));
      if (!first.ok) {
        rows.push([f.name, n, 'refused', first.problem.slice(0, 60), '']);
        continue;
      }
      const set = worstRules(count, make);
      const compiled = compileRules(set);
      const running = compiled.rules.filter((r) => r.regex).length;
      const ms = perRequest(set, texts, 30);
      rows.push([f.name, n, first.pattern.programSize, running, `${fmt(ms, 2)} ms`]);
      if (ms > worst.ms) worst = { name: `${f.name}, n=${n}`, make, ms, steps: first.pattern.programSize, running };
    }
  }
  console.log('\nsearch for the worst pattern (compile + apply, one description, median):');
  table(['family', 'n', 'program size', 'patterns that run', 'per request'], rows);

  const worstSet = worstRules(count, worst.make);
  const plainRequest = perRequest(plain, texts, REQUESTS);
  const worstRequest = perRequest(worstSet, texts, REQUESTS);
  perRequest(plain, texts, 5, false);
  const plainWarm = perRequest(plain, texts, REQUESTS, false);
  perRequest(worstSet, texts, 5, false);
  const worstWarm = perRequest(worstSet, texts, REQUESTS, false);
  const plainBatch = perTransaction(plain, texts, BATCH);
  const worstBatch = perTransaction(worstSet, texts, BATCH);
  const figures: Figure[] = [
    { name: 'domain, cold function: plain contains (compile + apply)', value: plainRequest, unit: 'ms', digits: 2 },
    { name: 'domain, cold function: worst patterns (compile + apply)', value: worstRequest, unit: 'ms', digits: 2, note: worst.name },
    { name: 'domain, cold function: worst / plain', value: worstRequest / plainRequest, unit: '×', note: 'first request after a cold start: every pattern compiled' },
    { name: 'domain, warm function: plain contains per request', value: plainWarm, unit: 'ms', digits: 3 },
    { name: 'domain, warm function: worst patterns per request', value: worstWarm, unit: 'ms', digits: 3, note: 'compiled patterns cached by the process' },
    { name: 'domain, warm function: worst / plain', value: worstWarm / plainWarm, unit: '×', target: { op: '<=', value: 3, unit: '×' } },
    { name: 'domain, compiled once: plain contains per tx', value: plainBatch, unit: 'µs', digits: 1 },
    { name: 'domain, compiled once: worst patterns per tx', value: worstBatch, unit: 'µs', digits: 1, note: 'preview and imports' },
    { name: 'domain, compiled once: worst / plain', value: worstBatch / plainBatch, unit: '×', target: { op: '<=', value: 3, unit: '×' } },
  ];
  notes.push(`worst pattern: ${worst.name} (program size ${worst.steps}; ${worst.running} of ${count} patterns run within ${RULE_LIMITS.maxPatternSteps} steps, the rest are reported and never compiled)`);

  // End to end: POST /transactions for a user with the plain rules and one with the worst, interleaved.
  if (ctx.remainingMs() - (ctx.reserveMs?.() ?? 0) > 120_000) {
    const c = await ctx.openCloud('rules');
    try {
      const users = { plain: await c.newUser('rules-plain'), worst: await c.newUser('rules-worst') };
      const seed = async (token: string, set: Rule[]) => {
        const r = await load({
          total: set.length,
          concurrency: 8,
          maxMs: 120_000,
          send: (i) => {
            const x = set[i] as Rule;
            return c.api.call('POST', '/rules', { token, body: { name: x.name, priority: x.priority, conditions: x.conditions, actions: x.actions } });
          },
        });
        if (r.failed) notes.push(`creating rules: ${r.failed} failed ${JSON.stringify(r.failures)}`);
        return r.ok;
      };
      const created = { plain: await seed(users.plain.token, plain), worst: await seed(users.worst.token, worstSet) };
      const post = (which: 'plain' | 'worst', i: number) =>
        c.api.call('POST', '/transactions', {
          token: users[which].token,
          body: { type: 'expense', amount: 100 + i, currency: 'EUR', date: '2024-06-01', description: texts[i % texts.length], accountId: users[which].accountId },
        });
      for (let i = 0; i < 20; i++) await Promise.all([post('plain', i), post('worst', i)]); // warm-up
      const lat = { plain: [] as number[], worst: [] as number[] };
      let failed = 0;
      for (let i = 0; i < E2E_REQUESTS; i++) {
        for (const which of (i % 2 ? ['plain', 'worst'] : ['worst', 'plain']) as ('plain' | 'worst')[]) {
          const r = await post(which, i);
          if (r.status === 201) lat[which].push(r.ms);
          else failed++;
        }
      }
      const p50 = { plain: median(lat.plain), worst: median(lat.worst) };
      figures.push(
        { name: 'POST /transactions p50: plain contains', value: p50.plain, unit: 'ms', note: `${created.plain} rules` },
        { name: 'POST /transactions p50: worst patterns', value: p50.worst, unit: 'ms', note: `${created.worst} rules` },
        { name: 'POST /transactions p90: worst patterns', value: percentile(lat.worst, 90), unit: 'ms' },
        { name: 'POST /transactions p50: worst / plain', value: p50.worst / p50.plain, unit: '×', target: { op: '<=', value: 3, unit: '×' } },
      );
      if (failed) notes.push(`POST /transactions: ${failed} answers other than 201`);
    } finally {
      await ctx.closeCloud(c);
    }
  } else notes.push('end-to-end part skipped: not enough of the time budget left');

  printFigures(figures);
  for (const n of notes) console.log(`note: ${n}`);
  return { figures, notes, details: { rules: count, maxPatternSteps: RULE_LIMITS.maxPatternSteps, worst: { name: worst.name, programSize: worst.steps, running: worst.running }, search: rows.map((r) => r.map((x) => (typeof x === 'number' ? round(x, 2) : x))) } };
}
