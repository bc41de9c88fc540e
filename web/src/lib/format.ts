/**
 * Money and dates for people: Intl with the browser's locale. Amounts stay integer minor units until shown; the
 * number of minor digits is the currency's own (JPY 0, EUR 2, BHD 3), as Intl knows it.
 */
const locale = typeof navigator === 'undefined' ? 'en' : navigator.language || 'en';
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, compact = false): Intl.NumberFormat {
  const key = `${currency}:${compact}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}) });
    moneyFormats.set(key, f);
  }
  return f;
}

/** Minor digits of a currency (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units as a decimal string without floating point: 123456 EUR → "1234.56". */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const s = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  const whole = digits === 0 ? s : s.slice(0, -digits);
  const frac = digits === 0 ? '' : `.${s.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** "1234.5" typed by a person → minor units (123450), or undefined when it is not an amount in this currency. */
export function decimalToMinor(text: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const t = text.trim().replace(/[\s_']/g, '').replace(',', '.');
  const m = /^(-)?(\d{1,15})(?:\.(\d*))?$/.exec(t);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  if (frac.length > digits) return undefined;
  const minor = Number(m[2]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? (m[1] ? -minor : minor) : undefined;
}

/** An amount in minor units, formatted for the locale: 123456 EUR → "€1,234.56". */
export function formatMoney(minor: number, currency: string, opts: { compact?: boolean; signed?: boolean } = {}): string {
  const value = Number(minorToDecimal(minor, currency));
  const text = moneyFormat(currency, opts.compact).format(value);
  return opts.signed && minor > 0 ? `+${text}` : text;
}

const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonthFormat = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** A calendar date (YYYY-MM-DD, no time zone) for people. */
export function formatDate(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : dateFormat.format(d);
}

/** A month (YYYY-MM) for people: "November 2026". */
export function formatMonth(month: string, short = false): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? month : (short ? shortMonthFormat : monthFormat).format(d);
}

/** An instant (ISO 8601 with zone) in the viewer's time zone. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}

export function formatPercent(ratio: number, digits = 0): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}

/** Today's date (YYYY-MM-DD) and month (YYYY-MM) in the viewer's zone. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function thisMonth(): string {
  return today().slice(0, 7);
}
