import { layout } from './layout';

/**
 * The email the owner of a confirmed address gets when someone registers with it. Fixed text only: nothing the
 * registrant typed (their name, their password) reaches the owner, so the notice cannot carry spam.
 */
export function registrationAttemptEmail(): { subject: string; html: string; text: string } {
  const lines = [
    'Someone tried to create a Tally account with this address, which already has one. Nothing was changed and no new account was created.',
    'If it was you, sign in with your password, or ask for a code to reset it (POST /auth/forgot-password).',
    'If it was not you, you need not do anything: your account and its password are as they were.',
  ];
  return {
    subject: 'Someone tried to create a Tally account with your address',
    text: lines.join('\n\n'),
    html: layout('Someone tried to create an account with your address', lines.map((l) => `<p>${l}</p>`).join('')),
  };
}
