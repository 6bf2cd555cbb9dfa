const replacements: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => replacements[char] ?? char);
}

const styles = `
body{font-family:system-ui,sans-serif;margin:0;background:#f5f5f4;color:#1c1917}
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:.75rem;
box-shadow:0 1px 3px #0002}
.banner{background:#fef3c7;border:2px solid #b45309;border-radius:.5rem;padding:.75rem;margin:0 0 1.5rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.5rem 1rem}dt{font-weight:600}dd{margin:0}
.actions{display:flex;flex-direction:column;gap:.75rem;margin-top:1.5rem}
button,a.button{font:inherit;padding:.75rem 1rem;border-radius:.5rem;border:2px solid #44403c;
background:#fff;color:#1c1917;cursor:pointer;text-align:center;text-decoration:none}
button.primary{background:#166534;border-color:#166534;color:#fff}
button:focus-visible,a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}`;

/** A complete, self-contained page: inline styles only, no script, nothing fetched. */
export function pageShell(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
<p class="banner" role="note"><strong>Sandbox — no real money.</strong> This is a test checkout: nothing is charged.</p>
${body}
</main>
</body>
</html>`;
}

export const pageHeaders: Readonly<Record<string, string>> = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  // No script may run and no other site may frame the page (clickjacking the Pay button).
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  // Not "no-referrer": browsers then send `Origin: null` with the page's own form, and the
  // Pay button's origin check refuses it. same-origin still tells no other site anything.
  "referrer-policy": "same-origin",
  "x-content-type-options": "nosniff",
};
