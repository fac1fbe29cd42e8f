import { escapeHtml } from './templates.ts';

/** The password reset mail: plain text and simple HTML with the same content. */
export function passwordResetMail(input: { link: string; minutes: number }): {
  subject: string;
  text: string;
  html: string;
} {
  const subject = 'Choose a new Roster password';
  const text = [
    'Hello,',
    '',
    'Someone (hopefully you) asked to reset the password of the Roster account that uses this address.',
    '',
    'Open this link to choose a new password:',
    input.link,
    '',
    `The link works once and expires in ${input.minutes} minutes. Choosing a new password signs you out everywhere.`,
    '',
    'Did not ask for this? Ignore this email: your password stays as it is.',
    '',
  ].join('\n');
  const link = escapeHtml(input.link);
  const html = `<!doctype html>
<html lang="en">
<body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#0f172a">
<div style="max-width:520px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">Choose a new password</h1>
<p style="margin:0 0 16px;line-height:1.5">Someone (hopefully you) asked to reset the password of the Roster account that uses this address.</p>
<p style="margin:0 0 16px"><a href="${link}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px;font-weight:600">Choose a new password</a></p>
<p style="margin:0 0 16px;line-height:1.5;font-size:14px">Or paste this link into your browser:<br><a href="${link}" style="color:#4338ca;word-break:break-all">${link}</a></p>
<p style="margin:0 0 16px;line-height:1.5;font-size:14px">The link works once and expires in ${input.minutes} minutes. Choosing a new password signs you out everywhere.</p>
<p style="margin:0;line-height:1.5;font-size:13px;color:#475569">Did not ask for this? Ignore this email: your password stays as it is.</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}
