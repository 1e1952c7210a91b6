// The editor's date/time field, independent of the system's locale: what it shows
// ("12.11.2025, 10:30" in German, "12 Nov 2025, 10:30" in English), what it accepts when
// typed, and the calendar's month grid. Always Berlin wall-clock time (lib/dates.ts).
import { berlinInputToUtc, berlinWallClock, MONTHS, parseInstant, type DateLang } from './dates';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** English month abbreviations, for the unambiguous English form. */
const EN_SHORT = MONTHS.en.map((m) => m.slice(0, 3));

/** A calendar day in Berlin. month is 1-12. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/** The field's text for a stored instant: "12.11.2025, 10:30" / "12 Nov 2025, 10:30". */
export function formatDateField(utc: string | null | undefined, lang: DateLang): string {
  const ms = parseInstant(utc);
  if (ms === null) return '';
  const w = berlinWallClock(ms);
  const time = `${pad(w.hour)}:${pad(w.minute)}`;
  return lang === 'de'
    ? `${pad(w.day)}.${pad(w.month)}.${w.year}, ${time}`
    : `${w.day} ${EN_SHORT[w.month - 1]} ${w.year}, ${time}`;
}

/** The placeholder showing the form to type. */
export function dateFieldPattern(lang: DateLang): string {
  return lang === 'de' ? 'TT.MM.JJJJ, hh:mm' : 'DD Mon YYYY, hh:mm';
}

const DE_RE = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/;
const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const EN_RE = /^(\d{1,2})\s+([A-Za-z]{3,})\.?\s+(\d{4})$/;
const TIME_RE = /^(\d{1,2})(?::|\.)(\d{2})(?::(\d{2}))?(?:\s*uhr)?$/i;

function readDay(text: string): Day | null {
  let m = DE_RE.exec(text);
  if (m) {
    const y = m[3].length === 2 ? 2000 + +m[3] : +m[3];
    return { year: y, month: +m[2], day: +m[1] };
  }
  m = ISO_RE.exec(text);
  if (m) return { year: +m[1], month: +m[2], day: +m[3] };
  m = EN_RE.exec(text);
  if (m) {
    const name = m[2].toLowerCase();
    const i = MONTHS.en.findIndex((x) => x.toLowerCase().startsWith(name) && name.length >= 3);
    const de = MONTHS.de.findIndex((x) => x.toLowerCase().startsWith(name) && name.length >= 3);
    const month = i >= 0 ? i : de;
    if (month >= 0) return { year: +m[3], month: month + 1, day: +m[1] };
  }
  return null;
}

/**
 * What was typed → the UTC instant (RFC 3339), `null` for an empty field, `undefined` for
 * text that is no date. Accepts "12.11.2025 10:30", "12.11.2025, 10:30", "12.11.25 10:30",
 * "12.11.2025" (the time of `keepTimeOf`, else 00:00), ISO ("2025-11-12 10:30",
 * "2025-11-12T10:30") and the English form ("12 Nov 2025, 10:30"). Berlin time, with the DST
 * rules of berlinInputToUtc.
 */
export function parseDateField(text: string, keepTimeOf?: string | null): string | null | undefined {
  const t = text.trim();
  if (!t) return null;
  const [datePart, ...rest] = t.split(/\s*,\s*|\s*T\s*|\s+(?=\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[Uu]hr)?$)/);
  const day = readDay(datePart);
  if (!day) return undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (rest.length > 1) return undefined;
  if (rest.length === 1) {
    const m = TIME_RE.exec(rest[0]);
    if (!m) return undefined;
    [hour, minute, second] = [+m[1], +m[2], m[3] ? +m[3] : 0];
  } else {
    const kept = parseInstant(keepTimeOf);
    if (kept !== null) {
      const w = berlinWallClock(kept);
      [hour, minute] = [w.hour, w.minute];
    }
  }
  const local = `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  return berlinInputToUtc(local) ?? undefined;
}

/** The Berlin calendar day of an instant, or null. */
export function berlinDay(utc: string | null | undefined): Day | null {
  const ms = parseInstant(utc);
  if (ms === null) return null;
  const w = berlinWallClock(ms);
  return { year: w.year, month: w.month, day: w.day };
}

/** Days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day `delta` days from `d`. */
export function addDays(d: Day, delta: number): Day {
  const x = new Date(Date.UTC(d.year, d.month - 1, d.day + delta));
  return { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
}

/** The same day in another month (clamped to its length). */
export function addMonths(d: Day, delta: number): Day {
  const x = new Date(Date.UTC(d.year, d.month - 1 + delta, 1));
  const year = x.getUTCFullYear();
  const month = x.getUTCMonth() + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/** A month as weeks, Monday first; days outside the month are null. */
export function monthGrid(year: number, month: number): (number | null)[][] {
  const first = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
  const cells: (number | null)[] = Array.from({ length: first }, () => null);
  for (let d = 1; d <= daysInMonth(year, month); d++) cells.push(d);
  while (cells.length % 7) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** A picked day with the time of `keepTimeOf` (else 00:00), as UTC RFC 3339. */
export function pickDay(d: Day, keepTimeOf: string | null | undefined): string | null {
  const kept = parseInstant(keepTimeOf);
  const w = kept === null ? { hour: 0, minute: 0 } : berlinWallClock(kept);
  return berlinInputToUtc(`${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T${pad(w.hour)}:${pad(w.minute)}`);
}
