//! The pixel pipeline: probe (header only, with the size limits), completeness check, decode
//! once (DCT-scaled for JPEG), colour-convert to sRGB 8-bit, orient, resize as a cascade and
//! encode the renditions (progressive JPEG and/or lossy WebP, each with an sRGB ICC profile and
//! the rights block). Nothing from the original file is copied into a rendition: renditions are
//! built from pixels only.
//!
//! Every decoder and encoder runs inside `catch_unwind`; a panic becomes `corrupt_image`.

mod check;
mod colour;
mod decode;
mod encode;
mod frames;
mod geom;
mod probe;

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde::{Deserialize, Serialize};

use super::{Format, RightsMeta};
use crate::error::{Error, ImageProblem, Measure, Result};

pub use check::check_complete;
pub use colour::srgb_icc;
pub use encode::webp_container;
pub use frames::Frame;
pub use probe::probe;
pub(crate) use probe::unsupported;

/// Guards against decompression bombs and runaway files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Width × height as stored (default 100 megapixels).
    pub max_pixels: u64,
    /// Bytes the fully decoded image would need (default 1 GiB).
    pub max_decode_bytes: u64,
    /// Size of the file itself (default 300 MiB).
    pub max_file_bytes: u64,
    /// How long decoding and encoding one photo may take before it is abandoned (default
    /// 60 s; a 100-megapixel photo takes a few seconds on a desk's machine). Applies to
    /// [`render_shared`].
    pub max_render_time: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pixels: 100_000_000,
            max_decode_bytes: 1 << 30,
            max_file_bytes: 300 << 20,
            max_render_time: std::time::Duration::from_secs(60),
        }
    }
}

/// The most scans (passes over the image data) a JPEG may come in. A progressive JPEG from a
/// camera or an editor has about ten; every scan makes the decoder walk all coefficients
/// again, so a file of thousands of tiny scans would keep it busy for minutes.
pub const MAX_JPEG_SCANS: usize = 100;

/// What the header says, read without decoding pixels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    pub format: Format,
    /// As stored, before orientation.
    pub width: u32,
    pub height: u32,
    /// Progressive JPEG, interlaced PNG.
    pub progressive: bool,
    /// "rgb", "gray", "cmyk", "ycck", "rgba", "gray-alpha", "palette".
    pub colour: String,
    /// Bits per sample.
    pub bit_depth: u8,
    pub has_icc: bool,
}

/// Which renditions to make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenditionSpec {
    pub widths: Vec<u32>,
    pub jpeg_quality: u8,
    pub webp_quality: f32,
    pub jpeg: bool,
    pub webp: bool,
}

