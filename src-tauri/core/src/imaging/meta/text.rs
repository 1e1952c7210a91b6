//! Text helpers shared by the metadata readers: charset decoding, cleaning, date normalising.

/// Trimmed, `None` when empty.
pub(crate) fn clean(s: &str) -> Option<String> {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

/// UTF-8 if the bytes are valid UTF-8, else Latin-1 (each byte is its code point).
pub(crate) fn utf8_or_latin1(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b.iter().map(|&c| c as char).collect(),
    }
}

/// Windows-1252 code points for 0x80..=0x9F; the five undefined bytes keep their C1 value.
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// Windows-1252 (Latin-1 with the 0x80..=0x9F block mapped to CP1252's characters).
pub(crate) fn cp1252(b: &[u8]) -> String {
    b.iter()
        .map(|&c| match c {
            0x80..=0x9F => {
                char::from_u32(u32::from(CP1252_HIGH[usize::from(c - 0x80)])).unwrap_or('\u{FFFD}')
            }
            _ => c as char,
        })
        .collect()
}

/// UTF-8 if valid, else Windows-1252.
pub(crate) fn utf8_or_cp1252(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => cp1252(b),
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// Normalises a date/time as XMP or EXIF write it ("2021-10-20T21:01:01+00:00",
/// "2021:10:20 21:01:01", "2021-10", "2021-10-20T21:01:01.057Z") to ISO 8601:
/// "YYYY[-MM[-DD[Thh:mm[:ss[.fff]][tz]]]]". The time zone is kept as written ("Z" or
/// "±hh:mm"; "±hhmm" gets its colon). `None` for anything else, and for all-zero dates.
pub(crate) fn iso_date(raw: &str) -> Option<String> {
    let s = raw.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    if s.len() > 64 {
        return None;
    }
    let (date, time) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], Some(s[i + 1..].trim())),
        None => (s, None),
    };
    let mut parts = date.split(['-', ':']);
    let year = digits(parts.next()?, 4)?;
    let month = parts
        .next()
        .map(|m| digits(m, 2))
        .map_or(Ok(None), |m| m.map(Some).ok_or(()));
    let month = month.ok()?;
    let day = match (month, parts.next()) {
        (Some(_), Some(d)) => Some(digits(d, 2)?),
        (None, Some(_)) => return None,
        (_, None) => None,
    };
    if parts.next().is_some() || year == 0 {
        return None;
    }
    let mut out = format!("{year:04}");
    match month {
        Some(m) if (1..=12).contains(&m) => out.push_str(&format!("-{m:02}")),
        Some(_) => return None,
        None => return Some(out),
    }
    match day {
        Some(d) if (1..=31).contains(&d) => out.push_str(&format!("-{d:02}")),
        Some(_) => return None,
        None => return Some(out),
    }
    let Some(time) = time.filter(|t| !t.is_empty()) else {
        return Some(out);
    };
    out.push('T');
    out.push_str(&iso_time(time)?);
    Some(out)
}

/// "hh:mm[:ss[.fff]][Z|±hh:mm|±hhmm]" → the same with a colon in the zone; `None` if malformed.
fn iso_time(t: &str) -> Option<String> {
    let (clock, zone) = match t.find(['Z', '+', '-']) {
        // Some writers put a space before the zone ("00:00:00 +00:00").
        Some(i) => (t[..i].trim_end(), Some(&t[i..])),
        None => (t, None),
    };
    let (hms, frac) = match clock.split_once('.') {
        Some((a, f)) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|c| c.is_ascii_digit()) => {
            (a, Some(f))
        }
        Some(_) => return None,
        None => (clock, None),
    };
    let fields: Vec<&str> = hms.split(':').collect();
    if fields.len() < 2 || fields.len() > 3 {
        return None;
    }
    let h = digits(fields[0], 2)?;
    let m = digits(fields[1], 2)?;
    let sec = match fields.get(2) {
        Some(x) => Some(digits(x, 2)?),
        None => None,
    };
    if h > 24 || m > 59 || sec.is_some_and(|x| x > 60) || (frac.is_some() && sec.is_none()) {
        return None;
    }
    let mut out = format!("{h:02}:{m:02}");
    if let Some(x) = sec {
        out.push_str(&format!(":{x:02}"));
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if let Some(z) = zone {
        out.push_str(&iso_zone(z)?);
    }
    Some(out)
}

