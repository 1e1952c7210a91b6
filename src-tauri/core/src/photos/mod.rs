//! The photo library: originals stored by SHA-256, the `photos` table, credits, where photos
//! are used, and the rendition cache. The engine underneath (formats, metadata, pixels) is
//! [`crate::imaging`]; this module adds the library folder and the database.
//!
//! ```text
//! LIBRARY/photos/ab/<sha256>.<ext>              the original, byte for byte, never rewritten
//! LIBRARY/thumbs/ab/<sha256>.jpg                the grid thumbnail (320 px, made at import)
//! LIBRARY/renditions/ab/<sha256>/<key>/         one folder per (settings, rights) key:
//!     320.jpg 320.webp 640.jpg … manifest.json  written to a temp folder, renamed into place
//! ```
//!
//! Heavy work (decoding, resizing, encoding) never happens under the library's lock: the app
//! calls [`prepare_import`] and [`RenditionJob::run`] on worker threads and only takes the lock
//! for [`Library::commit_import`] and the small reads/writes around them.
//!
//! - `import`: checking and hashing originals, the two-step import, `import_many`;
//! - `staging`: a file copied in and hashed piece by piece, then read through a memory map;
//! - `credits`: the credit settings, [`fill_template`], batch edits;
//! - `preview`: what a batch edit would change, before it writes ([`BatchPreview`]);
//! - `usage`: where a photo is used (lead photo, body figures), near duplicates;
//! - `renditions`: the rendition cache (keys, manifests, [`RenditionJob`]);
//! - `store`: the `photos` table (row mapping, load, list, edit, delete);
//! - `originals`: where an original is (the library folder, or a shared library's database
//!   in chunks with a copy in this desk's cache).

mod credits;
mod fit;
mod framing;
mod import;
mod originals;
mod orphans;
mod preview;
mod renditions;
mod staging;
mod store;
mod usage;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::imaging::pixels::RenditionFormat;
use crate::imaging::{FileMeta, Format};
use crate::library::Library;

pub use credits::{fill_template, DEFAULT_CREDIT_TEMPLATE};
pub use fit::{ImportWarning, MAX_KEYWORDS};
pub(crate) use framing::Framing;
pub use framing::{
    check_shapes, crop_of_job, crop_widths, default_shapes, resolve as resolve_crops, CropShape,
    PhotoCrop, REQUIRED_CROPS,
};
pub(crate) use import::hex;
pub use import::{
    guarded, import_many, import_shared, prepare_bytes, prepare_import, sha256_hex, ImportContext,
    PreparedImport,
};
pub use orphans::MIN_AGE as ORPHAN_MIN_AGE;
pub use preview::{
    caption_warning, credit_name, mentions, BatchChange, BatchField, BatchPreview, CaptionWarning,
};
pub use renditions::{frame_key, rendition_key, run_many, RenditionJob, WHOLE};
pub(crate) use renditions::{run_many_for_export, SetLock};
pub(crate) use usage::article_photos;
pub use usage::{article_crops, figure_refs, parse_photo_url, NEAR_DUPLICATE_DISTANCE};
pub(crate) use usage::{exists, write_figures};

crate::codes::wire_codes! {
    /// Where a photo's credit came from.
    pub enum CreditSource {
        /// No credit yet: the photo cannot be exported.
        None = "none",
        /// From the file's own metadata.
        File = "file",
        /// Filled from the office's credit template.
        Template = "template",
        /// Typed by a person.
        Edited = "edited",
    }
}

crate::codes::wire_codes! {
    /// How an article uses a photo.
    pub enum PhotoRole {
        /// As its lead photo (Aufmacherbild).
        Lead = "lead",
        /// As a figure in the body.
        Figure = "figure",
    }
}

/// A photo as the office sees it. The JSON form is the CLI's and the IPC's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Photo {
    pub id: i64,
    pub sha256: String,
    pub format: Format,
    /// Size of the original file in bytes.
    pub bytes: u64,
    /// Pixel size after EXIF orientation.
    pub width: u32,
    pub height: u32,
    pub orientation: u16,
    pub original_name: String,
    pub caption: String,
    pub credit: String,
    /// Where the credit came from.
    pub credit_source: CreditSource,
    pub creator: String,
    pub copyright: String,
    pub alt_text: String,
    pub headline: String,
    pub date_created: Option<String>,
    pub city: String,
    pub location: String,
    pub country: String,
    pub keywords: Vec<String>,
    pub camera: String,
    /// The original carries GPS coordinates (they never leave in a rendition).
    pub has_gps: bool,
    pub imported_at: String,
    pub updated_at: String,
    /// How many articles use it (lead photo or body figure).
    pub usage_count: u32,
    /// What must stay in every crop; `None`: the centre (nobody marked one).
    pub focus: Option<crate::imaging::crop::FocalPoint>,
    /// Crops set by hand, by name (the others follow the focal point).
    pub crops: std::collections::BTreeMap<String, crate::imaging::crop::CropRect>,
}

/// Fields a person can edit. Present fields replace the stored ones; `credit` may not be
/// emptied (a photo without a credit never leaves the building).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(optional_fields)]
pub struct PhotoUpdate {
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub creator: Option<String>,
    pub copyright: Option<String>,
    pub alt_text: Option<String>,
    pub headline: Option<String>,
    pub city: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub keywords: Option<Vec<String>>,
}

