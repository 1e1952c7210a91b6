//! Strict completeness checks, run before decoding: a half-copied file is refused with
//! `truncated_image` instead of being decoded into a half-grey picture.

use super::{corrupt, next_jpeg_marker, too_large, truncated, MAX_JPEG_SCANS};
use crate::error::Measure;
use crate::error::Result;
use crate::imaging::Format;

/// Strict completeness. JPEG: reaches EOI through a valid marker structure (segments and
/// entropy-coded data are walked; bytes after EOI are allowed) in at most
/// [`MAX_JPEG_SCANS`] scans. PNG: reaches IEND, every chunk
/// CRC checked. WebP: the RIFF and chunk sizes fit in the file. TIFF: the IFDs and the image
/// data (strips/tiles) of the first image lie inside the file.
pub fn check_complete(bytes: &[u8], format: Format) -> Result<()> {
    match format {
        Format::Jpeg => jpeg(bytes),
        Format::Png => png(bytes),
        Format::Webp => webp(bytes),
        Format::Tiff => tiff(bytes),
    }
}

fn cut(kind: &str, b: &[u8]) -> crate::Error {
    truncated(format!(
        "the file ends before the image does (truncated {kind}): only {} bytes",
        b.len()
    ))
}

fn jpeg(b: &[u8]) -> Result<()> {
    if b.len() < 4 || b[0] != 0xFF || b[1] != 0xD8 {
        return Err(cut("JPEG", b));
    }
    let mut i = 2;
    let (mut frame, mut scans) = (false, 0usize);
    loop {
        i = next_jpeg_marker(b, i);
        if i >= b.len() {
            return Err(if scans == 0 && frame {
                truncated(format!(
                    "the file ends before the image data starts (truncated JPEG): only {} bytes",
                    b.len()
                ))
            } else {
                cut("JPEG", b)
            });
        }
        let m = b[i];
        i += 1;
        match m {
            0xD9 => {
                if scans == 0 {
                    return Err(corrupt("the JPEG ends (EOI) without any image data"));
                }
                return Ok(());
            }
            0xD8 => {
                return Err(corrupt(
                    "the JPEG has a second start-of-image marker inside it",
                ))
            }
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        if i + 2 > b.len() {
            return Err(cut("JPEG", b));
        }
        let len = u16::from_be_bytes([b[i], b[i + 1]]) as usize;
        if len < 2 {
            return Err(corrupt(format!(
                "the JPEG has a damaged segment (marker FF{m:02X}, length {len})"
            )));
        }
        if i + len > b.len() {
            return Err(cut("JPEG", b));
        }
        match m {
            0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => frame = true,
            0xDA => {
                if !frame {
                    return Err(corrupt(
                        "the JPEG image data starts before its frame header (no SOF before SOS)",
                    ));
                }
                scans += 1;
                if scans > MAX_JPEG_SCANS {
                    return Err(too_large(format!(
                        "the JPEG's image data comes in more than {MAX_JPEG_SCANS} scans; \
                         a photo has about ten"
                    ))
                    .with(|v| v.over(Measure::Scans, scans as f64, MAX_JPEG_SCANS as f64)));
                }
                i += len;
                // Entropy-coded data: FF 00 is a stuffed byte, FF D0..D7 a restart marker, FF FF
                // fill; any other FF xx is the next marker.
                loop {
                    match b[i..].iter().position(|&x| x == 0xFF) {
                        None => return Err(cut("JPEG", b)),
                        Some(p) => i += p,
                    }
                    let mut j = i + 1;
                    while j < b.len() && b[j] == 0xFF {
                        j += 1;
                    }
                    if j >= b.len() {
                        return Err(cut("JPEG", b));
                    }
                    match b[j] {
                        0x00 | 0xD0..=0xD7 => i = j + 1,
                        _ => {
                            i = j - 1; // at the last FF before the marker byte
                            break;
                        }
                    }
                }
                continue;
            }
            _ => {}
        }
        i += len;
    }
}

fn be32(b: &[u8], i: usize) -> u32 {
    u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn png(b: &[u8]) -> Result<()> {
    let mut i = 8;
    let mut idat = false;
    let mut first = true;
    loop {
        if i + 12 > b.len() {
            return Err(cut("PNG", b));
        }
        let len = be32(b, i) as usize;
        if len > 0x7FFF_FFFF {
            return Err(corrupt("the PNG has a chunk with an impossible length"));
        }
        let ty = &b[i + 4..i + 8];
        if !ty.iter().all(u8::is_ascii_alphabetic) {
            return Err(corrupt(
                "the PNG chunk structure is damaged (invalid chunk type)",
            ));
        }
        if first && ty != b"IHDR" {
            return Err(corrupt(
                "the PNG does not start with its header chunk (IHDR)",
            ));
        }
        first = false;
        let end = i + 8 + len;
        if end + 4 > b.len() {
            return Err(cut("PNG", b));
        }
        let mut crc = flate2::Crc::new();
        crc.update(&b[i + 4..end]);
        if crc.sum() != be32(b, end) {
            return Err(corrupt(format!(
                "the PNG is damaged: checksum mismatch in its {} chunk",
                String::from_utf8_lossy(ty)
            )));
        }
        match ty {
            b"IDAT" => idat = true,
            b"IEND" => {
                if !idat {
                    return Err(corrupt("the PNG has no image data (no IDAT chunk)"));
                }
                return Ok(());
            }
            _ => {}
        }
        i = end + 4;
    }
}

fn webp(b: &[u8]) -> Result<()> {
    if b.len() < 20 {
        return Err(cut("WebP", b));
    }
    let riff_end = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize + 8;
    if riff_end > b.len() {
        return Err(cut("WebP", b));
    }
    let mut i = 12;
    let mut image = false;
    while i + 8 <= riff_end {
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let ty = &b[i..i + 4];
        if i + 8 + len > riff_end {
            return Err(cut("WebP", b));
        }
        if matches!(ty, b"VP8 " | b"VP8L" | b"ANMF") {
            image = true;
        }
        i += 8 + len + (len & 1);
    }
    if !image {
        return Err(corrupt(
            "the WebP file has no image data (no VP8/VP8L chunk)",
        ));
    }
    Ok(())
}

fn tiff(b: &[u8]) -> Result<()> {
    let le = b.starts_with(b"II");
    let u16_at = |i: usize| -> Option<u32> {
        let s = b.get(i..i + 2)?;
        Some(if le {
            u16::from_le_bytes([s[0], s[1]])
        } else {
            u16::from_be_bytes([s[0], s[1]])
        } as u32)
    };
    let u32_at = |i: usize| -> Option<u32> {
        let s = b.get(i..i + 4)?;
        let a = [s[0], s[1], s[2], s[3]];
        Some(if le {
            u32::from_le_bytes(a)
        } else {
            u32::from_be_bytes(a)
        })
    };
    let short = || cut("TIFF", b);
    let ifd = u32_at(4).ok_or_else(short)? as usize;
    let n = u16_at(ifd).ok_or_else(short)? as usize;
    if ifd + 2 + n * 12 + 4 > b.len() {
        return Err(short());
    }
    // (offsets, counts) of strips or tiles: tag → (type, count, value/offset field position)
    let entry = |tag: u32| -> Option<(u32, usize, usize)> {
        (0..n)
            .map(|k| ifd + 2 + k * 12)
            .find(|&e| u16_at(e) == Some(tag))
            .and_then(|e| Some((u16_at(e + 2)?, u32_at(e + 4)? as usize, e + 8)))
    };
    let (offs, counts) = match (entry(273), entry(279)) {
        (Some(o), Some(c)) => (o, c),
        _ => match (entry(324), entry(325)) {
            (Some(o), Some(c)) => (o, c),
            _ => {
                return Err(corrupt(
                    "the TIFF has no image data (no strip or tile offsets)",
                ))
            }
        },
    };
    let values = |(ty, count, field): (u32, usize, usize)| -> Option<Vec<u64>> {
        let size = if ty == 3 { 2 } else { 4 };
        if count > b.len() {
            return None;
        }
        let base = if count * size <= 4 {
            field
        } else {
            u32_at(field)? as usize
        };
        (0..count)
            .map(|k| {
                let p = base + k * size;
                if ty == 3 { u16_at(p) } else { u32_at(p) }.map(u64::from)
            })
            .collect()
    };
    let (o, c) = (
        values(offs).ok_or_else(short)?,
        values(counts).ok_or_else(short)?,
    );
    if o.len() != c.len() {
        return Err(corrupt("the TIFF strip/tile tables do not match"));
    }
    if o.iter().zip(&c).any(|(o, c)| o + c > b.len() as u64) {
        return Err(short());
    }
    Ok(())
}
