import type { PermissionLevel } from '#contract/roles.ts';

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => htmlEscapes[char]!);
}

const expiryFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export type InvitationMailInput = {
  organizationName: string;
  inviterName: string;
  inviterEmail: string;
  role: PermissionLevel;
  link: string;
  expiresAt: string;
};

/** The invitation mail: plain text and simple HTML with the same content. Names are user input: escaped. */
export function invitationMail(input: InvitationMailInput): { subject: string; text: string; html: string } {
  const expires = `${expiryFormat.format(new Date(input.expiresAt))} UTC`;
  const role = input.role === 'owner' ? 'an owner' : 'a collaborator';
  const subject = `${input.inviterName} invited you to join ${input.organizationName} on Roster`.replace(
    /[\r\n]+/g,
    ' ',
  );
  const text = [
    'Hello,',
    '',
    `${input.inviterName} (${input.inviterEmail}) invited you to join ${input.organizationName} on Roster as ${role}.`,
    '',
    'Open this link to accept and choose your password:',
    input.link,
    '',
    `The link works once and expires on ${expires}.`,
    '',
    'Not expecting this? You can ignore this email: nothing happens unless you open the link.',
    `If you think it was sent by mistake, let ${input.inviterName} know at ${input.inviterEmail}.`,
    '',
  ].join('\n');
  const e = {
    org: escapeHtml(input.organizationName),
    inviter: escapeHtml(input.inviterName),
    inviterEmail: escapeHtml(input.inviterEmail),
    link: escapeHtml(input.link),
  };
  const html = `<!doctype html>
<html lang="en">
<body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#0f172a">
<div style="max-width:520px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">Join ${e.org} on Roster</h1>
<p style="margin:0 0 16px;line-height:1.5"><strong>${e.inviter}</strong> (${e.inviterEmail}) invited you to join <strong>${e.org}</strong> as ${role}.</p>
<p style="margin:0 0 16px"><a href="${e.link}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px;font-weight:600">Accept the invitation</a></p>
<p style="margin:0 0 16px;line-height:1.5;font-size:14px">Or paste this link into your browser:<br><a href="${e.link}" style="color:#4338ca;word-break:break-all">${e.link}</a></p>
<p style="margin:0 0 16px;line-height:1.5;font-size:14px">The link works once and expires on ${escapeHtml(expires)}.</p>
<p style="margin:0;line-height:1.5;font-size:13px;color:#475569">Not expecting this? You can ignore this email: nothing happens unless you open the link. If you think it was sent by mistake, let ${e.inviter} know at ${e.inviterEmail}.</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}

/** Removes registration tokens from a mail body once it no longer needs to be delivered. */
export function redactTokens(body: string): string {
  return body.replace(/token=[A-Za-z0-9_-]+/g, 'token=REDACTED');
}
