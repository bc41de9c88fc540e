import { describe, expect, it } from 'vitest';
import { buildReport, formatMoney, renderReportHtml, renderReportText, type ReportInput } from '../../../../shared/domain/reports';

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  kind: 'monthly',
  period: { from: '2026-10-01', to: '2026-10-31', label: '2026-10' },
  baseCurrency: 'EUR',
  name: 'Ana',
  totals: { income: 300000, expenses: 123456, net: 176544 },
  previous: { income: 250000, expenses: 100000, net: 150000, label: '2026-09' },
  categories: [
    { name: 'Rent', amount: 90000 },
    { name: '<script>alert(1)</script>', amount: 20000 },
    { name: 'Food', amount: 13456 },
  ],
  budgets: [{ name: 'Food "& more"', spent: 13456, available: 20000, percentUsed: 67.3, status: 'on_track' }],
  goals: [{ name: 'Trip <img src="http://x/y.png">', saved: 5000, targetAmount: 100000, currency: 'JPY', percent: 5, status: 'behind' }],
  alerts: [{ title: 'Large payment', message: '<b onmouseover=x>900</b>', severity: 'warning', createdAt: '2026-10-05T00:00:00Z' }],
  advice: [{ title: 'Cancel <script>', message: 'save 10 EUR' }],
  health: { score: 72, change: -3 },
  ...over,
});

describe('report content', () => {
  it('computes change against the previous period and the top categories by amount, with shares', () => {
    const r = buildReport(input());
    expect(r.change).toEqual({ income: 50000, expenses: 23456, net: 26544 });
    expect(r.topCategories.map((c) => c.name)).toEqual(['Rent', '<script>alert(1)</script>', 'Food']);
    expect(r.topCategories[0]?.share).toBe(72.9);
  });

  it('formats integer minor units with the currency exponent, exactly beyond 2^53', () => {
    expect(formatMoney(123456, 'EUR')).toBe('1234.56 EUR');
    expect(formatMoney(-5, 'EUR')).toBe('-0.05 EUR');
    expect(formatMoney(5000, 'JPY')).toBe('5000 JPY');
    expect(formatMoney(1234, 'BHD')).toBe('1.234 BHD');
    expect(formatMoney('123456789012345678', 'EUR')).toBe('1234567890123456.78 EUR');
  });

  it('escapes every user string: no script, no remote resource, no event handler in the HTML', () => {
    const html = renderReportHtml(buildReport(input()), 'https://api.example/reports/unsubscribe?token=a"b');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/src\s*=\s*"?http/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b onmouseover/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('token=a&#34;b');
  });

  it('the text part carries the same figures as the HTML part', () => {
    const r = buildReport(input());
    const html = renderReportHtml(r);
    const text = renderReportText(r);
    for (const figure of ['3000.00 EUR', '1234.56 EUR', '1765.44 EUR', '+500.00 EUR', '+234.56 EUR', '900.00 EUR', '5000 JPY', '100000 JPY']) {
      expect(text).toContain(figure);
      expect(html).toContain(figure);
    }
    expect(text).toContain('Health score: 72 (-3)');
  });

  it('says so when nothing was spent', () => {
    const r = buildReport(input({ categories: [], totals: { income: 0, expenses: 0, net: 0 } }));
    expect(renderReportText(r)).toContain('No spending recorded');
  });
});
