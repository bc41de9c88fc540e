import { exponentOf } from '../money';
import { bigOf, toExactMinor, type ExactMinor } from '../money/exact';
import { escapeHtml } from '../emails/layout';

/** How many expense categories a report lists (with bars). */
export const TOP_CATEGORIES = 5;

/** Income, expenses and net of a period, in base minor units. */
export interface ReportFlows {
  readonly income: ExactMinor;
  readonly expenses: ExactMinor;
  readonly net: ExactMinor;
}

/** What a report is built from: figures already read by the use case (no I/O here). */
export interface ReportInput {
  readonly kind: 'weekly' | 'monthly';
  /** The period the report is about, inclusive `YYYY-MM-DD` bounds, and a label such as `2026-10`. */
  readonly period: { readonly from: string; readonly to: string; readonly label: string };
  readonly baseCurrency: string;
  readonly name: string | null;
  readonly totals: ReportFlows;
  readonly previous: ReportFlows & { readonly label: string };
  /** Expense categories (top level), any order. */
  readonly categories: readonly { readonly name: string; readonly amount: ExactMinor }[];
  readonly budgets: readonly { readonly name: string; readonly spent: ExactMinor; readonly available: ExactMinor; readonly percentUsed: number | null; readonly status: string }[];
  readonly goals: readonly { readonly name: string; readonly saved: ExactMinor; readonly targetAmount: ExactMinor; readonly currency: string; readonly percent: number; readonly status: string }[];
  readonly alerts: readonly { readonly title: string; readonly message: string; readonly severity: string; readonly createdAt: string }[];
  readonly advice: readonly { readonly title: string; readonly message: string }[];
  readonly health: { readonly score: number | null; readonly change: number | null } | null;
}

/** The report as JSON (`GET /reports/monthly?format=json`) and the source of both email parts. */
export interface ReportContent {
  readonly kind: 'weekly' | 'monthly';
  readonly period: { readonly from: string; readonly to: string; readonly label: string };
  readonly baseCurrency: string;
  readonly name: string | null;
  readonly totals: ReportFlows;
  readonly previous: ReportFlows & { readonly label: string };
  /** This period minus the previous one. */
  readonly change: ReportFlows;
  /** At most {@link TOP_CATEGORIES}, amount descending; `share` of the period's expenses in percent (1 decimal). */
  readonly topCategories: readonly { readonly name: string; readonly amount: ExactMinor; readonly share: number }[];
  readonly budgets: ReportInput['budgets'];
  readonly goals: ReportInput['goals'];
  readonly alerts: ReportInput['alerts'];
  readonly advice: ReportInput['advice'];
  readonly health: ReportInput['health'];
}

const flowsMinus = (a: ReportFlows, b: ReportFlows): ReportFlows => ({
  income: toExactMinor(bigOf(a.income) - bigOf(b.income)),
  expenses: toExactMinor(bigOf(a.expenses) - bigOf(b.expenses)),
  net: toExactMinor(bigOf(a.net) - bigOf(b.net)),
});

/** Percent `part / whole` with one decimal, 0 when `whole` is 0; exact on BigInt. */
function percentOf(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  return Number((part * 1000n) / whole) / 10;
}

/** Builds the report content from its figures: change against the previous period and the top categories. */
export function buildReport(input: ReportInput): ReportContent {
  const expenses = bigOf(input.totals.expenses);
  const topCategories = input.categories
    .map((c) => ({ name: c.name, big: bigOf(c.amount) }))
    .filter((c) => c.big > 0n)
    .sort((a, b) => (a.big === b.big ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.big > b.big ? -1 : 1))
    .slice(0, TOP_CATEGORIES)
    .map((c) => ({ name: c.name, amount: toExactMinor(c.big), share: percentOf(c.big, expenses) }));
  return {
    kind: input.kind,
    period: input.period,
    baseCurrency: input.baseCurrency,
    name: input.name,
    totals: input.totals,
    previous: input.previous,
    change: flowsMinus(input.totals, input.previous),
    topCategories,
    budgets: input.budgets,
    goals: input.goals,
    alerts: input.alerts,
    advice: input.advice,
    health: input.health,
  };
}

/**
 * Integer minor units as a decimal in the currency's exponent with its code (`123456` EUR → `"1234.56 EUR"`,
 * `-5` JPY → `"-5 JPY"`); exact for amounts beyond 2^53 (BigInt).
 */
