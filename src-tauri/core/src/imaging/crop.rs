//! Crop geometry: the focal point (what must stay in every crop), aspect ratios, and the
//! largest rectangle of an aspect that keeps the focal point, placed as centrally around it as
//! the frame allows. Pure arithmetic on the upright image (after EXIF orientation); no pixels.
//!
//! A crop's aspect holds "to a pixel": the dependent side is the exact one rounded, so
//! `|width × h − height × w| ≤ max(w, h) / 2` for an aspect `w:h`. Integer ratios (1,200 × 630
//! is 40:21) keep that exact where the sizes allow.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A point of the upright image as fractions of its width and height: `(0, 0)` is the top
/// left corner, `(1, 1)` the bottom right. Never NaN: made through [`FocalPoint::new`] or read
/// back from what it made.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct FocalPoint {
    pub x: f64,
    pub y: f64,
}

impl Eq for FocalPoint {}

impl Default for FocalPoint {
    /// The centre: where a photo nobody marked is looked at.
    fn default() -> Self {
        FocalPoint { x: 0.5, y: 0.5 }
    }
}

impl FocalPoint {
    /// A point inside the image (both fractions in `0..=1`), rounded to 1/10,000; `None`
    /// otherwise.
    pub fn new(x: f64, y: f64) -> Option<FocalPoint> {
        let ok = |v: f64| v.is_finite() && (0.0..=1.0).contains(&v);
        (ok(x) && ok(y)).then(|| FocalPoint {
            x: (x * 10_000.0).round() / 10_000.0,
            y: (y * 10_000.0).round() / 10_000.0,
        })
    }

    /// The point in pixels of a `width` × `height` image.
    pub fn pixel(self, width: u32, height: u32) -> (f64, f64) {
        (self.x * width as f64, self.y * height as f64)
    }
}

/// A rectangle of the upright image, in its pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct CropRect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl CropRect {
    /// `x,y,w,h`: four whole numbers of pixels (`None` otherwise). Whether the rectangle fits
    /// a photo is the caller's question.
    pub fn parse(s: &str) -> Option<CropRect> {
        let v: Vec<u32> = s
            .split(',')
            .map(|n| n.trim().parse().ok())
            .collect::<Option<_>>()?;
        match v[..] {
            [x, y, width, height] => Some(CropRect {
                x,
                y,
                width,
                height,
            }),
            _ => None,
        }
    }

    /// The whole `width` × `height` image.
    pub fn full(width: u32, height: u32) -> CropRect {
        CropRect {
            x: 0,
            y: 0,
            width,
            height,
        }
    }

    /// Lies inside a `width` × `height` image and has an area.
    pub fn inside(&self, width: u32, height: u32) -> bool {
        self.width > 0
            && self.height > 0
            && self.x as u64 + self.width as u64 <= width as u64
            && self.y as u64 + self.height as u64 <= height as u64
    }

    /// Holds the focal point of a `width` × `height` image (edges included).
    pub fn contains(&self, focus: FocalPoint, width: u32, height: u32) -> bool {
        let (fx, fy) = focus.pixel(width, height);
        fx >= self.x as f64
            && fx <= (self.x + self.width) as f64
            && fy >= self.y as f64
            && fy <= (self.y + self.height) as f64
    }

    /// The focal point as fractions of this rectangle (what a crop's own file says).
    pub fn focus_within(&self, focus: FocalPoint, width: u32, height: u32) -> FocalPoint {
        let (fx, fy) = focus.pixel(width, height);
        let rel = |v: f64, o: u32, len: u32| ((v - o as f64) / len.max(1) as f64).clamp(0.0, 1.0);
        FocalPoint::new(rel(fx, self.x, self.width), rel(fy, self.y, self.height))
            .unwrap_or_default()
    }
}

/// An aspect ratio `w:h`, kept as given (16:9, 40:21, 1:1, 4:3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Aspect {
    pub w: u32,
    pub h: u32,
}

impl Aspect {
    pub const fn new(w: u32, h: u32) -> Aspect {
        Aspect { w, h }
    }

    /// The height of a crop `width` wide (rounded half up, at least 1).
    pub fn height_for(self, width: u32) -> u32 {
        let h = (width as u64 * self.h as u64 * 2 + self.w as u64) / (2 * self.w as u64);
        (h as u32).max(1)
    }

    /// The width of a crop `height` high (rounded half up, at least 1).
    pub fn width_for(self, height: u32) -> u32 {
        let w = (height as u64 * self.w as u64 * 2 + self.h as u64) / (2 * self.h as u64);
        (w as u32).max(1)
    }

    /// `width` × `height` has this aspect to a pixel: the height is the exact one rounded.
    pub fn matches(self, width: u32, height: u32) -> bool {
        height == self.height_for(width)
    }

    /// The largest `width` × `height` of this aspect (the height following the width) inside
    /// an `iw` × `ih` image.
    pub fn largest_in(self, iw: u32, ih: u32) -> (u32, u32) {
        let mut w = if iw as u64 * self.h as u64 >= ih as u64 * self.w as u64 {
            self.width_for(ih).min(iw)
        } else {
            iw
        };
        while w < iw && self.height_for(w + 1) <= ih {
            w += 1;
        }
        while w > 1 && self.height_for(w) > ih {
            w -= 1;
        }
        (w, self.height_for(w).min(ih))
    }
}

