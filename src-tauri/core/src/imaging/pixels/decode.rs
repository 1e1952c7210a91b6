//! Decoding into an 8-bit [`Raster`] (grey, RGB or CMYK ink), with the embedded ICC profile.
//! JPEGs are decoded DCT-scaled (1/2, 1/4, 1/8) when the renditions are small enough; alpha
//! is flattened onto white; 16-bit samples are rounded to 8-bit.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat};

use super::probe::{decode_error, name};
use super::{corrupt, too_large, truncated, Limits, Model, Probe, Raster};
use crate::error::{Error, ImageProblem, Result};
use crate::imaging::Format;

/// Decode, at least `min_w`×`min_h` (stored orientation) where the format can scale on decode.
pub(crate) fn decode(
    bytes: &[u8],
    p: &Probe,
    min_w: u32,
    min_h: u32,
    limits: &Limits,
) -> Result<(Raster, Option<Vec<u8>>)> {
    match p.format {
        Format::Jpeg => {
            let full = (p.width, p.height);
            let scaled = dct_scale(full.0, full.1, min_w, min_h);
            jpeg(bytes, (scaled != full).then_some(scaled), limits)
        }
        f => other(bytes, f, limits),
    }
}

/// The smallest DCT scale (n/8, n ∈ {1, 2, 4, 8}) whose output is still >= the wanted size.
pub(crate) fn dct_scale(w: u32, h: u32, min_w: u32, min_h: u32) -> (u32, u32) {
    let scaled = |len: u32, n: u32| (len * n).div_ceil(8);
    for n in [1, 2, 4] {
        let (sw, sh) = (scaled(w, n), scaled(h, n));
        if sw >= min_w && sh >= min_h {
            return (sw, sh);
        }
    }
    (w, h)
}

/// A JPEG, decoded DCT-scaled to `scaled` (a size [`dct_scale`] gives) when there is one.
fn jpeg(
    bytes: &[u8],
    scaled: Option<(u32, u32)>,
    limits: &Limits,
) -> Result<(Raster, Option<Vec<u8>>)> {
    let mut d = jpeg_decoder::Decoder::new(bytes);
    d.set_max_decoding_buffer_size(limits.max_decode_bytes.min(usize::MAX as u64) as usize);
    d.read_info().map_err(|e| jpeg_error(bytes, e))?;
    if let Some((sw, sh)) = scaled {
        d.scale(sw as u16, sh as u16)
            .map_err(|e| jpeg_error(bytes, e))?;
    }
    let data = d.decode().map_err(|e| jpeg_error(bytes, e))?;
    let info = d
        .info()
        .ok_or_else(|| corrupt("the JPEG decoder returned no image"))?;
    let (w, h) = (info.width as u32, info.height as u32);
    use jpeg_decoder::PixelFormat as PF;
    let model = match info.pixel_format {
        PF::L8 => Model::Gray,
        PF::RGB24 => Model::Rgb,
        PF::CMYK32 => Model::Cmyk,
        PF::L16 => {
            return Err(Error::image(
                ImageProblem::UnsupportedFormat,
                "16-bit greyscale JPEGs are not supported",
            ))
        }
    };
    if data.len() < (w * h) as usize * model.channels() {
        return Err(corrupt(
            "the JPEG decoder returned less image data than the header promises",
        ));
    }
    Ok((
        Raster {
            width: w,
            height: h,
            model,
            data,
        },
        d.icc_profile(),
    ))
}

fn jpeg_error(bytes: &[u8], e: jpeg_decoder::Error) -> Error {
    use jpeg_decoder::Error as E;
    match e {
        E::Unsupported(f) => Error::image(
            ImageProblem::UnsupportedFormat,
            format!("this JPEG uses a feature we cannot read ({f:?})"),
        ),
        E::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => truncated(format!(
            "the file ends before the image does (truncated JPEG): only {} bytes",
            bytes.len()
        )),
        E::Format(m) if m.contains("buffer") || m.contains("limit") => too_large(format!(
            "decoding this JPEG would exceed the memory limit ({m})"
        )),
        other => corrupt(format!("the JPEG image data is damaged: {other}")),
    }
}

fn other(bytes: &[u8], f: Format, limits: &Limits) -> Result<(Raster, Option<Vec<u8>>)> {
    let fmt = match f {
        Format::Png => ImageFormat::Png,
        Format::Webp => ImageFormat::WebP,
        Format::Tiff => ImageFormat::Tiff,
        Format::Jpeg => unreachable!(),
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), fmt);
    let mut il = image::Limits::default();
    il.max_alloc = Some(limits.max_decode_bytes);
    reader.limits(il);
    let mut dec = reader.into_decoder().map_err(|e| decode_error(bytes, e))?;
    let icc = dec.icc_profile().ok().flatten();
    // image converts CMYK TIFFs to RGB itself (naively); a CMYK profile no longer applies.
    let cmyk_tiff = matches!(
        dec.original_color_type(),
        image::ExtendedColorType::Cmyk8 | image::ExtendedColorType::Cmyk16
    );
    let img = DynamicImage::from_decoder(dec).map_err(|e| decode_error(bytes, e))?;
    let (w, h) = (img.width(), img.height());
    let icc = if cmyk_tiff { None } else { icc };
    let raster = match img {
        DynamicImage::ImageLuma8(g) => Raster {
            width: w,
            height: h,
            model: Model::Gray,
            data: g.into_raw(),
        },
        DynamicImage::ImageLuma16(_) => Raster {
            width: w,
            height: h,
            model: Model::Gray,
            data: img.into_luma8().into_raw(),
        },
        DynamicImage::ImageLumaA8(_) | DynamicImage::ImageLumaA16(_) => {
            let la = img.into_luma_alpha8().into_raw();
            let data = la.chunks_exact(2).map(|p| flatten(p[0], p[1])).collect();
            Raster {
                width: w,
                height: h,
                model: Model::Gray,
                data,
            }
        }
        DynamicImage::ImageRgb8(rgb) => Raster {
            width: w,
            height: h,
            model: Model::Rgb,
            data: rgb.into_raw(),
        },
        i if i.color().has_alpha() => {
            let rgba = i.into_rgba8().into_raw();
            let mut data = Vec::with_capacity(w as usize * h as usize * 3);
            for p in rgba.chunks_exact(4) {
                data.extend_from_slice(&[
                    flatten(p[0], p[3]),
                    flatten(p[1], p[3]),
                    flatten(p[2], p[3]),
                ]);
            }
            Raster {
                width: w,
                height: h,
                model: Model::Rgb,
                data,
            }
        }
        i => Raster {
            width: w,
            height: h,
            model: Model::Rgb,
            data: i.into_rgb8().into_raw(),
        },
    };
    if raster.data.is_empty() {
        return Err(corrupt(format!(
            "the {} decoder returned no image",
            name(f)
        )));
    }
    Ok((raster, icc))
}

/// Composite a sample with alpha `a` onto white.
#[inline]
fn flatten(c: u8, a: u8) -> u8 {
    let (c, a) = (c as u32, a as u32);
    ((c * a + 255 * (255 - a) + 127) / 255) as u8
}
