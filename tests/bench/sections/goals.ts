import { goalProgress, type MonthFlow } from '../../../shared/domain/goals';
import { fmt, heading, median, printFigures, table, type Figure } from '../lib/report';
import type { SectionContext, SectionOutput } from './context';

/**
 * `goals`: what a goal's progress costs to compute on read (GET /goals answers up to 50 of them, the alerts consumer
 * reads them on every ledger event). The cost is the feasibility: a seeded bootstrap of 10,000 sums up to 36 months
 * left, an Edgeworth-corrected normal approximation beyond, remembered by its exact inputs for warm re-reads.
 * Measured in this process in CPU time (the machine may be shared; CPU time is what a Lambda pays for), against a
 * baseline measured in the same run: the same goal without a target date (no feasibility to compute).
 */

const GOALS = 50;

/** Twelve skewed months of flow (a few expensive months), different per goal. */
function history(g: number): MonthFlow[] {
  return Array.from({ length: 12 }, (_, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, amount: BigInt(40_000 + ((i * 7919 + g * 104_729) % 30_000) - (i % 4 === 0 ? 35_000 : 0)) }));
}

/** CPU ms of computing the progress of `count` goals as of `asOf` (ids from `run`, so answers are not remembered unless `same`). */
function cpuMs(count: number, targetDate: string | null, run: string, asOf = '2025-01-15'): number {
  const c0 = process.cpuUsage();
  for (let g = 0; g < count; g++) {
    goalProgress({ goalId: `${run}-${g}`, targetAmount: 5_000_000, targetDate, saved: 100_000n, asOf, history: history(g), source: 'contributions' });
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

export async function goals(_ctx: SectionContext): Promise<SectionOutput> {
  heading(`goals — progress of ${GOALS} goals on read (feasibility by seeded bootstrap / normal approximation)`);
  // Warm-up (JIT), not counted.
  cpuMs(GOALS, '2027-06-30', 'warm');

  const cases: [string, string | null][] = [
    ['no target date (baseline)', null],
    ['12 months left (bootstrap)', '2025-12-31'],
    ['24 months left (bootstrap)', '2026-12-31'],
    ['36 months left (bootstrap, worst)', '2027-12-31'],
    ['37 months left (normal + skewness)', '2028-01-31'],
    ['120 months left (normal + skewness)', '2034-12-31'],
  ];
  const rows: (string | number)[][] = [];
  const results = new Map<string, number>();
  let run = 0;
  for (const [name, date] of cases) {
    const cold = median([1, 2, 3].map(() => cpuMs(GOALS, date, `r${run++}`)));
    const id = `same-${run++}`;
    cpuMs(GOALS, date, id);
    const warm = median([1, 2, 3].map(() => cpuMs(GOALS, date, id)));
    results.set(name, cold);
    results.set(`${name} warm`, warm);
    rows.push([name, `${fmt(cold, 1)} ms`, `${fmt(cold / GOALS, 2)} ms`, `${fmt(warm, 1)} ms`]);
  }
  console.log(`\nCPU time for ${GOALS} goals (median of 3; warm = the same goals and figures again, answers remembered):`);
  table(['months left', `${GOALS} goals, cold`, 'per goal', `${GOALS} goals, warm`], rows);

  const base = results.get('no target date (baseline)') ?? 0;
  const worst = results.get('36 months left (bootstrap, worst)') ?? 0;
  const worstWarm = results.get('36 months left (bootstrap, worst) warm') ?? 0;
  const figures: Figure[] = [
    { name: `goals: ${GOALS} goals, no target date (baseline)`, value: base, unit: 'ms CPU', digits: 1 },
    { name: `goals: ${GOALS} goals at the bootstrap's worst (36 months), cold`, value: worst, unit: 'ms CPU', digits: 1 },
    { name: 'goals: worst cold / baseline', value: base > 0 ? worst / base : Number.NaN, unit: '×', digits: 1 },
    { name: 'goals: worst warm / baseline', value: base > 0 ? worstWarm / base : Number.NaN, unit: '×', digits: 2, note: 'answers remembered by their exact inputs' },
  ];
  printFigures(figures);
  return { figures, notes: [`${GOALS} goals at 36 months left cost ${fmt(worst, 0)} ms of CPU cold (${fmt(worst / GOALS, 1)} ms a goal), ${fmt(worstWarm, 1)} ms warm.`] };
}
