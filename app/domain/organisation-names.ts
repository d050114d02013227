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

type Linked = Named & { id: number; kind: string; forceId?: number | null };

/**
 * Several organisations a list is filtered by, in words: "Kent Police and its local policing body, Kent PCC" for a
 * force with its policing body (a body of kind "pcc" linked to the force), else their names: "Europol and Interpol".
 */
export function organisationsInWords(orgs: Linked[]): string {
  if (orgs.length === 2) {
    const [a, b] = orgs;
    const [force, body] = b.kind === "pcc" && b.forceId === a.id ? [a, b] : a.kind === "pcc" && a.forceId === b.id ? [b, a] : [];
    if (force && body) return `${shortNameOf(force)} and its local policing body, ${shortNameOf(body)}`;
  }
  const names = orgs.map(shortNameOf);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}
