// Dates in the newsroom are always Berlin wall-clock time, whatever the machine's time zone.
// The backend stores UTC RFC 3339 ("2025-11-12T09:30:00Z"); everything here is pure.

export type DateLang = 'de' | 'en';

export const NEWSROOM_TZ = 'Europe/Berlin';

/** Sunday-first, as Date#getUTCDay counts. German newsroom style: two letters, no dot. */
export const WEEKDAYS: Record<DateLang, string[]> = {
  de: ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

export const MONTHS: Record<DateLang, string[]> = {
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** Wall-clock fields in Berlin. month is 1-12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

let berlinFormatter: Intl.DateTimeFormat | null = null;
function formatter(): Intl.DateTimeFormat {
  if (!berlinFormatter) {
    berlinFormatter = new Intl.DateTimeFormat('en-US', {
      timeZone: NEWSROOM_TZ,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
  }
  return berlinFormatter;
}

/** Berlin wall-clock fields for an instant (ms since epoch). */
export function berlinWallClock(ms: number): WallClock {
  const parts = formatter().formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    return p ? parseInt(p.value, 10) : 0;
  };
  let hour = get('hour');
  if (hour === 24) hour = 0; // some engines still say 24 at midnight
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour,
    minute: get('minute'),
    second: get('second'),
  };
}

function wallAsUtcMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Berlin's offset from UTC in ms at the given instant (+1 h in winter, +2 h in summer). */
export function berlinOffsetMs(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAsUtcMs(berlinWallClock(whole)) - whole;
}

/** Parse an RFC 3339 / ISO instant; null if empty or invalid. */
export function parseInstant(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** ms → "2025-11-12T09:30:00Z" (seconds precision, no millis). */
export function toRfc3339Utc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * UTC RFC 3339 → value for `<input type="datetime-local">` in Berlin time
 * ("2025-11-12T10:30"). Empty string for null/invalid input.
 */
export function utcToBerlinInput(iso: string | null | undefined): string {
  const ms = parseInstant(iso);
  if (ms === null) return '';
  const w = berlinWallClock(ms);
  const base = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
  return w.second ? `${base}:${pad(w.second)}` : base;
}

const LOCAL_RE = /^(\d{4,})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * Value of a `datetime-local` input, read as Berlin wall-clock time → UTC RFC 3339.
 * Returns null for an empty or malformed value.
 *
 * DST is resolved like Temporal's "compatible" disambiguation:
 * - a time in the spring-forward gap (e.g. 2025-03-30 02:30, which never happens in Berlin)
 *   is moved forward by the gap: it means 03:30 CEST (01:30Z);
 * - a time in the autumn overlap (e.g. 2025-10-26 02:30, which happens twice) means the
 *   earlier one, still in summer time: 02:30 CEST (00:30Z).
 */
export function berlinInputToUtc(local: string | null | undefined): string | null {
  if (!local) return null;
  const m = LOCAL_RE.exec(local.trim());
  if (!m) return null;
  const w: WallClock = {
    year: +m[1],
    month: +m[2],
    day: +m[3],
    hour: +m[4],
    minute: +m[5],
    second: m[6] ? +m[6] : 0,
  };
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.day > 31 || w.hour > 23 || w.minute > 59 || w.second > 59) {
    return null;
  }
  const wallMs = wallAsUtcMs(w);
  // The date must exist (no 31 February).
  const check = new Date(wallMs);
  if (check.getUTCDate() !== w.day || check.getUTCMonth() !== w.month - 1) return null;
  return toRfc3339Utc(berlinWallToInstant(wallMs));
}

/** Berlin wall-clock (encoded as if it were UTC ms) → instant ms, "compatible" DST rules. */
export function berlinWallToInstant(wallMs: number): number {
  const HALF_DAY = 12 * 3600 * 1000;
  // Offsets before and after any transition near this wall time.
  const before = berlinOffsetMs(wallMs - HALF_DAY);
  const after = berlinOffsetMs(wallMs + HALF_DAY);
  const candidates = [before, after]
    .filter((o, i, a) => a.indexOf(o) === i)
    .map((o) => wallMs - o)
    .filter((t) => wallAsUtcMs(berlinWallClock(t)) === wallMs)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]; // overlap: the earlier instant
  // Gap: interpret with the offset in force before the transition (moves forward).
  return wallMs - before;
}

/** Weekday of a calendar date (0 = Sunday), independent of time zones. */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * Newsroom date: "Mi 12. November 2025" (de) / "Wed 12 November 2025" (en), in Berlin.
 * Empty string for null/invalid input.
 */
export function formatNewsroomDate(iso: string | null | undefined, lang: DateLang): string {
  const ms = parseInstant(iso);
  if (ms === null) return '';
  const w = berlinWallClock(ms);
  const wd = WEEKDAYS[lang][weekdayOf(w.year, w.month, w.day)];
  const month = MONTHS[lang][w.month - 1];
  return lang === 'de' ? `${wd} ${w.day}. ${month} ${w.year}` : `${wd} ${w.day} ${month} ${w.year}`;
}

/** "Mi 12. November 2025, 10:30" / "Wed 12 November 2025, 10:30" (Berlin, 24 h). */
export function formatNewsroomDateTime(iso: string | null | undefined, lang: DateLang): string {
  const ms = parseInstant(iso);
  if (ms === null) return '';
  const w = berlinWallClock(ms);
  return `${formatNewsroomDate(iso, lang)}, ${pad(w.hour)}:${pad(w.minute)}`;
}

/** "HH:MM" in Berlin. */
export function formatBerlinTime(iso: string | null | undefined): string {
  const ms = parseInstant(iso);
  if (ms === null) return '';
  const w = berlinWallClock(ms);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Machine-readable date for <time datetime>: the instant itself. */
export function isoForTimeElement(iso: string | null | undefined): string | undefined {
  const ms = parseInstant(iso);
  return ms === null ? undefined : toRfc3339Utc(ms);
}
