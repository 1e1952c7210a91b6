//! A small, bounds-checked TIFF/EXIF reader: IFD0, the EXIF IFD and the GPS IFD, the handful of
//! tags the photo desk needs, plus the XMP / IPTC / Photoshop blocks a TIFF file embeds.

use super::text::{clean, utf8_or_latin1};

/// What the TIFF structure told us.
#[derive(Debug, Default)]
pub(crate) struct Exif {
    pub description: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub orientation: Option<u16>,
    pub artist: Option<String>,
    pub copyright: Option<String>,
    pub date_original: Option<String>,
    pub offset_original: Option<String>,
    pub has_gps: bool,
    /// IFD0 tag 700 (XMP packet), for TIFF files.
    pub xmp: Option<Vec<u8>>,
    /// IFD0 tag 33723 (IPTC-IIM), for TIFF files.
    pub iim: Option<Vec<u8>>,
    /// IFD0 tag 34377 (Photoshop image resources), for TIFF files.
    pub photoshop: Option<Vec<u8>>,
}

const MAX_ENTRIES: usize = 1024;

struct Tiff<'a> {
    d: &'a [u8],
    le: bool,
}

struct Entry<'a> {
    tag: u16,
    typ: u16,
    count: u32,
    /// The value bytes, bounds-checked; `None` if they lie outside the data.
    value: Option<&'a [u8]>,
}

impl<'a> Tiff<'a> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b = self.d.get(at..at.checked_add(2)?)?;
        Some(if self.le {
            u16::from_le_bytes([b[0], b[1]])
        } else {
            u16::from_be_bytes([b[0], b[1]])
        })
    }

    fn u32(&self, at: usize) -> Option<u32> {
        let b = self.d.get(at..at.checked_add(4)?)?;
        let a = [b[0], b[1], b[2], b[3]];
        Some(if self.le {
            u32::from_le_bytes(a)
        } else {
            u32::from_be_bytes(a)
        })
    }

    /// The entries of the IFD at `off` (as many as fit in the data, at most `MAX_ENTRIES`).
    fn ifd(&self, off: u32) -> Vec<Entry<'a>> {
        let off = off as usize;
        let Some(n) = self.u16(off) else {
            return Vec::new();
        };
        let fits = self.d.len().saturating_sub(off.saturating_add(2)) / 12;
        let n = usize::from(n).min(fits).min(MAX_ENTRIES);
        (0..n)
            .filter_map(|i| {
                let e = off + 2 + 12 * i;
                let tag = self.u16(e)?;
                let typ = self.u16(e + 2)?;
                let count = self.u32(e + 4)?;
                let unit: u64 = match typ {
                    1 | 2 | 6 | 7 => 1,
                    3 | 8 => 2,
                    4 | 9 | 11 | 13 => 4,
                    5 | 10 | 12 => 8,
                    _ => 0,
                };
                let size = unit * u64::from(count);
                let value = if size <= 4 {
                    self.d.get(e + 8..e + 8 + size as usize)
                } else {
                    let at = u64::from(self.u32(e + 8)?);
                    let end = at + size;
                    if end <= self.d.len() as u64 {
                        self.d.get(at as usize..end as usize)
                    } else {
                        None
                    }
                };
                Some(Entry {
                    tag,
                    typ,
                    count,
                    value,
                })
            })
            .collect()
    }

    /// First SHORT/LONG value of an entry.
    fn uint(&self, e: &Entry) -> Option<u32> {
        let v = e.value?;
        match e.typ {
            3 | 8 if v.len() >= 2 => self.u16_of(v).map(u32::from),
            4 | 9 if v.len() >= 4 => {
                let a = [v[0], v[1], v[2], v[3]];
                Some(if self.le {
                    u32::from_le_bytes(a)
                } else {
                    u32::from_be_bytes(a)
                })
            }
            1 | 7 if !v.is_empty() => Some(u32::from(v[0])),
            _ => None,
        }
    }

    fn u16_of(&self, v: &[u8]) -> Option<u16> {
        let b = v.get(..2)?;
        Some(if self.le {
            u16::from_le_bytes([b[0], b[1]])
        } else {
            u16::from_be_bytes([b[0], b[1]])
        })
    }
}

