import type { Alert } from '../alerts';
import { escapeHtml, layout } from './layout';

/** The email of one alert (preference `immediate`): its title, message and the evidence's figures. */
export function alertEmail(alert: Pick<Alert, 'title' | 'message' | 'evidence' | 'kind'>): { subject: string; html: string; text: string } {
  const facts = alertFacts(alert);
  return {
    subject: `Tally alert: ${alert.title}`,
    text: [alert.message, '', ...facts, '', 'Manage alerts and their emails at GET/PUT /alerts/preferences.'].join('\n'),
    html: layout(alert.title, `<p>${escapeHtml(alert.message)}</p><ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul><p>Manage alerts and their emails at <code>/alerts/preferences</code>.</p>`),
  };
}

/** The evidence's scalar figures of an alert, as `name: value` lines. */
function alertFacts(alert: Pick<Alert, 'evidence'>): string[] {
  return Object.entries(alert.evidence)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`);
}

/**
 * The daily digest (preference `daily`): one email listing the alerts of one UTC day, oldest first, each with its
 * title, message and evidence figures (as in {@link alertEmail}); HTML escaped, with a text part.
 */
export function alertDigestEmail(day: string, alerts: Pick<Alert, 'title' | 'message' | 'evidence' | 'kind'>[]): { subject: string; html: string; text: string } {
  const title = `Your Tally alerts of ${day}`;
  const count = `${alerts.length} alert${alerts.length === 1 ? '' : 's'}`;
  return {
    subject: `Tally: ${count} on ${day}`,
    text: [`${title} (${count})`, '', ...alerts.flatMap((a) => [a.title, a.message, ...alertFacts(a).map((f) => `  ${f}`), '']), 'Manage alerts and their emails at GET/PUT /alerts/preferences.'].join('\n'),
    html: layout(
      title,
      alerts.map((a) => `<h2 style="font-size:16px;margin:16px 0 4px">${escapeHtml(a.title)}</h2><p>${escapeHtml(a.message)}</p><ul>${alertFacts(a).map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`).join('') +
        '<p>Manage alerts and their emails at <code>/alerts/preferences</code>.</p>',
    ),
  };
}
