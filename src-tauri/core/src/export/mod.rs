//! The export: articles in Freigegeben leave the building as bundles the newsroom website can
//! take as they are.
//!
//! ```text
//! OUT/index.html, OUT/feed.json             the listing ("Weitere Nachrichten", JSON Feed 1.1)
//! OUT/.newsroom-listing.json                 the bundles the folder holds, which the listing lists
//! OUT/2025-11-12-kita-eroeffnet/            one bundle per article
//!     index.html                            the page (or fragment.html: the <article> alone)
//!     article.json                          IPTC ninjs 3.1
//!     images/photo-7-640.jpg …              the renditions the documents reference, nothing else
//! ```
//!
//! An export runs in three steps so the app's library lock is held only for the small ones:
//! [`Library::plan_export`] reads the article, runs the preflight and finds the photos (locked,
//! cheap); [`ArticleJob::build`] makes or finds the renditions and renders the documents
//! (unlocked, may be heavy); [`write_bundle`] writes a temp folder and renames it into place,
//! then [`Library::mark_exported_at`] records the export (locked). [`export`] drives the three
//! for a batch; the CLI and the app both call it.
//!
//! This module holds the request, report and job types; `plan.rs` decides what leaves and under
//! which bundle name, `job.rs` builds a bundle's documents, `batch.rs` runs a batch,
//! `bundle.rs` writes a bundle, and `html.rs`, `ninjs.rs`, `listing.rs` render the documents.
//!
//! Documents never contain the time of the export, so the same article exported twice gives
//! byte-identical files.

mod batch;
mod bundle;
mod folder_index;
mod html;
mod job;
mod listing;
mod ninjs;
mod plan;
mod site;
mod social;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::Article;
use crate::photos::{Photo, RenditionJob};
use crate::preflight::Check;

pub use batch::{conflicts, export, export_at, export_cancellable};
pub use bundle::{write_bundle, BundleFile, Content};
pub(crate) use job::Picture;
pub use plan::{bundle_name, link_url, plan_batch, slug};
pub use site::{normalize_base_url, Site};

/// Which documents a bundle holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Html,
    Ninjs,
    Both,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] =
        [ExportFormat::Html, ExportFormat::Ninjs, ExportFormat::Both];

    pub fn html(self) -> bool {
        matches!(self, ExportFormat::Html | ExportFormat::Both)
    }
    pub fn ninjs(self) -> bool {
        matches!(self, ExportFormat::Ninjs | ExportFormat::Both)
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "html" => Ok(ExportFormat::Html),
            "ninjs" | "json" => Ok(ExportFormat::Ninjs),
            "both" => Ok(ExportFormat::Both),
            _ => Err(Error::invalid(format!(
                "unknown format {s:?}; expected html, ninjs or both"
            ))),
        }
    }
}

/// What to export, where. The IPC payload and what the CLI's flags become.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportRequest {
    /// The articles; `None`: every article in Freigegeben.
    pub ids: Option<Vec<i64>>,
    pub format: ExportFormat,
    /// HTML as the `<article>` element alone (`fragment.html`), for pasting into a CMS.
    #[serde(default)]
    pub fragment: bool,
    /// The folder the bundles go into; made if missing.
    pub out: PathBuf,
    /// Replace the articles' own bundles that exist, and an `index.html` or `feed.json`
    /// Newsroom did not write. Without it they are left alone and reported. A folder that is
    /// not the article's own bundle is never replaced (see [`plan_batch`]).
    #[serde(default)]
    pub force: bool,
    /// List articles whose embargo has not passed in `index.html` and `feed.json` too.
    /// Without it their bundles are written but the listing leaves them out.
    #[serde(default)]
    pub include_embargoed: bool,
    /// The public base URL for this export (`https://www.example.org/presse/`), instead of
    /// the office's setting: social cards, the canonical link, JSON-LD and ninjs use it for
    /// absolute addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub base_url: Option<String>,
}

