import { escapeHtml, layout } from './layout';

/** The welcome email of a new account. */
export function welcomeEmail(input: { name: string | null; email: string }): { subject: string; html: string; text: string } {
  const hello = input.name ? `Hello ${input.name},` : 'Hello,';
  const lines = [
    'Your Tally account is ready.',
    'Start by setting your base currency and monthly income (PATCH /me), add an account, then record or import your transactions.',
    'Every Monday you will receive a short report of your week.',
  ];
  return {
    subject: 'Welcome to Tally',
    text: [hello, '', ...lines].join('\n'),
    html: layout('Welcome to Tally', `<p>${escapeHtml(hello)}</p>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}`),
  };
}
