import { describe, expect, it } from 'vitest';
import { CODE_EMAIL, codeEmail } from '../../../../shared/domain/emails/code-emails';
import { welcomeEmail } from '../../../../shared/domain/emails/welcome';

describe('the code email (sent to addresses nobody confirmed yet)', () => {
  it('carries the code and fixed text only: its one placeholder is the code', () => {
    // Cognito's templates can also insert {username} (the address here); nothing but the code may be inserted.
    expect(CODE_EMAIL.body.match(/\{[^}]*\}/g)).toEqual(['{####}']);
    expect(CODE_EMAIL.subject).not.toMatch(/\{/);
    // Cognito requires the code placeholder in a CODE-style verification message, and caps it at 20,000 characters.
    expect(CODE_EMAIL.body.length).toBeLessThan(20_000);
  });

  it('renders the code into the body', () => {
    const mail = codeEmail('042917');
    expect(mail.subject).toBe('Your Tally code');
    expect(mail.text).toContain('Your Tally code is 042917.');
    expect(mail.text).not.toContain('{####}');
  });
});

describe('the welcome email (sent once the address is confirmed)', () => {
  it('escapes the name the owner chose in its HTML', () => {
    const mail = welcomeEmail({ name: '<b>Ada</b>', email: 'ada@example.com' });
    expect(mail.html).not.toContain('<b>Ada</b>');
    expect(mail.html).toContain('&#60;b&#62;Ada');
  });
});
