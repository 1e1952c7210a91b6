//! Container walkers: find the EXIF (TIFF), XMP and IPTC-IIM blocks in JPEG, PNG, WebP and TIFF
//! files. Every length is checked against the data before it is used; every loop advances.

use std::io::Read;

use super::iim::photoshop_iim;
use crate::imaging::Format;

/// Most blocks of one kind we keep from a file.
const MAX_BLOCKS: usize = 16;
/// Most bytes we inflate from the compressed PNG text chunks of one file, all together.
const MAX_INFLATE: u64 = 16 << 20;
/// PNG text keywords that hold metadata we read.
const PNG_KEYWORDS: [&[u8]; 6] = [
    b"XML:com.adobe.xmp",
    b"Raw profile type exif",
    b"Raw profile type APP1",
    b"Raw profile type iptc",
    b"Raw profile type 8bim",
    b"Raw profile type xmp",
];

const XMP_ID: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
/// A non-standard header some writers use (e.g. metadata-extractor's withXmp.jpg).
const XMP_ID_ALT: &[u8] = b"XMP\0://ns.adobe.com/xap/1.0/\0";
const PHOTOSHOP_ID: &[u8] = b"Photoshop 3.0\0";

/// The metadata blocks of a file, in file order.
#[derive(Debug, Default)]
pub(crate) struct Blocks {
    pub tiff: Vec<Vec<u8>>,
    pub xmp: Vec<Vec<u8>>,
    pub iim: Vec<Vec<u8>>,
}

impl Blocks {
    fn push_tiff(&mut self, b: &[u8]) {
        if self.tiff.len() < MAX_BLOCKS {
            self.tiff.push(b.to_vec());
        }
    }
    fn push_xmp(&mut self, b: &[u8]) {
        if self.xmp.len() < MAX_BLOCKS {
            self.xmp.push(b.to_vec());
        }
    }
    fn push_iim(&mut self, b: &[u8]) {
        if self.iim.len() < MAX_BLOCKS {
            self.iim.push(b.to_vec());
        }
    }
    /// Photoshop image resources (8BIM…), or a bare IIM block.
    fn push_irb_or_iim(&mut self, b: &[u8]) {
        if b.first() == Some(&0x1C) {
            self.push_iim(b);
        } else {
            for iim in photoshop_iim(b) {
                self.push_iim(iim);
            }
        }
    }
}

pub(crate) fn extract(bytes: &[u8]) -> Blocks {
    let mut out = Blocks::default();
    match Format::sniff(bytes) {
        Some(Format::Jpeg) => jpeg(bytes, &mut out),
        Some(Format::Png) => png(bytes, &mut out),
        Some(Format::Webp) => webp(bytes, &mut out),
        Some(Format::Tiff) => out.push_tiff(bytes),
        None => {}
    }
    out
}

fn jpeg(b: &[u8], out: &mut Blocks) {
    let mut irb: Vec<u8> = Vec::new();
    let mut pos = 2usize;
    while pos + 4 <= b.len() {
        if b[pos] != 0xFF {
            break;
        }
        let marker = b[pos + 1];
        match marker {
            0xFF => {
                pos += 1; // fill byte
                continue;
            }
            0x01 | 0xD0..=0xD8 => {
                pos += 2; // standalone markers
                continue;
            }
            0xD9 | 0xDA => break, // EOI, SOS: no metadata after this point
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([b[pos + 2], b[pos + 3]]));
        if len < 2 {
            break;
        }
        let end = (pos + 2 + len).min(b.len());
        let payload = &b[pos + 4..end];
        match marker {
            0xE1 => {
                if let Some(t) = payload.strip_prefix(b"Exif\0\0") {
                    out.push_tiff(t);
                } else if let Some(x) = payload.strip_prefix(XMP_ID) {
                    out.push_xmp(x);
                } else if let Some(x) = payload.strip_prefix(XMP_ID_ALT) {
                    out.push_xmp(x);
                }
                // Extended XMP (http://ns.adobe.com/xmp/extension/) is ignored.
            }
            0xED => {
                // A Photoshop IRB may be split over several APP13 segments: concatenate.
                if let Some(r) = payload.strip_prefix(PHOTOSHOP_ID) {
                    if irb.len() + r.len() <= (4 << 20) {
                        irb.extend_from_slice(r);
                    }
                }
            }
            _ => {}
        }
        pos = end;
    }
    if !irb.is_empty() {
        out.push_irb_or_iim(&irb);
    }
}

/// Inflates zlib data, at most `budget` bytes (which it lowers by what it used); whatever
/// decoded before an error counts.
fn inflate(z: &[u8], budget: &mut u64) -> Vec<u8> {
    let mut v = Vec::new();
    let _ = flate2::read::ZlibDecoder::new(z)
        .take(*budget)
        .read_to_end(&mut v);
    *budget = budget.saturating_sub(v.len() as u64);
    v
}

