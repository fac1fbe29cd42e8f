import { describe, expect, it } from 'vitest';
import { invitationMail, redactTokens } from './templates.ts';

const input = {
  organizationName: 'Acme & <Sons>',
  inviterName: '<script>alert(1)</script>',
  inviterEmail: 'olive@acme.test',
  role: 'collaborator' as const,
  link: 'https://roster.example/invitations/accept?token=abc_DEF-123',
  expiresAt: '2026-06-08T12:00:00.000Z',
};

describe('the invitation mail', () => {
  it('carries organization, inviter, link, expiry and what to do if unexpected, in text and HTML', () => {
    const mail = invitationMail(input);
    expect(mail.subject).toBe('<script>alert(1)</script> invited you to join Acme & <Sons> on Roster');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain(input.link);
      expect(body).toContain('olive@acme.test');
      expect(body).toContain('Monday, 8 June 2026 at 12:00 UTC');
      expect(body).toMatch(/Not expecting this\? You can ignore this email/);
    }
    expect(mail.text).toContain(
      '<script>alert(1)</script> (olive@acme.test) invited you to join Acme & <Sons>',
    );
  });

  it('escapes user input in the HTML part', () => {
    const { html } = invitationMail(input);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Acme &amp; &lt;Sons&gt;');
  });

  it('keeps header injection out of the subject', () => {
    const { subject } = invitationMail({ ...input, organizationName: 'Acme\r\nBcc: victim@x.com' });
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('redacts registration tokens once they are no longer needed', () => {
    expect(redactTokens(`open ${input.link} now`)).toBe(
      'open https://roster.example/invitations/accept?token=REDACTED now',
    );
  });
});
