//! Time: everything is stored in UTC (RFC 3339, `Z`), shown in Europe/Berlin.

use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use chrono_tz::Europe::Berlin;

use crate::error::{Error, Result};

/// "2025-11-12T09:30:00Z" – seconds precision, for user-facing dates.
pub fn to_rfc3339(dt: DateTime<Utc>) -> String {
    dt.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Millisecond precision, for created/updated/revision stamps.
pub fn stamp(dt: DateTime<Utc>) -> String {
    dt.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| Error::invalid(format!("{s:?} is not an RFC 3339 date-time: {e}")))
}

/// Normalizes an optional user date to UTC RFC 3339; empty means none.
pub fn normalize_opt(s: &Option<String>) -> Result<Option<String>> {
    match s.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => Ok(Some(to_rfc3339(parse(v)?))),
    }
}

const WEEKDAYS_DE: [&str; 7] = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// The newsroom's display date, in Berlin time: "Mi 12. November 2025".
pub fn german_date(dt: DateTime<Utc>) -> String {
    let local = dt.with_timezone(&Berlin);
    format!(
        "{} {}. {} {}",
        WEEKDAYS_DE[local.weekday().num_days_from_monday() as usize],
        local.day(),
        MONTHS_DE[local.month0() as usize],
        local.year()
    )
}

/// A moment as the newsroom writes it in running text, in Berlin time:
/// "12.11.2025, 10:30 Uhr".
pub fn german_date_time(dt: DateTime<Utc>) -> String {
    let local = dt.with_timezone(&Berlin);
    format!(
        "{:02}.{:02}.{}, {:02}:{:02} Uhr",
        local.day(),
        local.month(),
        local.year(),
        local.hour(),
        local.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_dates_in_berlin_time() {
        assert_eq!(
            german_date(parse("2025-11-12T10:00:00Z").unwrap()),
            "Mi 12. November 2025"
        );
        // 23:30 UTC on 31 Oct is already 1 Nov in Berlin (CET, +1).
        assert_eq!(
            german_date(parse("2025-10-31T23:30:00Z").unwrap()),
            "Sa 1. November 2025"
        );
        // Summer time (+2): 22:30 UTC on 1 Jul is 00:30 on 2 Jul.
        assert_eq!(
            german_date(parse("2025-07-01T22:30:00Z").unwrap()),
            "Mi 2. Juli 2025"
        );
    }

    #[test]
    fn german_date_and_time_in_berlin_time() {
        assert_eq!(
            german_date_time(parse("2025-11-12T09:30:00Z").unwrap()),
            "12.11.2025, 10:30 Uhr"
        );
        assert_eq!(
            german_date_time(parse("2025-07-01T22:05:00Z").unwrap()),
            "02.07.2025, 00:05 Uhr"
        );
    }

    #[test]
    fn normalizes_offsets_to_utc() {
        assert_eq!(
            normalize_opt(&Some("2025-11-12T10:30:00+01:00".into()))
                .unwrap()
                .as_deref(),
            Some("2025-11-12T09:30:00Z")
        );
        assert_eq!(normalize_opt(&Some("  ".into())).unwrap(), None);
        assert!(normalize_opt(&Some("12.11.2025".into())).is_err());
    }
}
