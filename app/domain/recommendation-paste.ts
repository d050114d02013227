// Reading recommendations pasted from a report (a PDF or a web page): one recommendation a paragraph, its number
// as printed at the start ("1.", "3", "R7", "AFI 2", "Recommendation 4:"), the kind guessed from "AFI" or
// "Area for improvement". Client-safe and pure: the import page previews what this finds before anything is saved.
import type { RecommendationKind } from "./recommendations";

export type PastedRecommendation = { number: string | null; text: string; kind: RecommendationKind };

// The number at the start of a paragraph: an optional word (Recommendation, Rec, R, Area for improvement, AFI),
// then digits with an optional letter or sub-number (3, 3a, 3.1), then an optional ".", ")" or ":".
const LEADING_NUMBER =
  /^\s*(?:(recommendation|rec\.?|r|area for improvement|afi)\s*)?(\d{1,3}(?:\.\d{1,2})?[a-z]?)(?:[.):]|\s*[-–—])?(?:\s+|$)/i;

function kindOf(word: string | undefined): RecommendationKind {
  return word && /^(afi|area for improvement)$/i.test(word.trim()) ? "area_for_improvement" : "recommendation";
}

/** "AFI 2", "R7", "3": the number as the report prints it, the prefix kept where it is short (R, AFI). */
function numberAsPrinted(word: string | undefined, digits: string): string {
  const prefix = word?.trim().toLowerCase();
  if (prefix === "r") return `R${digits}`;
  if (prefix === "afi" || prefix === "area for improvement") return `AFI ${digits}`;
  return digits;
}

function startOf(line: string): { number: string; kind: RecommendationKind; rest: string } | null {
  const match = LEADING_NUMBER.exec(line);
  if (!match) return null;
  const [whole, word, digits] = match;
  // "2026 saw…" or "12 forces…" is a sentence, not a number: a bare number must be followed by "." ")" ":" or be short.
  if (!word && !/[.):\-–—]\s*$|[.):]\s/.test(whole) && !/^\s*\d{1,2}\s+[A-Z]/.test(line)) return null;
  return { number: numberAsPrinted(word, digits), kind: kindOf(word), rest: line.slice(whole.length) };
}

/**
 * The recommendations in a pasted text. A new one starts after a blank line or at a line that starts with a
 * number; other lines continue the one before (a PDF breaks a paragraph into lines). A paragraph with no number
 * is kept with `number: null` for the person to number in the preview.
 */
export function parsePastedRecommendations(pasted: string): PastedRecommendation[] {
  const items: PastedRecommendation[] = [];
  let current: PastedRecommendation | null = null;
  const finish = () => {
    if (current && (current.text.trim() || current.number)) items.push({ ...current, text: current.text.replace(/\s+/g, " ").trim() });
    current = null;
  };
  for (const raw of pasted.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/^\s*[•▪●◦*]\s*/, "").trimEnd();
    if (!line.trim()) {
      finish();
      continue;
    }
    const start = startOf(line);
    if (start) {
      finish();
      current = { number: start.number, kind: start.kind, text: start.rest };
    } else if (current) current.text += ` ${line.trim()}`;
    else
      current = {
        number: null,
        kind: /^\s*(afi|area for improvement)\b/i.test(line) ? "area_for_improvement" : "recommendation",
        text: line,
      };
  }
  finish();
  return items;
}

/** A date typed loosely in one field: "31/3/2027", "31 3 2027", "31-03-2027" or "2027-03-31". Null when it is not a real date. */
export function parseLooseDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[\s/.-]+(\d{1,2})[\s/.-]+(\d{4})$/.exec(t);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate() || y < 1900) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