/// A bundle written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportedBundle {
    pub article_id: i64,
    pub headline: String,
    /// The bundle's folder name, `YYYY-MM-DD-slug`.
    pub name: String,
    /// The bundle's absolute path.
    pub folder: PathBuf,
    /// Every file in the bundle, relative to it, sorted.
    pub files: Vec<String>,
    /// An older bundle of the same name was replaced.
    pub replaced: bool,
}

/// An article the preflight (or its state) held back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HeldBack {
    pub article_id: i64,
    pub headline: String,
    /// What holds it back: the preflight's errors, or `not_ready`.
    pub checks: Vec<Check>,
}

/// An article whose bundle could not be written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportFailure {
    pub article_id: i64,
    pub headline: String,
    pub error: crate::ErrorPayload,
}

/// An article whose bundle folder existed and was left alone (no `force`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSkip {
    pub article_id: i64,
    pub headline: String,
    pub name: String,
}

/// An article the batch did not get to because it was cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportNotStarted {
    pub article_id: i64,
    pub headline: String,
}

/// What a batch did, article by article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportReport {
    /// The output folder, absolute.
    pub out: PathBuf,
    pub format: ExportFormat,
    pub exported: Vec<ExportedBundle>,
    pub held_back: Vec<HeldBack>,
    pub failed: Vec<ExportFailure>,
    /// Bundles that existed; left as they were (no `force`).
    pub skipped_existing: Vec<ExportSkip>,
    /// Articles not started because the batch was cancelled; their state is unchanged.
    pub cancelled: Vec<ExportNotStarted>,
    /// The listing files written into `out` (`feed.json`, `index.html`), or none.
    pub listing: Vec<String>,
    /// Listing files in `out` that Newsroom did not write, left as they were (no `force`);
    /// the listing was not written.
    pub listing_kept: Vec<String>,
    /// Exported, but left out of the listing: the embargo has not passed.
    pub unlisted_embargoed: Vec<EmbargoedBundle>,
}

/// A bundle the listing leaves out until its embargo has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EmbargoedBundle {
    pub article_id: i64,
    pub headline: String,
    /// The embargo's end (RFC 3339, UTC).
    pub embargo_until: String,
}

impl ExportReport {
    /// Everything asked for was written.
    pub fn complete(&self) -> bool {
        self.held_back.is_empty()
            && self.failed.is_empty()
            && self.skipped_existing.is_empty()
            && self.cancelled.is_empty()
            && self.listing_kept.is_empty()
    }
}

/// What happened to one article of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Exported,
    HeldBack,
    Failed,
    Exists,
}

/// One article done; the app turns it into a progress event.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportProgress {
    pub done: usize,
    pub total: usize,
    pub article_id: i64,
    pub headline: String,
    pub status: ItemStatus,
}

/// A photo as one article uses it: the rendition jobs of the frames the bundle needs, the
/// whole photo (`original`) first, then the crops (all made from one decode when missing).
#[derive(Debug, Clone)]
pub struct PhotoUse {
    pub photo: Photo,
    pub jobs: Vec<RenditionJob>,
    /// The crops as they were resolved for these jobs (geometry, aspect), by name.
    pub crops: Vec<crate::photos::PhotoCrop>,
}

/// Everything needed to build one bundle, detached from the library (may run on any thread).
#[derive(Debug, Clone)]
pub struct ArticleJob {
    pub article: Article,
    /// The bundle folder's name.
    pub name: String,
    /// Every photo the article shows (lead, then body figures), each once.
    pub photos: Vec<PhotoUse>,
    pub site: Site,
    /// The article's embargo (Sperrfrist) when it had not passed at the export: the page says
    /// so, and the listing leaves the article out unless asked to include it.
    pub embargo: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone)]
pub enum Plan {
    Export(Box<ArticleJob>),
    HeldBack(HeldBack),
}

/// The documents and files of one bundle, in memory (images as paths into the cache).
#[derive(Debug, Clone)]
pub struct BuiltBundle {
    pub files: Vec<BundleFile>,
    /// What the batch listing shows for it.
    pub entry: listing::Entry,
    /// The photos' rendition sets, held (shared) until the bundle is dropped: nothing removes
    /// them while the bundle links them.
    pub(crate) _locks: Vec<crate::photos::SetLock>,
}

pub use listing::Entry as ListingEntry;
