import { formatDate, formatMoney } from '../lib/format';
import s from './insight.module.css';

/** Evidence fields that are amounts in minor units of `evidence.currency`. */
const MONEY = new Set(['spent', 'available', 'expectedByNow', 'projected', 'projectedOverspend', 'amount', 'median', 'mad', 'saved', 'targetAmount', 'remaining', 'requiredMonthly', 'averageMonthly', 'from', 'to', 'baseline', 'observed', 'limit']);
const PERCENT = new Set(['threshold', 'percentUsed', 'risePercent', 'percent']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "projectedOverspend" → "Projected overspend". */
export function humanKey(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isMinor(v: unknown): v is number | string {
  return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));
}

/** One evidence value for people: money in its currency, percents, dates, a period, else plain text. */
export function evidenceValue(key: string, v: unknown, currency: string | undefined): string {
  if (v === null || v === undefined) return '—';
  if (currency && MONEY.has(key) && isMinor(v)) return formatMoney(Number(v), currency);
  if (PERCENT.has(key) && typeof v === 'number') return `${v}%`;
  if (typeof v === 'string' && DATE.test(v)) return formatDate(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => evidenceValue(key, x, currency)).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.from === 'string' && typeof o.to === 'string' && Object.keys(o).length === 2) return `${evidenceValue('date', o.from, undefined)} – ${evidenceValue('date', o.to, undefined)}`;
    return Object.entries(o)
      .map(([k, x]) => `${humanKey(k)}: ${evidenceValue(k, x, currency)}`)
      .join('; ');
  }
  return String(v);
}

/** The figures an alert or an advice rests on, as a description list. */
export function Evidence({ evidence, currency, hide = [] }: { evidence: Record<string, unknown>; currency?: string | undefined; hide?: string[] }) {
  const cur = typeof evidence.currency === 'string' ? evidence.currency : currency;
  const rows = Object.entries(evidence).filter(([k]) => k !== 'currency' && !hide.includes(k));
  if (!rows.length) return null;
  return (
    <dl className={s.evidence}>
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{humanKey(k)}</dt>
          <dd>{evidenceValue(k, v, cur)}</dd>
        </div>
      ))}
    </dl>
  );
}
