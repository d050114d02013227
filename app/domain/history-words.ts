// History tables in the words people use: "Commitment: “Send the referral data”" rather than
// "Commitment #12", "this engagement" rather than "engagement #3". The audit rows keep their ids
// (they are the record); only what a person reads is rewritten.

/** At most `max` characters, cut at a word where one is near, with an ellipsis. */
export function shortenWords(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "")}…`;
}

export type HistoryWords = {
  /** An action's words by its id (its description now, or as last recorded). */
  actions: Record<number, string>;
  /** Engagement titles by id. */
  engagements?: Record<number, string>;
  /** The engagement whose history this is: named "this engagement". */
  thisEngagementId?: number;
};

/** An audit summary with the ids of actions and engagements replaced by their words, where known. */
export function readableSummary(summary: string, words: HistoryWords): string {
  return summary
    .replace(/\b(Commitment|Follow-up) #(\d+)/g, (match, kind: string, id: string) => {
      const text = words.actions[Number(id)];
      return text ? `${kind}: “${shortenWords(text)}”` : match;
    })
    .replace(/\baction #(\d+)/g, (match, id: string) => {
      const text = words.actions[Number(id)];
      return text ? `action “${shortenWords(text)}”` : match;
    })
    .replace(/\bengagement #(\d+)/g, (match, id: string) => {
      if (words.thisEngagementId === Number(id)) return "this engagement";
      const title = words.engagements?.[Number(id)];
      return title ? `engagement “${shortenWords(title)}”` : match;
    });
}
