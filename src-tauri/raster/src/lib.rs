//! The pixel loops of Newsroom's photo engine: resizing (a SIMD convolution, optionally from
//! a crop box) and EXIF orientation, on 8-bit rasters of 1, 3 or 4 channels.
//!
//! They live in a crate of their own so that they are compiled optimised in every profile
//! (see the workspace's `[profile.dev.package.newsroom-raster]`): the resizer is generic, and
//! a generic is compiled in the crate that uses it, so inside the core (unoptimised in test
//! builds) a 24-megapixel resize took seconds instead of milliseconds. No other logic here;
//! the core decides what to make. Its tests are the core's (`core/tests/photo_pixels.rs` calls
//! these directly): a unit-test build of this crate would compile the optimised resizer a
//! second time, and CI's build waited 43 s for it.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

/// The resampling filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Lanczos3: the sharpest for photos (renditions).
    Lanczos3,
    /// Box: an area average (the perceptual hash's thumbnail).
    Box,
    /// Bilinear: for images smaller than the target.
    Bilinear,
}

/// An 8-bit raster: `channels` samples a pixel, rows top to bottom, no padding.
#[derive(Debug)]
pub struct Raster<'a> {
    pub width: u32,
    pub height: u32,
    pub channels: usize,
    pub data: &'a [u8],
}

fn pixel_type(channels: usize) -> Result<PixelType, String> {
    match channels {
        1 => Ok(PixelType::U8),
        3 => Ok(PixelType::U8x3),
        4 => Ok(PixelType::U8x4),
        n => Err(format!("{n} channels")),
    }
}

/// `src` (or its part `crop` = left, top, width, height in its pixels, fractions allowed)
/// resized to `w` × `h`.
pub fn resize(
    src: &Raster,
    w: u32,
    h: u32,
    filter: Filter,
    crop: Option<(f64, f64, f64, f64)>,
) -> Result<Vec<u8>, String> {
    let pt = pixel_type(src.channels)?;
    let image = ImageRef::new(src.width, src.height, src.data, pt).map_err(|e| e.to_string())?;
    let mut dst = Image::new(w, h, pt);
    let alg = ResizeAlg::Convolution(match filter {
        Filter::Lanczos3 => FilterType::Lanczos3,
        Filter::Box => FilterType::Box,
        Filter::Bilinear => FilterType::Bilinear,
    });
    let mut options = ResizeOptions::new().resize_alg(alg);
    if let Some((left, top, cw, ch)) = crop {
        options = options.crop(left, top, cw, ch);
    }
    Resizer::new()
        .resize(&image, &mut dst, &options)
        .map_err(|e| e.to_string())?;
    Ok(dst.into_vec())
}

/// `src` turned upright by EXIF orientation 2..=8 (anything else: unchanged); returns the
/// pixels and the new width and height. Tiled so that rotations stay cache friendly.
pub fn orient(src: &Raster, orientation: u16) -> (Vec<u8>, u32, u32) {
    let c = src.channels;
    let (w, h) = (src.width as usize, src.height as usize);
    if !(2..=8).contains(&orientation) {
        return (src.data.to_vec(), src.width, src.height);
    }
    let (ow, oh) = if orientation >= 5 { (h, w) } else { (w, h) };
    // Source pixel for output pixel (x, y).
    let map = |x: usize, y: usize| -> (usize, usize) {
        match orientation {
            2 => (w - 1 - x, y),
            3 => (w - 1 - x, h - 1 - y),
            4 => (x, h - 1 - y),
            5 => (y, x),
            6 => (y, h - 1 - x),
            7 => (w - 1 - y, h - 1 - x),
            _ => (w - 1 - y, x), // 8
        }
    };
    let mut out = vec![0u8; ow * oh * c];
    const T: usize = 64;
    for ty in (0..oh).step_by(T) {
        for tx in (0..ow).step_by(T) {
            for y in ty..(ty + T).min(oh) {
                for x in tx..(tx + T).min(ow) {
                    let (sx, sy) = map(x, y);
                    let s = (sy * w + sx) * c;
                    let d = (y * ow + x) * c;
                    out[d..d + c].copy_from_slice(&src.data[s..s + c]);
                }
            }
        }
    }
    (out, ow as u32, oh as u32)
}
