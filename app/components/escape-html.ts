/**
 * Text for HTML the page writes as a string rather than through React (a picker's options, the type-ahead's suggestion
 * templates): each character that could end the text or an attribute value becomes a numeric reference.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
