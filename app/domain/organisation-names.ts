// Which of an organisation's names a person reads. Staff say "Europol", "GMP", "Kent PCC": the short
// name leads wherever a body is named in passing, and the formal name stays within reach (its own
// page, a title attribute, a list of both) for whoever needs it.

type Named = { name: string; shortName?: string | null };

/** The name people use: the short name when there is one, else the formal name. */
export function shortNameOf(o: Named): string {
  return o.shortName?.trim() || o.name;
}

/** The formal name when it says more than the short one, else null (nothing to add). */
export function fullNameBeyondShort(o: Named): string | null {
  const short = shortNameOf(o);
  return short !== o.name ? o.name : null;
}

/** Both names in one line, short first: "Europol (European Union Agency for Law Enforcement Cooperation)". */
export function shortAndFullName(o: Named): string {
  const full = fullNameBeyondShort(o);
  return full ? `${shortNameOf(o)} (${full})` : o.name;
}