/// One edit applied to a selection, in this order: creator, caption, then the credit template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct BatchEdit {
    pub ids: Vec<i64>,
    pub creator: Option<String>,
    pub caption: Option<String>,
    pub apply_template: bool,
}

/// A photo a batch edit left alone, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchSkip {
    pub id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchResult {
    pub updated: Vec<Photo>,
    /// Photos the template could not be applied to (no creator), with the reason.
    pub skipped: Vec<BatchSkip>,
}

/// The office's credit template, e.g. "Bild: {organisation} / {creator}".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CreditSettings {
    pub organisation: String,
    pub template: String,
}

/// The media library's filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "snake_case")]
pub enum PhotoFilter {
    #[default]
    All,
    NoCredit,
    NoAltText,
    Unused,
}

impl PhotoFilter {
    pub const ALL: [PhotoFilter; 4] = [
        PhotoFilter::All,
        PhotoFilter::NoCredit,
        PhotoFilter::NoAltText,
        PhotoFilter::Unused,
    ];
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct PhotoQuery {
    pub filter: PhotoFilter,
    /// Matches caption, credit, creator, headline, keywords, file name (case-insensitive).
    pub text: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PhotoPage {
    pub items: Vec<Photo>,
    pub total: u64,
}

/// An article that uses a photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PhotoUse {
    pub article_id: i64,
    pub headline: String,
    pub role: PhotoRole,
}

/// Everything the detail view and `photo show` need.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PhotoDetails {
    #[serde(flatten)]
    #[ts(flatten)]
    pub photo: Photo,
    pub used_in: Vec<PhotoUse>,
    /// Other photos that look the same (perceptual hash), nearest first.
    pub near_duplicates: Vec<i64>,
    /// What the file itself said at import, for comparison.
    pub file_meta: FileMeta,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub photo: Photo,
    /// The same file (same SHA-256) was already in the library; nothing was added.
    pub duplicate: bool,
    /// Photos that look the same but are different files.
    pub near_duplicates: Vec<i64>,
    /// What the file said that was cut to fit (see `fit.rs`).
    pub warnings: Vec<ImportWarning>,
}

/// One file's import result, as the CLI prints it (`photo import --json`, one per line) and the
/// app sends it in its progress events. `ok`: `photo` (and `duplicate`, `near_duplicates`);
/// otherwise `error`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportItem {
    pub file: String,
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub photo: Option<Photo>,
    /// The same file was already in the library.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub duplicate: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub near_duplicates: Option<Vec<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<crate::ErrorPayload>,
    /// What the file said that was cut to fit; imported all the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub warnings: Option<Vec<ImportWarning>>,
}

impl ImportItem {
    pub fn from_result(file: String, r: &Result<ImportOutcome>) -> ImportItem {
        match r {
            Ok(o) => ImportItem {
                file,
                ok: true,
                photo: Some(o.photo.clone()),
                duplicate: Some(o.duplicate),
                near_duplicates: Some(o.near_duplicates.clone()),
                error: None,
                warnings: (!o.warnings.is_empty()).then(|| o.warnings.clone()),
            },
            Err(e) => ImportItem {
                file,
                ok: false,
                photo: None,
                duplicate: None,
                near_duplicates: None,
                error: Some(e.payload()),
                warnings: None,
            },
        }
    }
}

/// A rendition file in the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenditionFile {
    pub path: PathBuf,
    pub width: u32,
    pub height: u32,
    pub format: RenditionFormat,
    pub bytes: u64,
    /// The SHA-256 of the file as it was written, checked before the file leaves in a bundle.
    pub sha256: String,
}

/// A body figure reference: `![alt](photo:ID "caption")`. Empty alt or caption = the photo's own.
/// `photo:ID#wide` shows it in the crop `wide`, `photo:ID#wide=x,y,w,h` in this article's own
/// `wide` crop (pixels of the upright photo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRef {
    pub photo_id: i64,
    pub caption: Option<String>,
    pub alt_text: Option<String>,
    /// The crop it is shown in; `None`: the whole photo.
    #[serde(default)]
    pub crop: Option<String>,
    /// This article's own rectangle for `crop`.
    #[serde(default)]
    pub rect: Option<crate::imaging::crop::CropRect>,
}

/// The first two hex digits of a SHA-256: the shard folder that keeps folders small.
fn shard(sha: &str) -> &str {
    &sha[..2]
}

impl Library {
    pub fn photos_dir(&self) -> PathBuf {
        self.root().join("photos")
    }

    pub fn thumbs_dir(&self) -> PathBuf {
        self.root().join("thumbs")
    }

    pub fn renditions_dir(&self) -> PathBuf {
        self.root().join("renditions")
    }

    pub fn original_path(&self, sha: &str, format: Format) -> PathBuf {
        self.photos_dir()
            .join(shard(sha))
            .join(format!("{sha}.{}", format.ext()))
    }

    pub fn thumb_path(&self, sha: &str) -> PathBuf {
        self.thumbs_dir()
            .join(shard(sha))
            .join(format!("{sha}.jpg"))
    }

    /// The folder of a photo's rendition sets, one subfolder per key.
    fn photo_renditions_dir(&self, sha: &str) -> PathBuf {
        self.renditions_dir().join(shard(sha)).join(sha)
    }
}
