/**
 * Text for HTML the page writes as a string rather than through React (a picker's options, the type-ahead's suggestion
 * templates): each character that could end the text or an attribute value becomes a numeric reference.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A select's options as markup, `selected` marking the one whose value is given. For a long list that stays as it is
 * while its select is on the page: React neither renders nor hydrates the options one by one.
 */
export function optionsMarkup(options: { value: string; label: string; disabled?: boolean }[], selected: string | undefined): string {
  return options
    .map(
      (o) =>
        `<option value="${escapeHtml(o.value)}"${o.value === selected ? " selected" : ""}${o.disabled ? " disabled" : ""}>${escapeHtml(o.label)}</option>`,
    )
    .join("");
}
