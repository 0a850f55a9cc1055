const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** A whole page around `body` (already escaped HTML): plain forms, no script, so any HTTP client can drive it. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
<p><small>Know Foolery development identity provider: for development only.</small></p>
</body>
</html>
`;
}

export function errorParagraph(message: string | undefined): string {
  return message === undefined ? '' : `<p role="alert">${escapeHtml(message)}</p>`;
}