impl Default for RenditionSpec {
    fn default() -> Self {
        RenditionSpec {
            widths: vec![320, 640, 1280, 2560],
            jpeg_quality: 82,
            webp_quality: 80.0,
            jpeg: true,
            webp: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RenditionFormat {
    Jpeg,
    Webp,
}

impl RenditionFormat {
    pub fn ext(self) -> &'static str {
        match self {
            RenditionFormat::Jpeg => "jpg",
            RenditionFormat::Webp => "webp",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendition {
    pub width: u32,
    pub height: u32,
    pub format: RenditionFormat,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendered {
    /// Full size after orientation.
    pub width: u32,
    pub height: u32,
    /// Widest first; for each width JPEG before WebP.
    pub renditions: Vec<Rendition>,
    /// 64-bit dHash of the upright image; see [`phash_distance`].
    pub phash: u64,
}

/// The renditions of several frames made from one decode ([`render_frames`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFrames {
    /// Full size after orientation.
    pub width: u32,
    pub height: u32,
    /// Per frame, in the order asked: widest first, JPEG before WebP.
    pub frames: Vec<Vec<Rendition>>,
}

/// Hamming distance between two perceptual hashes; near duplicates are `<= 10`.
pub fn phash_distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Near-duplicate threshold for [`phash_distance`].
pub const NEAR_DUPLICATE: u32 = 10;

/// An 8-bit raster in one of the colour models we carry between decode and sRGB conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Model {
    Gray,
    Rgb,
    /// Ink values, 0 = no ink (the Adobe inversion is already undone).
    Cmyk,
}

impl Model {
    pub(crate) fn channels(self) -> usize {
        match self {
            Model::Gray => 1,
            Model::Rgb => 3,
            Model::Cmyk => 4,
        }
    }
}

#[derive(Debug)]
pub(crate) struct Raster {
    pub width: u32,
    pub height: u32,
    pub model: Model,
    pub data: Vec<u8>,
}

/// Runs `f`, turning a panic inside a decoder or encoder into `corrupt_image`.
pub(crate) fn guard<T>(what: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => Err(Error::image(
            ImageProblem::Corrupt,
            format!("the image data is damaged: the {what} gave up on it"),
        )),
    }
}

/// The widest rendition made at an image's own width (when it is narrower than the largest
/// requested width): wider originals get the standard widths only.
pub const OWN_WIDTH_MAX: u32 = 2560;

/// The widths to make for an upright image `ow` wide: requested widths no larger than the
/// image, widest first, de-duplicated; plus the image's own width (at most
/// [`OWN_WIDTH_MAX`]) when it is narrower than the largest requested width, so a page never
/// has to stretch a smaller rendition where the original had more pixels.
pub fn target_widths(requested: &[u32], ow: u32) -> Vec<u32> {
    let mut w: Vec<u32> = requested
        .iter()
        .copied()
        .filter(|&w| w > 0 && w <= ow)
        .collect();
    let largest = requested.iter().copied().max().unwrap_or(0);
    if ow > 0 && ow < largest {
        w.push(ow.min(OWN_WIDTH_MAX));
    }
    w.sort_unstable_by(|a, b| b.cmp(a));
    w.dedup();
    if w.is_empty() {
        w.push(ow);
    }
    w
}

/// Height for `w` keeping the aspect ratio of `ow`×`oh` (rounded, at least 1).
pub fn proportional_height(w: u32, ow: u32, oh: u32) -> u32 {
    let h = ((w as u64 * oh as u64 * 2 + ow as u64) / (2 * ow as u64)) as u32;
    h.max(1)
}

/// [`render`] on a thread of its own, abandoned when it runs past `limits.max_render_time`;
/// see [`on_render_thread`].
pub fn render_shared<B>(
    bytes: std::sync::Arc<B>,
    orientation: u16,
    spec: &RenditionSpec,
    rights: &RightsMeta,
    limits: &Limits,
) -> Result<Rendered>
where
    B: std::ops::Deref<Target = [u8]> + Send + Sync + 'static,
{
    let (spec, rights, l) = (spec.clone(), rights.clone(), *limits);
    on_render_thread(limits, move || {
        render(&bytes, orientation, &spec, &rights, &l)
    })
}

/// [`render_frames`] on a thread of its own, abandoned like [`render_shared`].
pub fn render_frames_shared<B>(
    bytes: std::sync::Arc<B>,
    orientation: u16,
    spec: &RenditionSpec,
    frames: &[Frame],
    limits: &Limits,
) -> Result<RenderedFrames>
where
    B: std::ops::Deref<Target = [u8]> + Send + Sync + 'static,
{
    let (spec, frames, l) = (spec.clone(), frames.to_vec(), *limits);
    on_render_thread(limits, move || {
        render_frames(&bytes, orientation, &spec, &frames, &l)
    })
}

/// Runs a render on a thread of its own, abandoned (left to finish unheard, its result
/// dropped) when it runs past `limits.max_render_time`: a photo that would keep a worker busy
/// for minutes is refused with `image_too_large` instead. The bytes it reads are shared with
/// that thread (an original's memory map, never a copy of it).
fn on_render_thread<T: Send + 'static>(
    limits: &Limits,
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("render".into())
        .spawn(move || {
            let _ = tx.send(guard("renderer", f));
        })
        .map_err(|e| Error::io("a render thread".to_string(), e))?;
    let limit = limits.max_render_time;
    rx.recv_timeout(limit).unwrap_or_else(|_| {
        Err(too_large(format!(
            "decoding and scaling this photo took longer than {} s and was abandoned",
            limit.as_secs_f64()
        ))
        .with(|v| {
            v.over(
                Measure::RenderTime,
                limit.as_secs_f64(),
                limit.as_secs_f64(),
            )
        }))
    })
}

/// Decode once, orient, convert to sRGB 8-bit, make every requested width of the whole photo
/// and encode; with the perceptual hash.
pub fn render(
    bytes: &[u8],
    orientation: u16,
    spec: &RenditionSpec,
    rights: &RightsMeta,
    limits: &Limits,
) -> Result<Rendered> {
    let mut phash = 0;
    let out = render_inner(
        bytes,
        orientation,
        spec,
        &[Frame::whole(rights.clone())],
        limits,
        Some(&mut phash),
    )?;
    Ok(Rendered {
        width: out.width,
        height: out.height,
        renditions: out.frames.into_iter().next().unwrap_or_default(),
        phash,
    })
}

/// Decode once, orient, convert to sRGB 8-bit, then make every frame (the whole photo or a
/// crop of it) at its widths and encode each with its own rights block.
pub fn render_frames(
    bytes: &[u8],
    orientation: u16,
    spec: &RenditionSpec,
    frames: &[Frame],
    limits: &Limits,
) -> Result<RenderedFrames> {
    render_inner(bytes, orientation, spec, frames, limits, None)
}

fn render_inner(
    bytes: &[u8],
    orientation: u16,
    spec: &RenditionSpec,
    frames: &[Frame],
    limits: &Limits,
    phash: Option<&mut u64>,
) -> Result<RenderedFrames> {
    let t = std::time::Instant::now();
    let p = probe(bytes, limits)?;
    check_complete(bytes, p.format)?;
    let orientation = if (1..=8).contains(&orientation) {
        orientation
    } else {
        1
    };
    let swap = orientation >= 5;
    let (ow, oh) = if swap {
        (p.height, p.width)
    } else {
        (p.width, p.height)
    };
    if let Some(bad) = frames
        .iter()
        .filter_map(|f| f.rect)
        .find(|r| !r.inside(ow, oh))
    {
        return Err(Error::invalid(format!(
            "the crop {}×{} at {},{} does not lie inside the {ow}×{oh} photo",
            bad.width, bad.height, bad.x, bad.y
        )));
    }
    let (plans, (lw, lh)) = frames::plan(frames, spec, ow, oh);
    // The decode in stored orientation: what the decoder has to deliver at least.
    let (sw, sh) = if swap { (lh, lw) } else { (lw, lh) };

    let (raster, icc) = guard("decoder", || decode::decode(bytes, &p, sw, sh, limits))?;
    let t_decode = t.elapsed();
    let hwm_decode = super::memory::peak_rss_mib();
    let raster = guard("resizer", || geom::resize_owned(raster, sw, sh))?;
    let t_resize = t.elapsed();
    let raster = guard("colour converter", || {
        Ok(colour::to_srgb(raster, icc.as_deref()))
    })?;
    let mut upright = Some(geom::orient(raster, orientation));
    let t_prep = t.elapsed();

    let mut out = Vec::with_capacity(frames.len());
    let mut t_cascade = std::time::Duration::ZERO;
    let mut hash = None;
    for (i, (f, plan)) in frames.iter().zip(&plans).enumerate() {
        let c = std::time::Instant::now();
        // The cascade: each width from the previous (larger) result. The last frame takes the
        // decoded image itself when it is the whole photo (no copy).
        let first = match (i + 1 == frames.len(), f.rect) {
            (true, None) => {
                let (w, h) = plan.sizes[0];
                let whole = upright.take().expect("decoded");
                guard("resizer", || geom::resize_owned(whole, w, h))?
            }
            _ => {
                let whole = upright.as_ref().expect("decoded");
                guard("resizer", || frames::cut(whole, f, plan, ow, oh))?
            }
        };
        let mut rasters = Vec::with_capacity(plan.sizes.len());
        rasters.push(first);
        for &(w, h) in &plan.sizes[1..] {
            let next = guard("resizer", || geom::resize(rasters.last().unwrap(), w, h))?;
            rasters.push(next);
        }
        if f.rect.is_none() && hash.is_none() {
            hash = Some(geom::dhash(rasters.last().unwrap()));
        }
        t_cascade += c.elapsed();
        out.push(guard("encoder", || {
            encode::encode_all(&rasters, spec, &f.rights)
        })?);
    }
    if let Some(p) = phash {
        *p = hash.unwrap_or(0);
    }
    if std::env::var_os("NEWSROOM_PIXELS_TRACE").is_some() {
        eprintln!(
            "render: {} frame(s): decode {:?} (peak {:.0} MiB) resize {:?} prep {:?} cascades {:?} encode {:?} (peak {:.0} MiB)",
            frames.len(),
            t_decode,
            hwm_decode,
            t_resize - t_decode,
            t_prep - t_resize,
            t_cascade,
            t.elapsed() - t_prep - t_cascade,
            super::memory::peak_rss_mib()
        );
    }
    Ok(RenderedFrames {
        width: ow,
        height: oh,
        frames: out,
    })
}

/// Where the next JPEG marker code is, from `i` on: past any stray bytes before its `FF` and
/// past the `FF` fill bytes. `b.len()` when there is none. Bytes between segments are not
/// allowed by the standard, but libjpeg skips them with a warning and cameras (Sony Ericsson,
/// some scanners) write them; so do we.
pub(crate) fn next_jpeg_marker(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] != 0xFF {
        i += 1;
    }
    while i < b.len() && b[i] == 0xFF {
        i += 1;
    }
    i
}

pub(crate) fn too_large(msg: String) -> Error {
    Error::image(ImageProblem::TooLarge, msg)
}
pub(crate) fn corrupt(msg: impl Into<String>) -> Error {
    Error::image(ImageProblem::Corrupt, msg)
}
pub(crate) fn truncated(msg: impl Into<String>) -> Error {
    Error::image(ImageProblem::Truncated, msg)
}
