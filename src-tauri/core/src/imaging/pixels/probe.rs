//! Header-only probing: format by content, dimensions, colour model, and the size limits —
//! all before a single pixel is decoded.

use std::io::Cursor;

use image::ImageDecoder;

use super::{corrupt, next_jpeg_marker, too_large, truncated, Limits, Probe};
use crate::error::{Error, FileKind, ImageProblem, Measure, Result};
use crate::imaging::Format;

pub fn probe(bytes: &[u8], limits: &Limits) -> Result<Probe> {
    if bytes.len() as u64 > limits.max_file_bytes {
        let (mib, limit) = (mib(bytes.len() as u64), mib(limits.max_file_bytes));
        return Err(too_large(format!(
            "the file is {mib:.1} MiB; the limit is {limit:.0} MiB"
        ))
        .with(|v| v.over(Measure::FileSize, mib, limit)));
    }
    if bytes.is_empty() {
        return Err(truncated("the file is empty (0 bytes): there is no image in it; was the copy or upload interrupted?").with(|v| v.bytes = Some(0)));
    }
    let format = match Format::sniff(bytes) {
        Some(f) => f,
        None => return Err(unknown(bytes)),
    };
    let p = guard_probe(|| match format {
        Format::Jpeg => jpeg(bytes),
        Format::Png => png(bytes),
        Format::Webp => webp(bytes),
        Format::Tiff => tiff(bytes),
    })?;
    if p.width == 0 || p.height == 0 {
        return Err(corrupt(format!(
            "the {} header says the image is {}×{} pixels, which is impossible",
            name(format),
            p.width,
            p.height
        )));
    }
    let pixels = p.width as u64 * p.height as u64;
    if pixels > limits.max_pixels {
        let (mp, limit) = (pixels as f64 / 1e6, limits.max_pixels as f64 / 1e6);
        return Err(too_large(format!(
            "the image is {}×{} pixels ({mp:.1} megapixels); the limit is {limit:.0} megapixels",
            p.width, p.height,
        ))
        .with(|v| {
            v.over(Measure::Pixels, mp, limit);
            (v.width, v.height) = (Some(p.width), Some(p.height));
        }));
    }
    let decode = decode_bytes(&p);
    if decode > limits.max_decode_bytes {
        let (need, limit) = (mib(decode), mib(limits.max_decode_bytes));
        return Err(too_large(format!(
            "decoding this {}×{} image would need {need:.0} MiB of memory; the limit is {limit:.0} MiB",
            p.width, p.height,
        ))
        .with(|v| {
            v.over(Measure::Memory, need, limit);
            (v.width, v.height) = (Some(p.width), Some(p.height));
        }));
    }
    Ok(p)
}

fn guard_probe(f: impl FnOnce() -> Result<Probe>) -> Result<Probe> {
    super::guard("header reader", f)
}

/// Bytes a full-size decode needs: samples × bytes per sample (a progressive JPEG also keeps
/// all its DCT coefficients, 2 bytes per sample, while decoding).
pub(crate) fn decode_bytes(p: &Probe) -> u64 {
    let channels: u64 = match p.colour.as_str() {
        "gray" => 1,
        "gray-alpha" => 2,
        "rgb" => 3,
        "palette" => 4,
        _ => 4,
    };
    let bps: u64 = if p.bit_depth > 8 { 2 } else { 1 };
    let mut n = p.width as u64 * p.height as u64 * channels * bps;
    if p.format == Format::Jpeg && p.progressive {
        n += p.width as u64 * p.height as u64 * channels * 2;
    }
    n
}

pub(crate) fn name(f: Format) -> &'static str {
    match f {
        Format::Jpeg => "JPEG",
        Format::Png => "PNG",
        Format::Webp => "WebP",
        Format::Tiff => "TIFF",
    }
}

/// Not one of our formats; but a damaged PNG signature is a broken PNG, not another format.
fn unknown(bytes: &[u8]) -> Error {
    if bytes.len() >= 16 && (&bytes[1..4] == b"PNG" || &bytes[12..16] == b"IHDR") {
        return corrupt("the PNG signature at the start of the file is damaged (was it transferred as text, e.g. by FTP in ASCII mode?)");
    }
    let found = match FileKind::sniff(bytes) {
        FileKind::Unknown if bytes.starts_with(&[0xFF, 0xD8]) => {
            return corrupt("a damaged JPEG (no marker after the start-of-image)");
        }
        kind => kind,
    };
    unsupported(found, "this file is")
}

