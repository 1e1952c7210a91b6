//! The photo desk's Tauri-free engine: what a file says about itself ([`meta`]), what we write
//! into renditions so the credit survives downstream ([`embed`]), and the pixel pipeline that
//! probes, guards, decodes, colour-converts, orients, resizes and encodes ([`pixels`]).
//!
//! The library side (photos table, originals by SHA-256, rendition cache, credits) lives in
//! [`crate::photos`]; this module never touches the database or the library folder.

pub mod crop;
pub mod embed;
pub mod memory;
pub mod meta;
pub mod pixels;

pub use memory::limit_malloc_arenas;

use serde::{Deserialize, Serialize};

/// A container format we accept, recognised by content (magic bytes), never by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "PhotoFormat")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Tiff,
}

impl Format {
    /// Recognise the format from the first bytes. `None`: not a format we take.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Format::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Format::Webp)
        } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
            Some(Format::Tiff)
        } else {
            None
        }
    }

    /// The name in the database and the JSON ("jpeg", "png", "webp", "tiff").
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Tiff => "tiff",
        }
    }

    /// The inverse of [`Format::name`].
    pub fn from_name(name: &str) -> Option<Format> {
        [Format::Jpeg, Format::Png, Format::Webp, Format::Tiff]
            .into_iter()
            .find(|f| f.name() == name)
    }

    /// File extension for the stored original.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Tiff => "tif",
        }
    }
}

/// The IPTC Photo Metadata a file carries, merged with the precedence XMP > IPTC-IIM > EXIF
/// per field. Text is trimmed; empty values are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FileMeta {
    /// dc:description / IIM 2:120 Caption-Abstract / EXIF ImageDescription
    pub caption: Option<String>,
    /// photoshop:Credit / IIM 2:110 Credit
    pub credit: Option<String>,
    /// dc:creator (all entries joined with ", ") / IIM 2:80 By-line (repeatable, joined) / EXIF Artist
    pub creator: Option<String>,
    /// dc:rights / IIM 2:116 CopyrightNotice / EXIF Copyright
    pub copyright: Option<String>,
    /// Iptc4xmpCore:AltTextAccessibility (x-default, else first alternative)
    pub alt_text: Option<String>,
    /// photoshop:Headline / IIM 2:105
    pub headline: Option<String>,
    /// photoshop:DateCreated / IIM 2:55+2:60 / EXIF DateTimeOriginal(+OffsetTimeOriginal),
    /// normalised to ISO 8601 as far as the source goes: "2021-10-20T21:01:01+00:00",
    /// "2021-10-20T21:01:01", or "2021-10-20".
    pub date_created: Option<String>,
    /// photoshop:City / IIM 2:90
    pub city: Option<String>,
    /// Iptc4xmpCore:Location / IIM 2:92 Sub-location
    pub sublocation: Option<String>,
    /// photoshop:State / IIM 2:95
    pub state: Option<String>,
    /// photoshop:Country / IIM 2:101
    pub country: Option<String>,
    /// dc:subject / IIM 2:25 (repeatable), in file order, de-duplicated
    pub keywords: Vec<String>,
    /// EXIF Orientation 1..=8 (1 when absent or invalid)
    pub orientation: u16,
    /// The focal point an IPTC Image Region marks (main subject area, area of interest,
    /// subject area), set at import from [`meta::focal_point`].
    #[serde(default)]
    pub focus: Option<crop::FocalPoint>,
    /// EXIF Make + Model, e.g. "NIKON CORPORATION NIKON D70" (Model alone if it already starts with Make)
    pub camera: Option<String>,
    /// The file carries GPS coordinates (EXIF GPS IFD or exif:GPS* in XMP). Never copied out.
    pub has_gps: bool,
}

/// The rights and description fields every rendition carries (XMP + IPTC-IIM in JPEG, XMP +
/// EXIF in WebP), so the credit survives tools that drop one of the blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightsMeta {
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub creator: Option<String>,
    pub copyright: Option<String>,
    pub alt_text: Option<String>,
    pub headline: Option<String>,
    /// The focal point within this file's picture, written as an IPTC Image Region (a point
    /// whose role is *main subject area*), so that it travels with the rendition. Only when
    /// one was set (from the original's own region or by a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<crop::FocalPoint>,
}
