import type { Alert } from '../alerts';
import { escapeHtml, layout } from './layout';

/** The email of one alert (preference `immediate`): its title, message and the evidence's figures. */
export function alertEmail(alert: Pick<Alert, 'title' | 'message' | 'evidence' | 'kind'>): { subject: string; html: string; text: string } {
  const facts = Object.entries(alert.evidence)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`);
  return {
    subject: `Tally alert: ${alert.title}`,
    text: [alert.message, '', ...facts, '', 'Manage alerts and their emails at GET/PUT /alerts/preferences.'].join('\n'),
    html: layout(alert.title, `<p>${escapeHtml(alert.message)}</p><ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul><p>Manage alerts and their emails at <code>/alerts/preferences</code>.</p>`),
  };
}