export function formatMoney(amount: ExactMinor, currency: string): string {
  const value = bigOf(amount);
  const exponent = exponentOf(currency);
  const digits = (value < 0n ? -value : value).toString();
  const sign = value < 0n ? '-' : '';
  if (exponent === 0) return `${sign}${digits} ${currency}`;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)} ${currency}`;
}

const signed = (amount: ExactMinor, currency: string) => (bigOf(amount) > 0n ? '+' : '') + formatMoney(amount, currency);

function titleOf(r: ReportContent): string {
  return `Your ${r.kind} Tally report, ${r.period.label}`;
}

/** The plain-text part: the same figures as the HTML part, one per line. */
export function renderReportText(r: ReportContent, unsubscribeUrl?: string): string {
  const c = r.baseCurrency;
  const out: string[] = [r.name ? `Hello ${r.name},` : 'Hello,', '', `${titleOf(r)} (${r.period.from} to ${r.period.to})`, ''];
  out.push(`Income: ${formatMoney(r.totals.income, c)} (${signed(r.change.income, c)} vs ${r.previous.label})`);
  out.push(`Expenses: ${formatMoney(r.totals.expenses, c)} (${signed(r.change.expenses, c)} vs ${r.previous.label})`);
  out.push(`Net: ${formatMoney(r.totals.net, c)} (${signed(r.change.net, c)} vs ${r.previous.label})`);
  if (r.health && r.health.score !== null) out.push(`Health score: ${r.health.score}${r.health.change !== null ? ` (${r.health.change >= 0 ? '+' : ''}${r.health.change})` : ''}`);
  out.push('', 'Top categories:');
  if (r.topCategories.length === 0) out.push('- No spending recorded in this period.');
  for (const t of r.topCategories) out.push(`- ${t.name}: ${formatMoney(t.amount, c)} (${t.share}%)`);
  if (r.budgets.length > 0) {
    out.push('', 'Budgets:');
    for (const b of r.budgets) out.push(`- ${b.name}: ${formatMoney(b.spent, c)} of ${formatMoney(b.available, c)}${b.percentUsed !== null ? ` (${b.percentUsed}%)` : ''}, ${b.status}`);
  }
  if (r.goals.length > 0) {
    out.push('', 'Goals:');
    for (const g of r.goals) out.push(`- ${g.name}: ${formatMoney(g.saved, g.currency)} of ${formatMoney(g.targetAmount, g.currency)} (${g.percent}%), ${g.status}`);
  }
  if (r.alerts.length > 0) {
    out.push('', 'Alerts:');
    for (const a of r.alerts) out.push(`- ${a.title}: ${a.message}`);
  }
  if (r.advice.length > 0) {
    out.push('', 'Advice:');
    for (const a of r.advice) out.push(`- ${a.title}: ${a.message}`);
  }
  if (unsubscribeUrl) out.push('', `Stop these emails: ${unsubscribeUrl}`);
  return out.join('\n');
}

const e = escapeHtml;
const TD = 'padding:4px 8px;border-bottom:1px solid #eceef1;font-size:14px';
const H2 = 'font-size:16px;margin:20px 0 8px';

function table(rows: string[][]): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0">${rows.map((cells) => `<tr>${cells.map((cell) => `<td style="${TD}">${cell}</td>`).join('')}</tr>`).join('')}</table>`;
}

function bar(percent: number): string {
  const width = Math.max(0, Math.min(100, Math.round(percent)));
  return `<table role="presentation" width="160" cellpadding="0" cellspacing="0" style="background:#eceef1"><tr><td width="${width}%" style="background:#2f6fed;height:8px;font-size:0;line-height:0">&nbsp;</td>${width < 100 ? '<td style="font-size:0;line-height:0">&nbsp;</td>' : ''}</tr></table>`;
}

/**
 * The HTML part: tables and inline CSS only (no script, no style sheet, no image), every user-supplied string
 * escaped. `unsubscribeUrl` is built by the server (signed), still escaped.
 */
export function renderReportHtml(r: ReportContent, unsubscribeUrl?: string): string {
  const c = r.baseCurrency;
  const title = titleOf(r);
  const parts: string[] = [
    `<p style="margin:0 0 12px">${e(r.name ? `Hello ${r.name},` : 'Hello,')}</p>`,
    `<p style="color:#5b6570;margin:0 0 12px">${e(r.period.from)} to ${e(r.period.to)}</p>`,
    table([
      ['', '<b>This period</b>', `<b>vs ${e(r.previous.label)}</b>`],
      ['Income', e(formatMoney(r.totals.income, c)), e(signed(r.change.income, c))],
      ['Expenses', e(formatMoney(r.totals.expenses, c)), e(signed(r.change.expenses, c))],
      ['Net', e(formatMoney(r.totals.net, c)), e(signed(r.change.net, c))],
    ]),
  ];
  if (r.health && r.health.score !== null) parts.push(`<p style="margin:12px 0">Health score: <b>${r.health.score}</b>${r.health.change !== null ? ` (${r.health.change >= 0 ? '+' : ''}${r.health.change})` : ''}</p>`);
  parts.push(`<h2 style="${H2}">Top categories</h2>`);
  parts.push(r.topCategories.length === 0 ? '<p>No spending recorded in this period.</p>' : table(r.topCategories.map((t) => [e(t.name), e(formatMoney(t.amount, c)), bar(t.share), `${t.share}%`])));
  if (r.budgets.length > 0) {
    parts.push(`<h2 style="${H2}">Budgets</h2>`);
    parts.push(table(r.budgets.map((b) => [e(b.name), `${e(formatMoney(b.spent, c))} of ${e(formatMoney(b.available, c))}`, bar(b.percentUsed ?? 0), e(b.status)])));
  }
  if (r.goals.length > 0) {
    parts.push(`<h2 style="${H2}">Goals</h2>`);
    parts.push(table(r.goals.map((g) => [e(g.name), `${e(formatMoney(g.saved, g.currency))} of ${e(formatMoney(g.targetAmount, g.currency))}`, bar(g.percent), `${g.percent}%`])));
  }
  if (r.alerts.length > 0) {
    parts.push(`<h2 style="${H2}">Alerts</h2>`);
    parts.push(table(r.alerts.map((a) => [`<b>${e(a.title)}</b>`, e(a.message)])));
  }
  if (r.advice.length > 0) {
    parts.push(`<h2 style="${H2}">Advice</h2>`);
    parts.push(table(r.advice.map((a) => [`<b>${e(a.title)}</b>`, e(a.message)])));
  }
  if (unsubscribeUrl) parts.push(`<p style="font-size:12px;color:#8a939c;margin-top:20px"><a href="${e(unsubscribeUrl)}" style="color:#8a939c">Stop these emails</a></p>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(title)}</title></head>
<body style="margin:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1d232a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#fff;border-radius:8px;padding:24px">
<tr><td><h1 style="font-size:20px;margin:0 0 16px">${e(title)}</h1>${parts.join('\n')}</td></tr>
</table></td></tr></table></body></html>`;
}