fn png(b: &[u8], out: &mut Blocks) {
    let mut budget = MAX_INFLATE;
    let mut pos = 8usize;
    while pos + 8 <= b.len() {
        let len = u32::from_be_bytes([b[pos], b[pos + 1], b[pos + 2], b[pos + 3]]) as usize;
        let kind = [b[pos + 4], b[pos + 5], b[pos + 6], b[pos + 7]];
        let start = pos + 8;
        let Some(data) = b.get(start..start.saturating_add(len)) else {
            break;
        };
        match &kind {
            b"eXIf" => out.push_tiff(data.strip_prefix(b"Exif\0\0").unwrap_or(data)),
            b"iTXt" | b"zTXt" | b"tEXt" => {
                if let Some((key, text)) = png_text(&kind, data, &mut budget) {
                    png_keyword(key, &text, out);
                }
            }
            b"IEND" => break,
            _ => {}
        }
        pos = start + len + 4; // + CRC
    }
}

/// Keyword and (decompressed) text of a PNG text chunk, for the keywords we read only.
fn png_text<'a>(kind: &[u8; 4], data: &'a [u8], budget: &mut u64) -> Option<(&'a [u8], Vec<u8>)> {
    let nul = data.iter().take(80).position(|&c| c == 0)?;
    let (key, rest) = (&data[..nul], &data[nul + 1..]);
    if !PNG_KEYWORDS.contains(&key) {
        return None;
    }
    match kind {
        b"tEXt" => Some((key, rest.to_vec())),
        b"zTXt" => Some((key, inflate(rest.get(1..)?, budget))),
        _ => {
            // iTXt: compression flag, method, language\0, translated keyword\0, text
            let (&flag, rest) = rest.split_first()?;
            let rest = rest.get(1..)?;
            let l = rest.iter().position(|&c| c == 0)?;
            let rest = &rest[l + 1..];
            let t = rest.iter().position(|&c| c == 0)?;
            let text = &rest[t + 1..];
            Some((
                key,
                if flag == 1 {
                    inflate(text, budget)
                } else {
                    text.to_vec()
                },
            ))
        }
    }
}

fn png_keyword(key: &[u8], text: &[u8], out: &mut Blocks) {
    match key {
        b"XML:com.adobe.xmp" => out.push_xmp(text),
        b"Raw profile type exif" | b"Raw profile type APP1" => {
            if let Some(raw) = raw_profile(text) {
                out.push_tiff(raw.strip_prefix(b"Exif\0\0").unwrap_or(&raw));
            }
        }
        b"Raw profile type iptc" | b"Raw profile type 8bim" => {
            if let Some(raw) = raw_profile(text) {
                out.push_irb_or_iim(raw.strip_prefix(PHOTOSHOP_ID).unwrap_or(&raw));
            }
        }
        b"Raw profile type xmp" => {
            if let Some(raw) = raw_profile(text) {
                out.push_xmp(&raw);
            }
        }
        _ => {}
    }
}

/// ImageMagick's raw profile: "\n<name>\n<spaces><decimal length>\n<hex digits, wrapped>".
/// Some writers store the binary profile directly; that is returned as is.
fn raw_profile(text: &[u8]) -> Option<Vec<u8>> {
    if text.first() != Some(&b'\n') {
        return Some(text.to_vec());
    }
    let mut lines = text[1..].splitn(3, |&c| c == b'\n');
    let _name = lines.next()?;
    let len: usize = std::str::from_utf8(lines.next()?)
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let hex = lines.next()?;
    // Two hex digits per byte: never allocate more than the text can hold.
    let mut out = Vec::with_capacity(len.min(hex.len() / 2));
    let mut hi: Option<u8> = None;
    for &c in hex {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => continue,
        };
        match hi.take() {
            None => hi = Some(v),
            Some(h) => {
                out.push(h << 4 | v);
                if out.len() == len {
                    break;
                }
            }
        }
    }
    Some(out)
}

fn webp(b: &[u8], out: &mut Blocks) {
    let riff_end = (u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize).saturating_add(8);
    let end = riff_end.min(b.len());
    let mut pos = 12usize;
    while pos + 8 <= end {
        let kind = &b[pos..pos + 4];
        let len = u32::from_le_bytes([b[pos + 4], b[pos + 5], b[pos + 6], b[pos + 7]]) as usize;
        let start = pos + 8;
        let Some(data) = b.get(start..start.saturating_add(len)) else {
            break;
        };
        match kind {
            b"EXIF" => out.push_tiff(data.strip_prefix(b"Exif\0\0").unwrap_or(data)),
            b"XMP " => out.push_xmp(data),
            _ => {}
        }
        pos = start + len + (len & 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_profile_hex() {
        let t = b"\nexif\n       4\n45786966\n";
        assert_eq!(raw_profile(t).unwrap(), b"Exif");
        // a declared length far beyond the text allocates nothing big
        let t = b"\niptc\n 4294967295\n1c02";
        assert_eq!(raw_profile(t).unwrap(), vec![0x1c, 0x02]);
    }

    #[test]
    fn jpeg_zero_length_segment_stops() {
        let b = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x00, 0xFF, 0xE1];
        let out = extract(&b);
        assert!(out.tiff.is_empty());
    }
}