/// An EXIF ASCII value: the first non-empty NUL-separated part, trailing spaces trimmed, UTF-8
/// if valid else Latin-1.
fn ascii(e: &Entry) -> Option<String> {
    if !matches!(e.typ, 1 | 2 | 7) {
        return None;
    }
    e.value?
        .split(|&c| c == 0)
        .find_map(|part| clean(&utf8_or_latin1(part)))
}

/// Parses a TIFF structure (the payload of `Exif\0\0`, a PNG eXIf chunk, a TIFF file).
pub(crate) fn parse(d: &[u8]) -> Option<Exif> {
    let le = match d.get(..4)? {
        [b'I', b'I', 42, 0] => true,
        [b'M', b'M', 0, 42] => false,
        _ => return None,
    };
    let t = Tiff { d, le };
    let mut x = Exif::default();
    let ifd0 = t.u32(4)?;
    let mut exif_ifd = None;
    let mut gps_ifd = None;
    for e in t.ifd(ifd0) {
        match e.tag {
            0x010E => x.description = ascii(&e),
            0x010F => x.make = ascii(&e),
            0x0110 => x.model = ascii(&e),
            0x0112 => x.orientation = t.uint(&e).and_then(|o| u16::try_from(o).ok()),
            0x013B => x.artist = ascii(&e),
            0x8298 => x.copyright = ascii(&e),
            0x8769 => exif_ifd = t.uint(&e),
            0x8825 => gps_ifd = t.uint(&e),
            700 if matches!(e.typ, 1 | 7) => x.xmp = e.value.map(<[u8]>::to_vec),
            33723 if matches!(e.typ, 1 | 4 | 7) => x.iim = e.value.map(<[u8]>::to_vec),
            34377 if matches!(e.typ, 1 | 7) => x.photoshop = e.value.map(<[u8]>::to_vec),
            _ => {}
        }
    }
    // Each sub-IFD is read once and never followed further, so a loop cannot form.
    if let Some(off) = exif_ifd.filter(|&o| o != ifd0) {
        for e in t.ifd(off) {
            match e.tag {
                0x9003 => x.date_original = ascii(&e),
                0x9011 => x.offset_original = ascii(&e),
                // Some writers put Make/Model in the EXIF IFD; IFD0 wins.
                0x010F if x.make.is_none() => x.make = ascii(&e),
                0x0110 if x.model.is_none() => x.model = ascii(&e),
                _ => {}
            }
        }
    }
    if let Some(off) = gps_ifd.filter(|&o| o != ifd0) {
        x.has_gps = t
            .ifd(off)
            .iter()
            .any(|e| matches!(e.tag, 2 | 4) && e.count > 0 && e.value.is_some());
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_u32_offsets_and_counts_do_not_panic() {
        // IFD0 with one entry: ASCII, count u32::MAX, offset u32::MAX.
        let mut d = b"II*\0\x08\0\0\0\x01\0".to_vec();
        d.extend_from_slice(&0x010Eu16.to_le_bytes());
        d.extend_from_slice(&2u16.to_le_bytes());
        d.extend_from_slice(&u32::MAX.to_le_bytes());
        d.extend_from_slice(&u32::MAX.to_le_bytes());
        let x = parse(&d).unwrap();
        assert_eq!(x.description, None);
        // IFD0 offset past the end
        assert!(parse(b"MM\0*\xff\xff\xff\xff")
            .unwrap()
            .description
            .is_none());
    }

    #[test]
    fn copyright_first_part() {
        let mut d = b"MM\0*\0\0\0\x08\0\x01".to_vec();
        d.extend_from_slice(&0x8298u16.to_be_bytes());
        d.extend_from_slice(&2u16.to_be_bytes());
        d.extend_from_slice(&12u32.to_be_bytes());
        d.extend_from_slice(&26u32.to_be_bytes());
        d.extend_from_slice(&0u32.to_be_bytes());
        d.extend_from_slice(b" \0Ed\xfcard\0\0\0\0");
        assert_eq!(parse(&d).unwrap().copyright.as_deref(), Some("Edüard"));
    }
}