/// "Z", "+hh:mm", "+hhmm", "+hh" → "Z" / "+hh:mm".
pub(crate) fn iso_zone(z: &str) -> Option<String> {
    if z == "Z" {
        return Some("Z".to_string());
    }
    let sign = z.chars().next().filter(|c| *c == '+' || *c == '-')?;
    let rest = &z[1..];
    if !rest.bytes().all(|c| c.is_ascii_digit() || c == b':') {
        return None;
    }
    let (h, m) = match rest.len() {
        2 => (digits(rest, 2)?, 0),
        4 => (digits(&rest[..2], 2)?, digits(&rest[2..], 2)?),
        5 if rest.as_bytes()[2] == b':' => (digits(&rest[..2], 2)?, digits(&rest[3..], 2)?),
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(format!("{sign}{h:02}:{m:02}"))
}

/// IIM 2:55 "CCYYMMDD" + 2:60 "HHMMSS±HHMM" → ISO 8601. Unknown month/day ("00") stop the
/// date there, as IIM allows.
pub(crate) fn iim_date(date: &str, time: Option<&str>) -> Option<String> {
    let d = date.trim();
    if d.len() != 8 || !d.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (y, m, dd) = (&d[0..4], &d[4..6], &d[6..8]);
    if y == "0000" {
        return None;
    }
    if m == "00" {
        return iso_date(y);
    }
    if dd == "00" {
        return iso_date(&format!("{y}-{m}"));
    }
    let base = format!("{y}-{m}-{dd}");
    let Some(t) = time
        .map(str::trim)
        .filter(|t| t.len() >= 6 && t.as_bytes()[..6].iter().all(u8::is_ascii_digit))
    else {
        return iso_date(&base);
    };
    let (hms, zone) = t.split_at(6);
    let clock = format!("{}:{}:{}", &hms[0..2], &hms[2..4], &hms[4..6]);
    let full = if zone.is_empty() {
        format!("{base}T{clock}")
    } else {
        format!("{base}T{clock}{zone}")
    };
    iso_date(&full).or_else(|| iso_date(&base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for (given, want) in [
            (
                "2021-10-20T21:01:01+00:00",
                Some("2021-10-20T21:01:01+00:00"),
            ),
            ("2021:10:20 21:01:01", Some("2021-10-20T21:01:01")),
            ("2017-08-04T06:07:09.057", Some("2017-08-04T06:07:09.057")),
            (
                "2015-01-22T00:00:00 +00:00",
                Some("2015-01-22T00:00:00+00:00"),
            ),
            ("2003-08-31", Some("2003-08-31")),
            ("2003-08", Some("2003-08")),
            ("2003-08-31T10:00Z", Some("2003-08-31T10:00Z")),
            ("0000:00:00 00:00:00", None),
            ("AO Circa Date", None),
            ("2021-1Ä-20", None),
        ] {
            assert_eq!(iso_date(given).as_deref(), want, "{given}");
        }
        for (date, time, want) in [
            (
                "20211020",
                Some("210101+0000"),
                Some("2021-10-20T21:01:01+00:00"),
            ),
            ("20211020", None, Some("2021-10-20")),
            ("20211000", None, Some("2021-10")),
            ("2021102", None, None),
            ("20211020", Some("2101é1"), Some("2021-10-20")),
            ("20211020", Some("210101+1é1"), Some("2021-10-20")),
            // fuzz crash-76df44fe: a multi-byte char inside the first six bytes
            ("20211020", Some("210Å1"), Some("2021-10-20")),
            ("20211020", Some("210Åx+0000"), Some("2021-10-20")),
        ] {
            assert_eq!(iim_date(date, time).as_deref(), want, "{date} {time:?}");
        }
    }

    #[test]
    fn charsets() {
        assert_eq!(cp1252(&[0x80, 0x84, 0x93, 0x96, 0xFC]), "€„“–ü");
        assert_eq!(utf8_or_latin1(&[0xFC, 0xE4, 0xDF]), "üäß");
        assert_eq!(utf8_or_cp1252("ü".as_bytes()), "ü");
    }
}
