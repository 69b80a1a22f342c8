/** Escaping for the two places report text lands: HTML/SVG markup, and the embedded JSON block. */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value for HTML and inline SVG (both quote styles are safe). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become \u escapes, so no
 * value can close the element (`</script`), open a comment (`<!--`) or look like markup, and
 * U+2028/2029 are escaped for any reader that evaluates it. JSON.parse gives the same value back.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
