/**
 * The pages a browser lands on when an SSO sign-in cannot go on. The ACS and
 * the login start are browser navigations (a form POST from the IdP, a link
 * from the sign-in page), so they answer a page a person can read, not JSON.
 */
const escapeHtml = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export function refusalPage(input: { title: string; message: string; code: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} · Roster</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f8fafc; color: #0f172a; }
  main { max-width: 32rem; padding: 2rem; background: #fff; border: 1px solid #e2e8f0; border-radius: 0.75rem; }
  h1 { font-size: 1.25rem; margin: 0 0 0.75rem; }
  p { line-height: 1.5; margin: 0 0 1rem; }
  code { font-size: 0.85rem; color: #475569; }
  a { color: #1d4ed8; }
  @media (prefers-color-scheme: dark) {
    body { background: #020617; color: #e2e8f0; }
    main { background: #0f172a; border-color: #334155; }
    code { color: #94a3b8; }
    a { color: #93c5fd; }
  }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(input.title)}</h1>
<p>${escapeHtml(input.message)}</p>
<p><a href="/login">Back to sign-in</a></p>
<p><code>Reason: ${escapeHtml(input.code)}</code></p>
</main>
</body>
</html>
`;
}
