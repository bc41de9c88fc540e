import { toExactMinor } from '../../../shared/domain/money/exact';
import { buildReport, renderReportHtml, renderReportText, type ReportInput } from '../../../shared/domain/reports';
import { fmt, heading, median, printFigures, type Figure, type Target } from '../lib/report';
import type { SectionContext, SectionOutput } from './context';

/**
 * `reports`: the CPU one user's report costs to render — what `send-report` does per user after its reads, and
 * `GET /reports/monthly` per request: build the content, its JSON, the HTML part and the text part. Measured in
 * this process in CPU time (what a Lambda pays for), per report, against a baseline in the same run:
 * `JSON.stringify` of the same input figures.
 */

const REPORTS = 200;
const TARGET: Target = { op: '<=', value: 50, unit: 'ms' };

const money = (n: number) => toExactMinor(BigInt(n));

/** A demo-sized monthly report (the demo user's twelve multi-currency months): every section filled. */
export function demoReportInput(seed: number): ReportInput {
  const pick = (i: number, span: number) => ((i + 1) * 7919 + seed * 104_729) % span;
  return {
    kind: 'monthly',
    period: { from: '2026-10-01', to: '2026-10-31', label: '2026-10' },
    baseCurrency: 'EUR',
    name: `Demo <user> ${seed}`,
    totals: { income: money(420_000), expenses: money(310_000 + pick(0, 50_000)), net: money(110_000 - pick(0, 50_000)) },
    previous: { label: '2026-09', income: money(420_000), expenses: money(295_000), net: money(125_000) },
    categories: Array.from({ length: 18 }, (_, i) => ({ name: `Category ${i} & co`, amount: money(1_000 + pick(i, 60_000)) })),
    budgets: Array.from({ length: 8 }, (_, i) => ({ name: `Budget ${i}`, spent: money(pick(i, 40_000)), available: money(40_000 - pick(i, 40_000)), percentUsed: pick(i, 120), status: i % 3 === 0 ? 'over' : 'on-track' })),
    goals: Array.from({ length: 4 }, (_, i) => ({ name: `Goal ${i}`, saved: money(pick(i, 500_000)), targetAmount: money(500_000), currency: 'EUR', percent: pick(i, 100), status: 'on-track' })),
    alerts: Array.from({ length: 12 }, (_, i) => ({ title: `Alert ${i}`, message: `Spending in Category ${i} is ${pick(i, 90)} % above its usual level <b>this</b> month.`, severity: i % 4 === 0 ? 'warning' : 'info', createdAt: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z` })),
    advice: Array.from({ length: 7 }, (_, i) => ({ title: `Advice ${i}`, message: `Cutting Category ${i} by ${pick(i, 50)} EUR a month would fund Goal ${i % 4} on time.` })),
    health: { score: 72, change: -4 },
  };
}

/** Everything one report's rendering does: content, its JSON, the HTML and text parts (with an unsubscribe link). */
function renderOne(input: ReportInput): number {
  const content = buildReport(input);
  const json = JSON.stringify(content);
  const link = 'https://api.example.com/reports/unsubscribe?token=abc';
  return json.length + renderReportHtml(content, link).length + renderReportText(content, link).length;
}

/** CPU ms of `work` over `inputs`, and a checksum so nothing is optimised away. */
function cpu(inputs: readonly ReportInput[], work: (i: ReportInput) => number): { ms: number; sum: number } {
  const c0 = process.cpuUsage();
  let sum = 0;
  for (const input of inputs) sum += work(input);
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, sum };
}

export async function reports(_ctx: SectionContext): Promise<SectionOutput> {
  heading(`reports — CPU of rendering one user's report (content, JSON, HTML and text parts), ${REPORTS} demo-sized reports`);
  const inputs = Array.from({ length: REPORTS }, (_, i) => demoReportInput(i));
  // Warm-up (JIT), not counted.
  cpu(inputs.slice(0, 50), renderOne);
  cpu(inputs.slice(0, 50), (i) => JSON.stringify(i).length);
  const render = median([1, 2, 3].map(() => cpu(inputs, renderOne).ms)) / REPORTS;
  const baseline = median([1, 2, 3].map(() => cpu(inputs, (i) => JSON.stringify(i).length).ms)) / REPORTS;
  const bytes = renderOne(inputs[0] ?? demoReportInput(0));
  const figures: Figure[] = [
    { name: 'reports: render one report (content + JSON + HTML + text)', value: render, unit: 'ms CPU', digits: 3, target: TARGET },
    { name: 'reports: JSON.stringify of the same figures (baseline)', value: baseline, unit: 'ms CPU', digits: 3 },
    { name: 'reports: render / baseline', value: baseline > 0 ? render / baseline : Number.NaN, unit: '×', digits: 1 },
  ];
  printFigures(figures);
  return { figures, notes: [`One demo-sized report (${fmt(bytes / 1024, 0)} KB of JSON, HTML and text) renders in ${fmt(render, 2)} ms of CPU (target ≤ 50 ms), ${fmt(render / baseline, 0)}× a JSON.stringify of its figures.`] };
}
