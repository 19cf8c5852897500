/** Escaping for untrusted text (event notes, place names) in HTML/SVG and Markdown. */

const HTML: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside an HTML/SVG element or a quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * Text safe inside a Markdown table cell or paragraph: HTML-escaped (Markdown passes raw HTML
 * through), Markdown punctuation backslash-escaped, line breaks folded to spaces.
 */
export function escapeMarkdown(s: string): string {
  const md = s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]|#~]/g, (c) => `\\${c}`);
  return escapeHtml(md);
}
