import { describe, expect, it } from 'vitest';
import {
  berlinInputToUtc,
  berlinOffsetMs,
  formatBerlinTime,
  formatNewsroomDate,
  formatNewsroomDateTime,
  toRfc3339Utc,
  utcToBerlinInput,
} from './dates';

const H = 3600 * 1000;

describe('formatNewsroomDate', () => {
  it('formats German newsroom style in Berlin time', () => {
    expect(formatNewsroomDate('2025-11-12T09:30:00Z', 'de')).toBe('Mi 12. November 2025');
  });

  it('formats English', () => {
    expect(formatNewsroomDate('2025-11-12T09:30:00Z', 'en')).toBe('Wed 12 November 2025');
  });

  it('uses Berlin, not UTC, for the calendar day (winter: UTC+1)', () => {
    // 23:30 UTC on Tuesday 11 Nov is already Wednesday 00:30 in Berlin.
    expect(formatNewsroomDate('2025-11-11T23:30:00Z', 'de')).toBe('Mi 12. November 2025');
    expect(formatNewsroomDate('2025-11-11T22:59:59Z', 'de')).toBe('Di 11. November 2025');
  });

  it('uses Berlin, not UTC, for the calendar day (summer: UTC+2)', () => {
    // 22:30 UTC on 30 June is 00:30 on Tuesday 1 July in Berlin.
    expect(formatNewsroomDate('2025-06-30T22:30:00Z', 'de')).toBe('Di 1. Juli 2025');
    expect(formatNewsroomDate('2025-06-30T21:59:00Z', 'de')).toBe('Mo 30. Juni 2025');
    expect(formatNewsroomDate('2025-06-30T22:30:00Z', 'en')).toBe('Tue 1 July 2025');
  });

  it('has every weekday and umlaut month right', () => {
    const days = [
      ['2025-03-02T12:00:00Z', 'So 2. März 2025'],
      ['2025-03-03T12:00:00Z', 'Mo 3. März 2025'],
      ['2025-03-04T12:00:00Z', 'Di 4. März 2025'],
      ['2025-03-05T12:00:00Z', 'Mi 5. März 2025'],
      ['2025-03-06T12:00:00Z', 'Do 6. März 2025'],
      ['2025-03-07T12:00:00Z', 'Fr 7. März 2025'],
      ['2025-03-08T12:00:00Z', 'Sa 8. März 2025'],
    ];
    for (const [iso, want] of days) expect(formatNewsroomDate(iso, 'de')).toBe(want);
    expect(formatNewsroomDate('2025-12-31T22:59:00Z', 'de')).toBe('Mi 31. Dezember 2025');
    expect(formatNewsroomDate('2025-12-31T23:00:00Z', 'de')).toBe('Do 1. Januar 2026');
  });

  it('accepts offsets and fractional seconds, and is empty for nothing', () => {
    expect(formatNewsroomDate('2025-11-12T10:30:00.123+01:00', 'de')).toBe('Mi 12. November 2025');
    expect(formatNewsroomDate(null, 'de')).toBe('');
    expect(formatNewsroomDate('', 'en')).toBe('');
    expect(formatNewsroomDate('not a date', 'de')).toBe('');
  });
});

describe('time of day', () => {
  it('shows Berlin HH:MM', () => {
    expect(formatBerlinTime('2025-11-12T09:30:00Z')).toBe('10:30');
    expect(formatBerlinTime('2025-07-01T09:05:00Z')).toBe('11:05');
    expect(formatBerlinTime('2025-07-01T22:00:00Z')).toBe('00:00');
    expect(formatNewsroomDateTime('2025-11-12T09:30:00Z', 'de')).toBe('Mi 12. November 2025, 10:30');
    expect(formatNewsroomDateTime('2025-11-12T09:30:00Z', 'en')).toBe('Wed 12 November 2025, 10:30');
  });
});

describe('berlinOffsetMs', () => {
  it('is +1 h in winter and +2 h in summer', () => {
    expect(berlinOffsetMs(Date.parse('2025-01-15T12:00:00Z'))).toBe(1 * H);
    expect(berlinOffsetMs(Date.parse('2025-07-15T12:00:00Z'))).toBe(2 * H);
  });

  it('switches at 01:00 UTC on the last Sunday of March and October', () => {
    expect(berlinOffsetMs(Date.parse('2025-03-30T00:59:59Z'))).toBe(1 * H);
    expect(berlinOffsetMs(Date.parse('2025-03-30T01:00:00Z'))).toBe(2 * H);
    expect(berlinOffsetMs(Date.parse('2025-10-26T00:59:59Z'))).toBe(2 * H);
    expect(berlinOffsetMs(Date.parse('2025-10-26T01:00:00Z'))).toBe(1 * H);
  });
});