/// The file is `found`, not a photo: `intro` names the file ("this file is", "a.pdf is").
pub(crate) fn unsupported(found: FileKind, intro: &str) -> Error {
    Error::image(
        ImageProblem::UnsupportedFormat,
        format!(
            "{intro} {}; Newsroom takes JPEG, PNG, WebP and TIFF photos",
            found.english()
        ),
    )
    .with(|v| v.found = Some(found))
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1048576.0
}

fn be16(b: &[u8], i: usize) -> u16 {
    u16::from_be_bytes([b[i], b[i + 1]])
}
fn be32(b: &[u8], i: usize) -> u32 {
    u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}
fn le24(b: &[u8], i: usize) -> u32 {
    b[i] as u32 | (b[i + 1] as u32) << 8 | (b[i + 2] as u32) << 16
}

fn jpeg(b: &[u8]) -> Result<Probe> {
    let mut i = 2;
    let mut sof: Option<(u8, u8, u32, u32, u8)> = None; // marker, precision, w, h, components
    let mut adobe: Option<u8> = None;
    let mut has_icc = false;
    loop {
        i = next_jpeg_marker(b, i);
        if i >= b.len() {
            break;
        }
        let m = b[i];
        i += 1;
        match m {
            0xD8 | 0x01 | 0xD0..=0xD7 => continue,
            0xD9 | 0xDA => break,
            _ => {}
        }
        if i + 2 > b.len() {
            break;
        }
        let len = be16(b, i) as usize;
        if len < 2 {
            return Err(corrupt(format!(
                "the JPEG has a damaged segment (marker FF{m:02X} with length {len})"
            )));
        }
        let seg = &b[(i + 2).min(b.len())..(i + len).min(b.len())];
        match m {
            0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF if sof.is_none() => {
                if seg.len() < 6 {
                    break;
                }
                sof = Some((m, seg[0], be16(seg, 3) as u32, be16(seg, 1) as u32, seg[5]));
            }
            0xE2 if seg.starts_with(b"ICC_PROFILE\0") => has_icc = true,
            0xEE if seg.starts_with(b"Adobe") && seg.len() >= 12 => adobe = Some(seg[11]),
            _ => {}
        }
        i += len;
    }
    let Some((marker, precision, width, height, comps)) = sof else {
        if b.len() < 1024 {
            return Err(truncated(format!(
                "the file ends before the JPEG header does (truncated JPEG): only {} bytes",
                b.len()
            )));
        }
        return Err(corrupt(
            "the JPEG has no frame header (SOF): there is no image in it",
        ));
    };
    match marker {
        0xC0..=0xC2 => {}
        0xC3 | 0xC7 | 0xCB | 0xCF => return Err(unsupported(FileKind::LosslessJpeg, "this is")),
        _ => return Err(unsupported(FileKind::ArithmeticJpeg, "this is")),
    }
    if precision != 8 {
        return Err(unsupported(
            FileKind::DeepJpeg,
            &format!("this {precision}-bit JPEG is"),
        ));
    }
    let colour = match comps {
        1 => "gray",
        3 => "rgb",
        4 if adobe == Some(2) => "ycck",
        4 => "cmyk",
        n => {
            return Err(corrupt(format!(
                "the JPEG says it has {n} colour components, which is impossible"
            )))
        }
    };
    Ok(Probe {
        format: Format::Jpeg,
        width,
        height,
        progressive: marker == 0xC2,
        colour: colour.into(),
        bit_depth: precision,
        has_icc,
    })
}

fn png(b: &[u8]) -> Result<Probe> {
    if b.len() < 33 {
        return Err(truncated(format!(
            "the file ends before the PNG header does (truncated PNG): only {} bytes",
            b.len()
        )));
    }
    if &b[12..16] != b"IHDR" || be32(b, 8) != 13 {
        return Err(corrupt(
            "the PNG does not start with its header chunk (IHDR)",
        ));
    }
    let (width, height, depth, ctype, interlace) = (be32(b, 16), be32(b, 20), b[24], b[25], b[28]);
    let colour = match (ctype, depth) {
        (0, 1 | 2 | 4 | 8 | 16) => "gray",
        (2, 8 | 16) => "rgb",
        (3, 1 | 2 | 4 | 8) => "palette",
        (4, 8 | 16) => "gray-alpha",
        (6, 8 | 16) => "rgba",
        _ => {
            return Err(corrupt(format!(
                "the PNG header is invalid: colour type {ctype} with {depth} bits per sample does not exist"
            )))
        }
    };
    if interlace > 1 {
        return Err(corrupt(format!(
            "the PNG header is invalid: interlace method {interlace}"
        )));
    }
    // iCCP comes before IDAT; walk the chunk headers up to there.
    let mut has_icc = false;
    let mut i = 8;
    while i + 8 <= b.len() {
        let len = be32(b, i) as usize;
        let ty = &b[i + 4..i + 8];
        if ty == b"IDAT" || ty == b"IEND" {
            break;
        }
        if ty == b"iCCP" {
            has_icc = true;
        }
        i = i.saturating_add(12).saturating_add(len);
    }
    Ok(Probe {
        format: Format::Png,
        width,
        height,
        progressive: interlace == 1,
        colour: colour.into(),
        bit_depth: depth,
        has_icc,
    })
}

