//! Frames: the pictures made from one decode of a photo. The whole photo is one frame; each
//! crop (wide, social, square …) is another. [`plan`] works out every frame's rendition sizes
//! and the one decode size that serves them all; [`cut`] makes a frame's largest raster from
//! that decode.

use serde::{Deserialize, Serialize};

use super::geom;
use super::{proportional_height, target_widths, Raster, RenditionSpec};
use crate::error::Result;
use crate::imaging::crop::{Aspect, CropRect};
use crate::imaging::RightsMeta;

/// One picture made from a photo: all of it, or a crop.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Frame {
    /// The part of the upright image; `None`: all of it.
    pub rect: Option<CropRect>,
    /// Its aspect: rendition heights follow it, to a pixel. `None`: the rectangle's own.
    pub aspect: Option<Aspect>,
    /// The widths to make instead of the spec's (a crop's: small ones for listings and its
    /// target width, e.g. 1,200 for social); never wider than the frame.
    pub widths: Option<Vec<u32>>,
    /// The rights block its files embed, with the focal point as it lies within the frame.
    pub rights: RightsMeta,
}

impl Frame {
    /// The whole photo with the given rights.
    pub fn whole(rights: RightsMeta) -> Frame {
        Frame {
            rights,
            ..Frame::default()
        }
    }
}

/// The sizes of one frame's renditions, widest first.
#[derive(Debug)]
pub(crate) struct FramePlan {
    pub sizes: Vec<(u32, u32)>,
}

/// Every frame's rendition sizes for an `ow` × `oh` upright image, and the upright size to
/// decode to: the smallest at which every frame's widest rendition is made without upscaling.
pub(crate) fn plan(
    frames: &[Frame],
    spec: &RenditionSpec,
    ow: u32,
    oh: u32,
) -> (Vec<FramePlan>, (u32, u32)) {
    let mut plans = Vec::with_capacity(frames.len());
    let mut decode_w = 1u32;
    for f in frames {
        let r = f.rect.unwrap_or(CropRect::full(ow, oh));
        let wanted = f.widths.as_ref().unwrap_or(&spec.widths);
        let widths = target_widths(wanted, r.width);
        let sizes: Vec<(u32, u32)> = widths
            .iter()
            .map(|&w| {
                let h = match f.aspect {
                    Some(a) => a.height_for(w).min(r.height.max(1)),
                    None => proportional_height(w, r.width, r.height),
                };
                (w, h)
            })
            .collect();
        // The original's width at which this frame is as wide as its widest rendition.
        let need = (sizes[0].0 as u64 * ow as u64).div_ceil(r.width.max(1) as u64);
        decode_w = decode_w.max(need.min(ow as u64) as u32);
        plans.push(FramePlan { sizes });
    }
    (plans, (decode_w, proportional_height(decode_w, ow, oh)))
}

/// The frame's widest raster, cut from `upright` (the whole image decoded at `upright`'s
/// size, of an original `ow` × `oh`).
pub(crate) fn cut(upright: &Raster, f: &Frame, p: &FramePlan, ow: u32, oh: u32) -> Result<Raster> {
    let (w, h) = p.sizes[0];
    match f.rect {
        None => geom::resize(upright, w, h),
        Some(r) => {
            let sx = upright.width as f64 / ow as f64;
            let sy = upright.height as f64 / oh as f64;
            let crop = (
                r.x as f64 * sx,
                r.y as f64 * sy,
                r.width as f64 * sx,
                r.height as f64 * sy,
            );
            geom::resize_crop(upright, crop, w, h)
        }
    }
}
