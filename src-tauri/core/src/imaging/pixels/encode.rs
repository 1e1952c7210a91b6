//! Encoding renditions: progressive 4:2:0 JPEG (jpeg-encoder) and lossy WebP (libwebp) in an
//! extended VP8X container. Each carries an sRGB ICC profile and the rights block from
//! [`crate::imaging::embed`]; nothing else.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

use super::colour::srgb_icc;
use super::{corrupt, too_large, Model, Raster, Rendition, RenditionFormat, RenditionSpec};
use crate::error::Result;
use crate::imaging::{embed, RightsMeta};

/// Encode every raster in every requested format, on up to two threads (largest jobs first).
/// Result order: widest first, JPEG before WebP for the same width.
pub(crate) fn encode_all(
    rasters: &[Raster],
    spec: &RenditionSpec,
    rights: &RightsMeta,
) -> Result<Vec<Rendition>> {
    let mut jobs: Vec<(usize, RenditionFormat)> = Vec::new();
    for i in 0..rasters.len() {
        if spec.jpeg {
            jobs.push((i, RenditionFormat::Jpeg));
        }
        if spec.webp {
            jobs.push((i, RenditionFormat::Webp));
        }
    }
    let segments = embed::jpeg_segments(rights);
    let chunks = embed::webp_chunks(rights);
    let run = |(i, f): (usize, RenditionFormat)| -> Result<Rendition> {
        let r = &rasters[i];
        let bytes = super::guard("encoder", || match f {
            RenditionFormat::Jpeg => jpeg(r, spec.jpeg_quality, &segments),
            RenditionFormat::Webp => webp(r, spec.webp_quality, &chunks),
        })?;
        Ok(Rendition {
            width: r.width,
            height: r.height,
            format: f,
            bytes,
        })
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(2);
    let total: u64 = rasters
        .iter()
        .map(|r| r.width as u64 * r.height as u64)
        .sum();
    if threads < 2 || jobs.len() < 2 || total < 500_000 {
        return jobs.into_iter().map(run).collect();
    }
    // Jobs are already in descending size; two workers pull from a shared counter.
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<Result<Rendition>>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= jobs.len() {
                    break;
                }
                let out = run(jobs[k]);
                slots.lock().unwrap_or_else(|e| e.into_inner())[k] = Some(out);
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Err(corrupt("internal error: an encoder thread stopped"))))
        .collect()
}

pub(crate) fn jpeg(r: &Raster, quality: u8, segments: &[(u8, Vec<u8>)]) -> Result<Vec<u8>> {
    debug_assert_eq!(r.model, Model::Rgb);
    if r.width > 65535 || r.height > 65535 {
        return Err(too_large(format!(
            "a JPEG rendition can be at most 65535 pixels wide or high; this one would be {}×{}",
            r.width, r.height
        )));
    }
    let mut out = Vec::with_capacity(r.data.len() / 8);
    let mut e = Encoder::new(&mut out, quality);
    e.set_progressive(true);
    e.set_sampling_factor(SamplingFactor::R_4_2_0);
    let err = |e: jpeg_encoder::EncodingError| corrupt(format!("JPEG encoding failed: {e}"));
    // The rights block first (APP1 XMP right after JFIF), then the ICC profile (APP2).
    for (n, payload) in segments {
        e.add_app_segment(*n, payload.clone()).map_err(err)?;
    }
    e.add_icc_profile(srgb_icc()).map_err(err)?;
    e.encode(&r.data, r.width as u16, r.height as u16, ColorType::Rgb)
        .map_err(err)?;
    Ok(out)
}

pub(crate) fn webp(r: &Raster, quality: f32, chunks: &[([u8; 4], Vec<u8>)]) -> Result<Vec<u8>> {
    debug_assert_eq!(r.model, Model::Rgb);
    if r.width > 16383 || r.height > 16383 {
        return Err(too_large(format!(
            "a WebP rendition can be at most 16383 pixels wide or high; this one would be {}×{}",
            r.width, r.height
        )));
    }
    let mut config = webp::WebPConfig::new().map_err(|_| corrupt("WebP encoder unavailable"))?;
    config.lossless = 0;
    config.quality = quality;
    config.method = 4;
    let mem = webp::Encoder::from_rgb(&r.data, r.width, r.height)
        .encode_advanced(&config)
        .map_err(|e| corrupt(format!("WebP encoding failed: {e:?}")))?;
    let simple: &[u8] = &mem;
    let vp8 = find_chunk(simple, b"VP8 ")
        .ok_or_else(|| corrupt("WebP encoder produced no VP8 bitstream"))?;
    Ok(webp_container(r.width, r.height, srgb_icc(), vp8, chunks))
}

/// The payload of the first chunk `fourcc` in a RIFF WebP.
fn find_chunk<'a>(b: &'a [u8], fourcc: &[u8; 4]) -> Option<&'a [u8]> {
    let mut i = 12;
    while i + 8 <= b.len() {
        let len = u32::from_le_bytes(b[i + 4..i + 8].try_into().ok()?) as usize;
        let end = (i + 8).checked_add(len)?;
        if &b[i..i + 4] == fourcc {
            return b.get(i + 8..end);
        }
        i = end + (len & 1);
    }
    None
}

fn push_chunk(out: &mut Vec<u8>, fourcc: &[u8; 4], payload: &[u8]) {
    out.extend_from_slice(fourcc);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
    if payload.len() % 2 == 1 {
        out.push(0);
    }
}

/// Wraps a lossy `VP8 ` bitstream into an extended WebP (`VP8X`, `ICCP`, bitstream, then
/// `extra` chunks such as `EXIF`/`XMP `), with the flags, canvas and RIFF size set.
pub fn webp_container(
    w: u32,
    h: u32,
    icc: &[u8],
    vp8: &[u8],
    extra: &[([u8; 4], Vec<u8>)],
) -> Vec<u8> {
    let mut flags = 0u8;
    if !icc.is_empty() {
        flags |= 0x20;
    }
    for (cc, _) in extra {
        match cc {
            b"EXIF" => flags |= 0x08,
            b"XMP " => flags |= 0x04,
            _ => {}
        }
    }
    let mut hdr = [0u8; 10];
    hdr[0] = flags;
    hdr[4..7].copy_from_slice(&(w - 1).to_le_bytes()[..3]);
    hdr[7..10].copy_from_slice(&(h - 1).to_le_bytes()[..3]);
    let extra_len: usize = extra.iter().map(|(_, p)| 8 + p.len() + p.len() % 2).sum();
    let mut out = Vec::with_capacity(12 + 18 + 8 + icc.len() + 1 + 8 + vp8.len() + 1 + extra_len);
    out.extend_from_slice(b"RIFF\0\0\0\0WEBP");
    push_chunk(&mut out, b"VP8X", &hdr);
    if !icc.is_empty() {
        push_chunk(&mut out, b"ICCP", icc);
    }
    push_chunk(&mut out, b"VP8 ", vp8);
    for (cc, p) in extra {
        push_chunk(&mut out, cc, p);
    }
    let riff = (out.len() - 8) as u32;
    out[4..8].copy_from_slice(&riff.to_le_bytes());
    out
}
