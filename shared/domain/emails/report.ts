import { escapeHtml, layout } from './layout';

export interface ReportContent {
  name: string | null;
  period: 'weekly' | 'monthly';
  from: string;
  to: string;
  /** Lines of the report, each already formatted (e.g. "Spent: 123.45 EUR"). */
  lines: string[];
}

/** The periodic email report. */
export function reportEmail(r: ReportContent): { subject: string; html: string; text: string } {
  const title = `Your ${r.period} Tally report, ${r.from} – ${r.to}`;
  const hello = r.name ? `Hello ${r.name},` : 'Hello,';
  const lines = r.lines.length > 0 ? r.lines : ['No transactions were recorded in this period.'];
  return {
    subject: title,
    text: [hello, '', title, '', ...lines.map((l) => `- ${l}`)].join('\n'),
    html: layout(title, `<p>${escapeHtml(hello)}</p><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`),
  };
}

/** The Monday-to-Sunday week before `now` (UTC), as YYYY-MM-DD bounds. */
export function previousWeek(now: Date): { from: string; to: string } {
  const day = (now.getUTCDay() + 6) % 7; // 0 = Monday
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day - 7));
  const sunday = new Date(monday.getTime() + 6 * 86400_000);
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
}
