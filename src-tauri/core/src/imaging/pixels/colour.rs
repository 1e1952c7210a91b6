//! Everything out is sRGB, 8-bit RGB. An embedded ICC profile (RGB, grey or CMYK) is converted
//! with lcms2 (perceptual intent); CMYK without a profile uses the plain ink formula
//! (R = (1-C)(1-K), what ImageMagick and browsers do); grey without a profile is replicated.

use std::sync::OnceLock;

use lcms2::{ColorSpaceSignature as CS, InfoType, Intent, Locale, PixelFormat, Profile, Transform};

use super::{Model, Raster};

/// The sRGB profile embedded in every rendition (lcms2's built-in sRGB, serialized once).
pub fn srgb_icc() -> &'static [u8] {
    static ICC: OnceLock<Vec<u8>> = OnceLock::new();
    ICC.get_or_init(|| Profile::new_srgb().icc().unwrap_or_default())
}

/// Is this RGB profile sRGB itself? Then the conversion is an identity and we skip it (camera
/// and editor files mostly carry "sRGB IEC61966-2.1" or a variant of it).
fn is_srgb(p: &Profile) -> bool {
    p.color_space() == CS::RgbData
        && p.info(InfoType::Description, Locale::none())
            .map(|d| d.to_ascii_lowercase().contains("srgb"))
            .unwrap_or(false)
}

pub(crate) fn to_srgb(mut r: Raster, icc: Option<&[u8]>) -> Raster {
    let profile = icc.and_then(|b| Profile::new_icc(b).ok());
    let fits = |p: &Profile| {
        matches!(
            (r.model, p.color_space()),
            (Model::Rgb, CS::RgbData) | (Model::Gray, CS::GrayData) | (Model::Cmyk, CS::CmykData)
        )
    };
    match profile {
        Some(p) if fits(&p) && !is_srgb(&p) => {
            if lcms(&mut r, &p) {
                return r;
            }
            builtin(r)
        }
        _ => builtin(r),
    }
}

/// Converts `r` to sRGB in place; false if lcms2 cannot build the transform.
fn lcms(r: &mut Raster, p: &Profile) -> bool {
    let srgb = Profile::new_srgb();
    let in_fmt = match r.model {
        Model::Gray => PixelFormat::GRAY_8,
        Model::Rgb => PixelFormat::RGB_8,
        Model::Cmyk => PixelFormat::CMYK_8,
    };
    let Ok(t) = Transform::<u8, u8>::new(p, in_fmt, &srgb, PixelFormat::RGB_8, Intent::Perceptual)
    else {
        return false;
    };
    let n = r.width as usize * r.height as usize;
    if r.model == Model::Rgb {
        t.transform_in_place(&mut r.data[..n * 3]);
    } else {
        let mut data = vec![0u8; n * 3];
        t.transform_pixels(&r.data[..n * r.model.channels()], &mut data);
        r.data = data;
        r.model = Model::Rgb;
    }
    true
}

fn builtin(r: Raster) -> Raster {
    let n = r.width as usize * r.height as usize;
    let data = match r.model {
        Model::Rgb => return r,
        Model::Gray => {
            let mut d = Vec::with_capacity(n * 3);
            for &g in &r.data[..n] {
                d.extend_from_slice(&[g, g, g]);
            }
            d
        }
        Model::Cmyk => {
            let mut d = Vec::with_capacity(n * 3);
            for p in r.data[..n * 4].chunks_exact(4) {
                let k = 255 - p[3] as u32;
                let f = |c: u8| (((255 - c as u32) * k + 127) / 255) as u8;
                d.extend_from_slice(&[f(p[0]), f(p[1]), f(p[2])]);
            }
            d
        }
    };
    Raster {
        width: r.width,
        height: r.height,
        model: Model::Rgb,
        data,
    }
}
