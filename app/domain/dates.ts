// Calendar arithmetic on YYYY-MM-DD strings (client-safe). Dates are UK calendar dates: "today"
// is today in London, whatever the server's time zone, so "overdue" flips at UK midnight.

// Made on first use, not when the module loads: building a formatter with a time zone loads the browser's time-zone
// data, about 15 ms of a page's start-up on a fast machine, and most pages that load this module never ask for today.
let londonDate: Intl.DateTimeFormat | undefined;

/** Today's date in the UK, as YYYY-MM-DD. */
export function todayInUk(now: Date = new Date()): string {
  londonDate ??= new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
  return londonDate.format(now);
}

/** The date `days` after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The date `months` after (or before) a YYYY-MM-DD date, clamped to the end of a shorter month. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, day] = isoDate.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

/** The UK financial year (1 April to 31 March) that contains a date. */
export function ukFinancialYear(isoDate: string): { from: string; to: string; label: string } {
  const [y, m] = isoDate.split("-").map(Number);
  const start = m >= 4 ? y : y - 1;
  return { from: `${start}-04-01`, to: `${start + 1}-03-31`, label: `${start} to ${start + 1}` };
}

/** The first day of the month `offset` months from the month of a date ("2026-11-28", -1 -> "2026-10-01"). */
export function monthStart(isoDate: string, offset = 0): string {
  const [y, m] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + offset, 1)).toISOString().slice(0, 10);
}

/** The months' names, January first: the one list every date format takes them from. */
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** The name of a month (1 to 12), "long" ("November") or "short" ("Nov"); undefined for no such month. */
export function monthName(month: number, style: "short" | "long" = "long"): string | undefined {
  const name = MONTH_NAMES[month - 1];
  return name && style === "short" ? name.slice(0, 3) : name;
}

/** "2026-11" -> "Nov 2026" (short) or "November 2026". */
export function formatMonth(yearMonth: string, style: "short" | "long" = "long"): string {
  const [y, m] = yearMonth.split("-").map(Number);
  return `${monthName(m, style) ?? yearMonth} ${y}`;
}
