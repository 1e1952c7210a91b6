//! Reading IPTC Photo Metadata out of JPEG, PNG, WebP and TIFF files (XMP > IIM > EXIF).
//!
//! [`container`] finds the blocks (bounds-checked walkers over JPEG markers, PNG chunks, RIFF
//! chunks and TIFF IFDs), [`exif`], [`iim`] and [`xmp`] parse them, and [`read`] merges the
//! fields with the precedence the IPTC recommends: XMP first, then IPTC-IIM, then EXIF.

mod container;
mod exif;
mod iim;
pub mod region;
pub(crate) mod text;
pub(crate) mod xmp;

use super::FileMeta;
use xmp::{NS_DC, NS_EXIF, NS_IPTC_CORE, NS_PHOTOSHOP, NS_TIFF};

/// The focal point the file's IPTC Image Regions mark (see [`region`]) on its upright
/// `width` × `height` image, from the first XMP packet that has one.
pub fn focal_point(
    bytes: &[u8],
    width: u32,
    height: u32,
) -> Option<crate::imaging::crop::FocalPoint> {
    let blocks = container::extract(bytes);
    let mut packets = blocks.xmp;
    if let Some(p) = blocks
        .tiff
        .iter()
        .find_map(|t| exif::parse(t))
        .and_then(|e| e.xmp)
    {
        packets.push(p);
    }
    packets.iter().find_map(|p| {
        let (x, y) = region::focal_point(p, width, height)?;
        crate::imaging::crop::FocalPoint::new(x, y)
    })
}

/// Reads what the file says about itself. Never panics, never fails: broken metadata blocks
/// are skipped (the pixels decide whether the file is usable).
pub fn read(bytes: &[u8]) -> FileMeta {
    let blocks = container::extract(bytes);

    // EXIF: the first TIFF block that parses. A TIFF file's IFD0 may also hold XMP and IIM.
    let mut exif = exif::Exif::default();
    let mut xmp_blocks = blocks.xmp;
    let mut iim_blocks = blocks.iim;
    if let Some(x) = blocks.tiff.iter().find_map(|t| exif::parse(t)) {
        exif = x;
        if let Some(p) = exif.xmp.take() {
            xmp_blocks.push(p);
        }
        if let Some(i) = exif.iim.take() {
            iim_blocks.push(i);
        }
        if let Some(ps) = exif.photoshop.take() {
            iim_blocks.extend(iim::photoshop_iim(&ps).into_iter().map(<[u8]>::to_vec));
        }
    }
    // XMP: the first packet that parses (a broken one is skipped).
    let xmp = xmp_blocks
        .iter()
        .find_map(|p| xmp::parse(p))
        .unwrap_or_default();
    // IIM: the first block with any dataset we read.
    let iim = iim_blocks
        .iter()
        .map(|b| iim::parse(b))
        .find(|m| {
            m.caption.is_some()
                || m.credit.is_some()
                || m.creator.is_some()
                || m.copyright.is_some()
                || m.headline.is_some()
                || m.date_created.is_some()
                || !m.keywords.is_empty()
                || m.city.is_some()
                || m.country.is_some()
                || m.state.is_some()
                || m.sublocation.is_some()
        })
        .unwrap_or_default();

    let xs = |ns: &str, local: &str| xmp.single(ns, local);
    let xmp_creator = {
        let all = xmp.list(NS_DC, "creator");
        (!all.is_empty()).then(|| all.join(", "))
    };
    let exif_date = exif.date_original.as_deref().and_then(|d| {
        let zone = exif.offset_original.as_deref().and_then(text::iso_zone);
        match zone {
            // Only a full date-time takes a zone.
            Some(z) if d.trim().len() >= 19 => text::iso_date(&format!("{}{z}", d.trim())),
            _ => text::iso_date(d),
        }
    });
    let keywords = {
        let from_xmp = xmp.list(NS_DC, "subject");
        dedup(if from_xmp.is_empty() {
            iim.keywords
        } else {
            from_xmp
        })
    };
    let orientation = exif
        .orientation
        .or_else(|| xs(NS_TIFF, "Orientation").and_then(|o| o.parse().ok()))
        .filter(|o| (1..=8).contains(o))
        .unwrap_or(1);
    let (make, model) = if exif.make.is_some() || exif.model.is_some() {
        (exif.make, exif.model)
    } else {
        (xs(NS_TIFF, "Make"), xs(NS_TIFF, "Model"))
    };
    let has_gps = exif.has_gps
        || xs(NS_EXIF, "GPSLatitude").is_some()
        || xs(NS_EXIF, "GPSLongitude").is_some();

    FileMeta {
        caption: xs(NS_DC, "description")
            .or(iim.caption)
            .or(exif.description),
        credit: xs(NS_PHOTOSHOP, "Credit").or(iim.credit),
        creator: xmp_creator.or(iim.creator).or(exif.artist),
        copyright: xs(NS_DC, "rights").or(iim.copyright).or(exif.copyright),
        alt_text: xs(NS_IPTC_CORE, "AltTextAccessibility"),
        headline: xs(NS_PHOTOSHOP, "Headline").or(iim.headline),
        date_created: xs(NS_PHOTOSHOP, "DateCreated")
            .and_then(|d| text::iso_date(&d))
            .or(iim.date_created)
            .or(exif_date)
            .or_else(|| xs(NS_EXIF, "DateTimeOriginal").and_then(|d| text::iso_date(&d))),
        city: xs(NS_PHOTOSHOP, "City").or(iim.city),
        sublocation: xs(NS_IPTC_CORE, "Location").or(iim.sublocation),
        state: xs(NS_PHOTOSHOP, "State").or(iim.state),
        country: xs(NS_PHOTOSHOP, "Country").or(iim.country),
        keywords,
        orientation,
        focus: None,
        camera: camera(make, model),
        has_gps,
    }
}

/// Make + Model, or Model alone when it already names the maker ("Canon" + "Canon EOS 40D").
fn camera(make: Option<String>, model: Option<String>) -> Option<String> {
    match (make, model) {
        (Some(make), Some(model)) => {
            if model.to_lowercase().starts_with(&make.to_lowercase()) {
                Some(model)
            } else {
                Some(format!("{make} {model}"))
            }
        }
        (make, model) => model.or(make),
    }
}

/// Drops repeated keywords, keeping the first of each in file order.
fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|k| seen.insert(k.clone()));
    v
}
