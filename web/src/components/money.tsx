import { formatMoney } from '../lib/format';

/** An amount in minor units, coloured by sign when asked; screen readers hear the formatted amount. */
export function Money({ minor, currency, signed, tone }: { minor: number; currency: string; signed?: boolean; tone?: boolean }) {
  const cls = tone ? (minor < 0 ? 'money negative' : minor > 0 ? 'money positive' : 'money') : 'money';
  return <span className={cls}>{formatMoney(minor, currency, { signed: signed ?? false })}</span>;
}
