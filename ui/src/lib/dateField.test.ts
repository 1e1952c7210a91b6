import { describe, expect, it } from 'vitest';
import { addDays, addMonths, formatDateField, monthGrid, parseDateField, pickDay } from './dateField';

describe('date field: what is typed', () => {
  it('German forms → the UTC instant, in winter and in summer time', () => {
    for (const typed of ['12.11.2025 10:30', '12.11.2025, 10:30', '12.11.25 10:30', '12.11.2025 10.30 Uhr', '2025-11-12 10:30', '2025-11-12T10:30']) {
      expect(parseDateField(typed), typed).toBe('2025-11-12T09:30:00Z');
    }
    expect(parseDateField('1.7.2025, 11:30')).toBe('2025-07-01T09:30:00Z');
    expect(parseDateField('12 Nov 2025, 10:30')).toBe('2025-11-12T09:30:00Z');
    expect(parseDateField('1 July 2025 11:30')).toBe('2025-07-01T09:30:00Z');
    expect(parseDateField('12 Okt 2025, 10:30')).toBe('2025-10-12T08:30:00Z');
  });

  it('a date alone keeps the old time, else midnight', () => {
    expect(parseDateField('12.11.2025')).toBe('2025-11-11T23:00:00Z');
    expect(parseDateField('1.7.2025', '2025-11-12T09:30:00Z')).toBe('2025-07-01T08:30:00Z');
  });

  it('DST edges: the spring gap moves forward, the autumn overlap takes the earlier time', () => {
    expect(parseDateField('30.03.2025 02:30')).toBe('2025-03-30T01:30:00Z');
    expect(parseDateField('26.10.2025 02:30')).toBe('2025-10-26T00:30:00Z');
  });

  it('empty is no date; anything else that is no date is undefined', () => {
    expect(parseDateField('  ')).toBeNull();
    for (const bad of ['31.02.2026', '12.11.2025 25:00', '12/11/2025', 'morgen', '12.13.2025', '12.11.2025, 10:30, 11:00']) {
      expect(parseDateField(bad), bad).toBeUndefined();
    }
  });
});

describe('date field: what is shown', () => {
  it('German: 12.11.2025, 10:30; English: 12 Nov 2025, 10:30, whatever the system locale', () => {
    expect(formatDateField('2025-11-12T09:30:00Z', 'de')).toBe('12.11.2025, 10:30');
    expect(formatDateField('2025-11-12T09:30:00Z', 'en')).toBe('12 Nov 2025, 10:30');
    expect(formatDateField('2025-07-01T09:30:00Z', 'de')).toBe('01.07.2025, 11:30');
    expect(formatDateField(null, 'de')).toBe('');
  });

  it('round-trips what it shows', () => {
    for (const utc of ['2025-11-12T09:30:00Z', '2025-07-01T09:30:00Z', '2025-03-30T01:30:00Z']) {
      expect(parseDateField(formatDateField(utc, 'de'))).toBe(utc);
      expect(parseDateField(formatDateField(utc, 'en'))).toBe(utc);
    }
  });
});

describe('date field: calendar', () => {
  it('month grid starts on Monday', () => {
    const nov = monthGrid(2025, 11); // 1 November 2025 is a Saturday
    expect(nov[0]).toEqual([null, null, null, null, null, 1, 2]);
    expect(nov.flat().filter(Boolean)).toHaveLength(30);
    expect(nov[nov.length - 1].length).toBe(7);
  });

  it('moves by days and months across boundaries', () => {
    expect(addDays({ year: 2025, month: 12, day: 31 }, 1)).toEqual({ year: 2026, month: 1, day: 1 });
    expect(addDays({ year: 2025, month: 3, day: 1 }, -7)).toEqual({ year: 2025, month: 2, day: 22 });
    expect(addMonths({ year: 2025, month: 1, day: 31 }, 1)).toEqual({ year: 2025, month: 2, day: 28 });
  });

  it('a picked day keeps the time, in Berlin', () => {
    expect(pickDay({ year: 2025, month: 7, day: 1 }, '2025-11-12T09:30:00Z')).toBe('2025-07-01T08:30:00Z');
    expect(pickDay({ year: 2025, month: 11, day: 12 }, null)).toBe('2025-11-11T23:00:00Z');
  });
});
