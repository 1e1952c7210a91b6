//! Photoshop image resources (8BIM) and IPTC-IIM records, bounds-checked.

use super::text::{clean, iim_date, utf8_or_cp1252};

/// The IIM blocks (resource 0x0404) in a run of Photoshop image resources.
pub(crate) fn photoshop_iim(d: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while pos + 12 <= d.len() && out.len() < 16 {
        if !matches!(
            &d[pos..pos + 4],
            b"8BIM" | b"PHUT" | b"DCSR" | b"AgHg" | b"MeSa"
        ) {
            break;
        }
        let id = u16::from_be_bytes([d[pos + 4], d[pos + 5]]);
        pos += 6;
        // Pascal-string name, padded to an even length (length byte included).
        let name_len = usize::from(d[pos]) + 1;
        pos += name_len + (name_len & 1);
        let Some(b) = d.get(pos..pos + 4) else { break };
        let size = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
        pos += 4;
        let Some(data) = d.get(pos..pos.saturating_add(size)) else {
            // Truncated: take what is there for the IIM block, then stop.
            if id == 0x0404 && pos <= d.len() {
                out.push(&d[pos..]);
            }
            break;
        };
        if id == 0x0404 {
            out.push(data);
        }
        pos += size + (size & 1);
    }
    out
}

/// Most values we keep of one repeatable dataset.
const MAX_REPEAT: usize = 1000;

/// The record-2 fields the photo desk reads.
#[derive(Debug, Default)]
pub(crate) struct Iim {
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub creator: Option<String>,
    pub copyright: Option<String>,
    pub headline: Option<String>,
    pub date_created: Option<String>,
    pub city: Option<String>,
    pub sublocation: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    pub keywords: Vec<String>,
}

/// The datasets `(record, dataset, value)` of an IIM block, stopping at the first malformed one.
fn datasets(d: &[u8]) -> Vec<(u8, u8, &[u8])> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while pos + 5 <= d.len() {
        if d[pos] != 0x1C {
            // Photoshop pads the block with zeros; anything else is garbage. Stop either way.
            break;
        }
        let (rec, ds) = (d[pos + 1], d[pos + 2]);
        let len = u16::from_be_bytes([d[pos + 3], d[pos + 4]]);
        pos += 5;
        let size = if len & 0x8000 != 0 {
            // Extended dataset: the low 15 bits give the length of the length field.
            let n = usize::from(len & 0x7FFF);
            if n == 0 || n > 4 {
                break;
            }
            let Some(b) = d.get(pos..pos + n) else { break };
            pos += n;
            b.iter().fold(0usize, |acc, &x| (acc << 8) | usize::from(x))
        } else {
            usize::from(len)
        };
        let Some(value) = d.get(pos..pos.saturating_add(size)) else {
            break;
        };
        pos += size;
        out.push((rec, ds, value));
    }
    out
}

/// Parses an IIM block. Text is UTF-8 when 1:90 says ESC % G, else UTF-8 if valid, else
/// Windows-1252.
pub(crate) fn parse(d: &[u8]) -> Iim {
    let sets = datasets(d);
    let utf8 = sets
        .iter()
        .any(|&(r, s, v)| r == 1 && s == 90 && v.windows(3).any(|w| w == b"\x1b%G"));
    let text = |v: &[u8]| -> Option<String> {
        let s = if utf8 {
            String::from_utf8_lossy(v).into_owned()
        } else {
            utf8_or_cp1252(v)
        };
        clean(&s)
    };
    let mut m = Iim::default();
    let mut bylines: Vec<String> = Vec::new();
    // Repeatable datasets: de-duplicated in file order, with a cap so that a hostile block of
    // thousands of datasets costs linear time.
    let mut seen = std::collections::HashSet::new();
    let (mut date, mut time) = (None, None);
    for &(rec, ds, v) in &sets {
        if rec != 2 {
            continue;
        }
        let first = |slot: &mut Option<String>| {
            if slot.is_none() {
                *slot = text(v);
            }
        };
        match ds {
            120 => first(&mut m.caption),
            110 => first(&mut m.credit),
            116 => first(&mut m.copyright),
            105 => first(&mut m.headline),
            90 => first(&mut m.city),
            92 => first(&mut m.sublocation),
            95 => first(&mut m.state),
            101 => first(&mut m.country),
            55 => first(&mut date),
            60 => first(&mut time),
            80 if bylines.len() < MAX_REPEAT => {
                if let Some(b) = text(v).filter(|b| seen.insert((80, b.clone()))) {
                    bylines.push(b);
                }
            }
            25 if m.keywords.len() < MAX_REPEAT => {
                if let Some(k) = text(v).filter(|k| seen.insert((25, k.clone()))) {
                    m.keywords.push(k);
                }
            }
            _ => {}
        }
    }
    if !bylines.is_empty() {
        m.creator = Some(bylines.join(", "));
    }
    m.date_created = date.and_then(|d| iim_date(&d, time.as_deref()));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds(rec: u8, n: u8, v: &[u8]) -> Vec<u8> {
        let mut o = vec![0x1C, rec, n];
        o.extend_from_slice(&(v.len() as u16).to_be_bytes());
        o.extend_from_slice(v);
        o
    }

    #[test]
    fn extended_length_and_truncation() {
        let mut d = vec![0x1C, 2, 120, 0x80, 0x04, 0, 0, 0, 3];
        d.extend_from_slice(b"abc");
        d.extend(ds(2, 110, b"Cred"));
        d.extend_from_slice(&[0x1C, 2, 105, 0xFF, 0xFF]);
        let m = parse(&d);
        assert_eq!(m.caption.as_deref(), Some("abc"));
        assert_eq!(m.credit.as_deref(), Some("Cred"));
        assert_eq!(m.headline, None);
    }

    #[test]
    fn utf8_marker_and_bylines() {
        let mut d = ds(1, 90, b"\x1b%G");
        d.extend(ds(2, 80, "Jörg".as_bytes()));
        d.extend(ds(2, 80, b"Anna"));
        d.extend(ds(2, 55, b"20211020"));
        d.extend(ds(2, 60, b"210101+0000"));
        let m = parse(&d);
        assert_eq!(m.creator.as_deref(), Some("Jörg, Anna"));
        assert_eq!(m.date_created.as_deref(), Some("2021-10-20T21:01:01+00:00"));
    }

    #[test]
    fn photoshop_resources_with_names() {
        let mut d = b"8BIM\x04\x04\x07Caption".to_vec();
        d.extend_from_slice(&4u32.to_be_bytes());
        d.extend_from_slice(b"\x1c\x02\x00\x00");
        assert_eq!(photoshop_iim(&d), vec![&b"\x1c\x02\x00\x00"[..]]);
    }
}
