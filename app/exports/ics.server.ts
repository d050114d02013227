// iCalendar (RFC 5545) text, written by hand: the part of the format a calendar of meetings and due
// dates needs is small, and Outlook, Google and Apple Calendar all import it.
//   - lines end with CRLF and are folded at 75 octets (a continuation line starts with a space), never
//     inside a UTF-8 character;
//   - TEXT values escape backslash, semicolon, comma and newlines;
//   - timed events carry TZID=Europe/London with its VTIMEZONE, so a 10:00 meeting stays at 10:00
//     across the clock changes; due dates are all-day events.

const CRLF = "\r\n";

/** Escape a TEXT value (RFC 5545 3.3.11). Control characters other than newlines are dropped. */
function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r/g, "\n")
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

/** Fold one content line at 75 octets, without splitting a UTF-8 character (RFC 5545 3.1). */
function foldLine(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line + CRLF;
  const parts: string[] = [];
  let start = 0;
  let limit = 75; // the first line holds 75 octets; continuations 74 after their leading space
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back off UTF-8 continuation bytes (10xxxxxx) so a character is never split.
    while (end < bytes.length && end > start && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString("utf8"));
    start = end;
    limit = 74;
  }
  return parts.join(CRLF + " ") + CRLF;
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function textProperty(name: string, value: string): string {
  return property(name, escapeText(value));
}

/** 2026-11-28 -> 20261128 */
function basicDate(isoDate: string): string {
  return isoDate.replace(/-/g, "");
}

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** 2026-11-28 and 10:30 -> 20261128T103000 (local time in the given TZID). */
function localDateTime(isoDate: string, time: string): string {
  const [h, m] = time.split(":");
  return `${basicDate(isoDate)}T${h.padStart(2, "0")}${(m ?? "00").padStart(2, "0")}00`;
}

/** A moment as UTC in basic format: 20261128T120000Z. */
export function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function addHour(time: string): string {
  const [h, m] = time.split(":").map(Number);
  const total = Math.min(h * 60 + m + 60, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export type CalendarEvent = {
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  date: string; // YYYY-MM-DD
  /** HH:MM local UK time; absent for an all-day event. */
  startTime?: string | null;
  endTime?: string | null;
  /** CONFIDENTIAL marks OFFICIAL-SENSITIVE items private in the calendar they land in. */
  classification?: "PUBLIC" | "PRIVATE" | "CONFIDENTIAL";
  url?: string;
  categories?: string[];
};

/** One VEVENT. `stamp` is when the calendar was made (DTSTAMP, required). */
export function eventLines(event: CalendarEvent, stamp: string): string {
  let out = "BEGIN:VEVENT" + CRLF;
  out += property("UID", event.uid);
  out += property("DTSTAMP", stamp);
  const start = event.startTime && TIME.test(event.startTime) ? event.startTime : null;
  if (start) {
    const end = event.endTime && TIME.test(event.endTime) && event.endTime > start ? event.endTime : addHour(start);
    out += property("DTSTART;TZID=Europe/London", localDateTime(event.date, start));
    out += property("DTEND;TZID=Europe/London", localDateTime(event.date, end));
  } else {
    out += property("DTSTART;VALUE=DATE", basicDate(event.date));
    out += property("DTEND;VALUE=DATE", basicDate(nextDay(event.date)));
    out += property("TRANSP", "TRANSPARENT"); // a due date does not make anyone busy
  }
  out += textProperty("SUMMARY", event.summary);
  if (event.description) out += textProperty("DESCRIPTION", event.description);
  if (event.location) out += textProperty("LOCATION", event.location);
  if (event.categories?.length) out += property("CATEGORIES", event.categories.map(escapeText).join(","));
  if (event.classification) out += property("CLASS", event.classification);
  if (event.url) out += property("URL", event.url);
  out += "END:VEVENT" + CRLF;
  return out;
}

// Europe/London since 1996: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
const VTIMEZONE_LONDON = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/London",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19810329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19961027T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
]
  .map((l) => l + CRLF)
  .join("");

/** The calendar's opening lines, up to and including the time zone. */
export function calendarStart(name: string): string {
  return (
    "BEGIN:VCALENDAR" +
    CRLF +
    property("PRODID", "-//Office of the Independent Anti-Slavery Commissioner//Stakeholder Engagement Tracker//EN") +
    property("VERSION", "2.0") +
    property("CALSCALE", "GREGORIAN") +
    property("METHOD", "PUBLISH") +
    textProperty("X-WR-CALNAME", name) +
    property("X-WR-TIMEZONE", "Europe/London") +
    VTIMEZONE_LONDON
  );
}

export function calendarEnd(): string {
  return "END:VCALENDAR" + CRLF;
}

export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";