/// The largest crop of `aspect` in an `iw` × `ih` image that holds `focus`, centred on it as
/// far as the image's edges allow.
pub fn auto_crop(iw: u32, ih: u32, aspect: Aspect, focus: FocalPoint) -> CropRect {
    let (w, h) = aspect.largest_in(iw, ih);
    let (fx, fy) = focus.pixel(iw, ih);
    let place = |f: f64, len: u32, total: u32| -> u32 {
        let start = (f - len as f64 / 2.0).round().max(0.0) as u32;
        start.min(total - len)
    };
    CropRect {
        x: place(fx, w, iw),
        y: place(fy, h, ih),
        width: w,
        height: h,
    }
}

/// A hand-set rectangle made to fit `aspect`: the height follows the width (to a pixel). `None`
/// when the result does not lie inside the image or is smaller than 8 pixels a side.
pub fn snap_to_aspect(r: CropRect, aspect: Aspect, iw: u32, ih: u32) -> Option<CropRect> {
    let snapped = CropRect {
        height: aspect.height_for(r.width),
        ..r
    };
    (snapped.inside(iw, ih) && snapped.width >= MIN_SIDE && snapped.height >= MIN_SIDE)
        .then_some(snapped)
}

/// The smallest side a crop may have.
pub const MIN_SIDE: u32 = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn aspects() -> impl Strategy<Value = Aspect> {
        prop_oneof![
            Just(Aspect::new(16, 9)),
            Just(Aspect::new(40, 21)),
            Just(Aspect::new(1, 1)),
            Just(Aspect::new(4, 3)),
            (1u32..=16, 1u32..=16).prop_map(|(w, h)| Aspect::new(w, h)),
        ]
    }

    #[test]
    fn a_portrait_photo_keeps_a_head_near_its_top() {
        // 3000 × 4000, the face at 30 % from the top: a 16:9 crop is 3000 × 1688, placed so
        // the face is in its middle, not the photo's centre band.
        let r = auto_crop(
            3000,
            4000,
            Aspect::new(16, 9),
            FocalPoint::new(0.5, 0.3).unwrap(),
        );
        assert_eq!(
            r,
            CropRect {
                x: 0,
                y: 356,
                width: 3000,
                height: 1688
            }
        );
        assert!(r.contains(FocalPoint::new(0.5, 0.3).unwrap(), 3000, 4000));
        // At the very top the frame stops at the edge.
        let top = auto_crop(
            3000,
            4000,
            Aspect::new(16, 9),
            FocalPoint::new(0.5, 0.0).unwrap(),
        );
        assert_eq!(top.y, 0);
    }

    #[test]
    fn social_is_1200_by_630_exactly() {
        assert_eq!(Aspect::new(40, 21).height_for(1200), 630);
        assert_eq!(Aspect::new(40, 21).largest_in(6000, 4000), (6000, 3150));
    }

    #[test]
    fn focal_points_outside_the_image_are_refused() {
        assert!(FocalPoint::new(1.2, 0.5).is_none());
        assert!(FocalPoint::new(f64::NAN, 0.5).is_none());
        assert!(FocalPoint::new(0.5, -0.01).is_none());
        assert_eq!(FocalPoint::new(0.123456, 1.0).unwrap().x, 0.1235);
    }

    #[test]
    fn a_hand_set_rectangle_is_snapped_to_the_aspect_or_refused() {
        let a = Aspect::new(16, 9);
        let r = CropRect {
            x: 10,
            y: 10,
            width: 1600,
            height: 1000,
        };
        assert_eq!(snap_to_aspect(r, a, 4000, 3000).unwrap().height, 900);
        assert!(snap_to_aspect(CropRect { x: 3000, ..r }, a, 4000, 3000).is_none());
        assert!(snap_to_aspect(CropRect { width: 4, ..r }, a, 4000, 3000).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn every_crop_has_its_aspect_lies_inside_holds_the_focus_and_is_maximal(
            iw in 16u32..20_000, ih in 16u32..20_000,
            fx in 0.0f64..=1.0, fy in 0.0f64..=1.0,
            aspect in aspects(),
        ) {
            let focus = FocalPoint::new(fx, fy).unwrap();
            let r = auto_crop(iw, ih, aspect, focus);
            // Inside the image.
            prop_assert!(r.inside(iw, ih), "{r:?} outside {iw}x{ih}");
            // The aspect to a pixel: the height is the exact one rounded.
            prop_assert!(aspect.matches(r.width, r.height), "{r:?} is not {aspect:?}");
            let err = (r.width as i64 * aspect.h as i64 - r.height as i64 * aspect.w as i64).abs();
            prop_assert!(err as u64 * 2 <= aspect.w as u64, "{r:?} off {aspect:?} by {err}");
            // Holds the focal point.
            prop_assert!(r.contains(focus, iw, ih), "{r:?} misses {focus:?} of {iw}x{ih}");
            // Maximal: one pixel wider would need more than the image.
            prop_assert!(r.width == iw || aspect.height_for(r.width + 1) > ih, "{r:?} could grow in {iw}x{ih}");
            // Centred on the focus where the edges allow: moving it one pixel towards the
            // focus's side never brings the focus closer to the middle.
            let (pfx, _) = focus.pixel(iw, ih);
            let mid = r.x as f64 + r.width as f64 / 2.0;
            if r.x > 0 && r.x + r.width < iw {
                prop_assert!((mid - pfx).abs() <= 0.5 + 1e-9, "{r:?} not centred on {pfx}");
            }
        }
    }
}