fn webp(b: &[u8]) -> Result<Probe> {
    let short = || {
        truncated(format!(
            "the file ends before the WebP header does (truncated WebP): only {} bytes",
            b.len()
        ))
    };
    if b.len() < 30 {
        return Err(short());
    }
    let fourcc = &b[12..16];
    let d = 20; // chunk payload
    let (width, height, alpha, icc) = match fourcc {
        b"VP8X" => {
            let flags = b[d];
            (
                le24(b, d + 4) + 1,
                le24(b, d + 7) + 1,
                flags & 0x10 != 0,
                flags & 0x20 != 0,
            )
        }
        b"VP8 " => {
            if b[d + 3..d + 6] != [0x9D, 0x01, 0x2A] {
                return Err(corrupt("the WebP (lossy) frame header is damaged"));
            }
            let w = u16::from_le_bytes([b[d + 6], b[d + 7]]) & 0x3FFF;
            let h = u16::from_le_bytes([b[d + 8], b[d + 9]]) & 0x3FFF;
            (w as u32, h as u32, false, false)
        }
        b"VP8L" => {
            if b[d] != 0x2F {
                return Err(corrupt("the WebP (lossless) header is damaged"));
            }
            let bits = u32::from_le_bytes([b[d + 1], b[d + 2], b[d + 3], b[d + 4]]);
            (
                (bits & 0x3FFF) + 1,
                ((bits >> 14) & 0x3FFF) + 1,
                (bits >> 28) & 1 != 0,
                false,
            )
        }
        _ => {
            return Err(corrupt(
                "the WebP file has no image header (VP8, VP8L or VP8X)",
            ))
        }
    };
    Ok(Probe {
        format: Format::Webp,
        width,
        height,
        progressive: false,
        colour: if alpha { "rgba" } else { "rgb" }.into(),
        bit_depth: 8,
        has_icc: icc,
    })
}

fn tiff(b: &[u8]) -> Result<Probe> {
    // The tiff decoder reads the first IFD only (no strips) on construction.
    let mut d =
        image::codecs::tiff::TiffDecoder::new(Cursor::new(b)).map_err(|e| decode_error(b, e))?;
    let (width, height) = d.dimensions();
    let has_icc = matches!(d.icc_profile(), Ok(Some(_)));
    use image::ExtendedColorType as E;
    let ect = d.original_color_type();
    let colour = match ect {
        E::L1 | E::L2 | E::L4 | E::L8 | E::L16 => "gray",
        E::La8 | E::La16 => "gray-alpha",
        E::Rgba8 | E::Rgba16 | E::Rgba32F => "rgba",
        E::Cmyk8 | E::Cmyk16 => "cmyk",
        _ => "rgb",
    };
    let bit_depth = (ect.bits_per_pixel() / ect.channel_count().max(1) as u16) as u8;
    Ok(Probe {
        format: Format::Tiff,
        width,
        height,
        progressive: false,
        colour: colour.into(),
        bit_depth,
        has_icc,
    })
}

/// An `image` crate error as one of ours.
pub(crate) fn decode_error(b: &[u8], e: image::ImageError) -> Error {
    use image::ImageError as E;
    match e {
        E::Unsupported(u) => Error::image(
            ImageProblem::UnsupportedFormat,
            format!("this image uses a feature we cannot read: {u}"),
        ),
        E::Limits(_) => {
            too_large("the image is too large to decode within the memory limit".into())
        }
        E::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => truncated(format!(
            "the file ends before the image does (truncated): only {} bytes",
            b.len()
        )),
        other => corrupt(format!("the image data is damaged: {other}")),
    }
}