describe('utcToBerlinInput (datetime-local value)', () => {
  it('winter', () => {
    expect(utcToBerlinInput('2025-11-12T09:30:00Z')).toBe('2025-11-12T10:30');
  });
  it('summer', () => {
    expect(utcToBerlinInput('2025-07-01T09:30:00Z')).toBe('2025-07-01T11:30');
  });
  it('crosses midnight and the year', () => {
    expect(utcToBerlinInput('2025-12-31T23:15:00Z')).toBe('2026-01-01T00:15');
  });
  it('keeps seconds only when there are any', () => {
    expect(utcToBerlinInput('2025-11-12T09:30:15Z')).toBe('2025-11-12T10:30:15');
  });
  it('either side of the spring-forward and fall-back transitions', () => {
    expect(utcToBerlinInput('2025-03-30T00:59:00Z')).toBe('2025-03-30T01:59');
    expect(utcToBerlinInput('2025-03-30T01:00:00Z')).toBe('2025-03-30T03:00');
    expect(utcToBerlinInput('2025-10-26T00:30:00Z')).toBe('2025-10-26T02:30');
    expect(utcToBerlinInput('2025-10-26T01:30:00Z')).toBe('2025-10-26T02:30');
  });
  it('is empty for null or garbage', () => {
    expect(utcToBerlinInput(null)).toBe('');
    expect(utcToBerlinInput(undefined)).toBe('');
    expect(utcToBerlinInput('tomorrow')).toBe('');
  });
});

describe('berlinInputToUtc', () => {
  it('winter: Berlin is UTC+1', () => {
    expect(berlinInputToUtc('2025-11-12T10:30')).toBe('2025-11-12T09:30:00Z');
  });
  it('summer: Berlin is UTC+2', () => {
    expect(berlinInputToUtc('2025-07-01T11:30')).toBe('2025-07-01T09:30:00Z');
  });
  it('midnight goes to the previous UTC day', () => {
    expect(berlinInputToUtc('2026-01-01T00:15')).toBe('2025-12-31T23:15:00Z');
    expect(berlinInputToUtc('2025-07-01T00:00')).toBe('2025-06-30T22:00:00Z');
  });
  it('accepts seconds', () => {
    expect(berlinInputToUtc('2025-11-12T10:30:15')).toBe('2025-11-12T09:30:15Z');
  });
  it('right before and after the spring gap', () => {
    expect(berlinInputToUtc('2025-03-30T01:59')).toBe('2025-03-30T00:59:00Z');
    expect(berlinInputToUtc('2025-03-30T03:00')).toBe('2025-03-30T01:00:00Z');
  });
  it('a time inside the spring gap (02:30 does not exist) moves forward to 03:30 CEST', () => {
    expect(berlinInputToUtc('2025-03-30T02:30')).toBe('2025-03-30T01:30:00Z');
    expect(berlinInputToUtc('2025-03-30T02:00')).toBe('2025-03-30T01:00:00Z');
    expect(utcToBerlinInput(berlinInputToUtc('2025-03-30T02:30'))).toBe('2025-03-30T03:30');
  });
  it('a time in the autumn overlap (02:30 happens twice) means the first, summer-time one', () => {
    expect(berlinInputToUtc('2025-10-26T02:30')).toBe('2025-10-26T00:30:00Z');
    expect(berlinInputToUtc('2025-10-26T01:59')).toBe('2025-10-25T23:59:00Z');
    expect(berlinInputToUtc('2025-10-26T03:00')).toBe('2025-10-26T02:00:00Z');
  });
  it('round-trips every 30 minutes across both 2025 transitions', () => {
    for (const start of ['2025-03-29T12:00:00Z', '2025-10-25T12:00:00Z']) {
      const t0 = Date.parse(start);
      for (let t = t0; t < t0 + 48 * H; t += H / 2) {
        const iso = toRfc3339Utc(t);
        const local = utcToBerlinInput(iso);
        const back = berlinInputToUtc(local);
        // In the repeated autumn hour the wall time is ambiguous and we pick the earlier one.
        if (iso >= '2025-10-26T01:00:00Z' && iso < '2025-10-26T02:00:00Z') {
          expect(back).toBe(toRfc3339Utc(t - H));
        } else {
          expect(back).toBe(iso);
        }
      }
    }
  });
  it('rejects empty and malformed values', () => {
    expect(berlinInputToUtc('')).toBeNull();
    expect(berlinInputToUtc(null)).toBeNull();
    expect(berlinInputToUtc('2025-11-12')).toBeNull();
    expect(berlinInputToUtc('2025-13-01T10:00')).toBeNull();
    expect(berlinInputToUtc('2025-02-30T10:00')).toBeNull();
    expect(berlinInputToUtc('2025-11-12T24:00')).toBeNull();
    expect(berlinInputToUtc('12.11.2025 10:30')).toBeNull();
  });
});

describe('independent of the machine time zone', () => {
  it('gives the same answers whatever TZ says', () => {
    // Node reads TZ per Date operation; the functions only use Intl with an explicit zone.
    const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
    const saved = env.TZ;
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Berlin']) {
        env.TZ = tz;
        expect(formatNewsroomDate('2025-11-11T23:30:00Z', 'de')).toBe('Mi 12. November 2025');
        expect(berlinInputToUtc('2025-07-01T11:30')).toBe('2025-07-01T09:30:00Z');
        expect(utcToBerlinInput('2025-03-30T01:00:00Z')).toBe('2025-03-30T03:00');
      }
    } finally {
      if (saved === undefined) delete env.TZ;
      else env.TZ = saved;
    }
  });
});
