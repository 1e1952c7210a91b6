//! The export: articles in Freigegeben leave the building as bundles the newsroom website can
//! take as they are.
//!
//! ```text
//! OUT/index.html, OUT/feed.json             the batch listing ("Weitere Nachrichten", JSON Feed 1.1)
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
//! Documents never contain the time of the export, so the same article exported twice gives
//! byte-identical files.

mod bundle;
mod html;
mod listing;
mod ninjs;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::imaging::pixels::RenditionFormat;
use crate::library::Library;
use crate::model::{Article, ArticleState};
use crate::photos::{figure_refs, Photo, RenditionFile, RenditionJob};
use crate::preflight::{Check, Level};

pub use bundle::{write_bundle, BundleFile, Content};

/// Which documents a bundle holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Html,
    Ninjs,
    Both,
}

impl ExportFormat {
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportRequest {
    /// The articles; `None`: every article in Freigegeben.
    pub ids: Option<Vec<i64>>,
    pub format: ExportFormat,
    /// HTML as the `<article>` element alone (`fragment.html`), for pasting into a CMS.
    #[serde(default)]
    pub fragment: bool,
    /// The folder the bundles go into; made if missing.
    pub out: PathBuf,
    /// Replace bundles that exist. Without it they are left alone and reported.
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldBack {
    pub article_id: i64,
    pub headline: String,
    /// What holds it back: the preflight's errors, or `not_ready`.
    pub checks: Vec<Check>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFailure {
    pub article_id: i64,
    pub headline: String,
    pub error: crate::ErrorPayload,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSkip {
    pub article_id: i64,
    pub headline: String,
    pub name: String,
}

/// An article the batch did not get to because it was cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportNotStarted {
    pub article_id: i64,
    pub headline: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

impl ExportReport {
    /// Everything asked for was written.
    pub fn complete(&self) -> bool {
        self.held_back.is_empty()
            && self.failed.is_empty()
            && self.skipped_existing.is_empty()
            && self.cancelled.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Exported,
    HeldBack,
    Failed,
    Exists,
}

/// One article done; the app turns it into a progress event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportProgress {
    pub done: usize,
    pub total: usize,
    pub article_id: i64,
    pub headline: String,
    pub status: ItemStatus,
}

/// Who publishes: the office's name (credit settings) and the library's stable id, which makes
/// the documents' URIs (`urn:newsroom:<library>:article:<id>`).
#[derive(Debug, Clone)]
pub struct Site {
    pub organisation: String,
    pub library_id: String,
}

impl Site {
    pub fn article_uri(&self, id: i64) -> String {
        format!("urn:newsroom:{}:article:{id}", self.library_id)
    }
    pub fn photo_uri(&self, id: i64) -> String {
        format!("urn:newsroom:{}:photo:{id}", self.library_id)
    }
}

/// A photo as one article uses it.
#[derive(Debug, Clone)]
pub struct PhotoUse {
    pub photo: Photo,
    pub job: RenditionJob,
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
}

#[derive(Debug, Clone)]
pub enum Plan {
    Export(Box<ArticleJob>),
    HeldBack(HeldBack),
}

/// A rendition in a bundle: its path there and what it is.
#[derive(Debug, Clone)]
pub(crate) struct Image {
    pub href: String,
    pub width: u32,
    pub height: u32,
    pub format: RenditionFormat,
    pub bytes: u64,
    pub source: PathBuf,
}

/// A photo's renditions in a bundle, with the text the article gives it.
#[derive(Debug, Clone)]
pub(crate) struct Picture {
    /// The association name in ninjs: `lead`, `figure-1`, …
    pub role: String,
    pub photo: Photo,
    pub caption: String,
    pub alt: String,
    pub images: Vec<Image>,
}

impl Picture {
    pub fn jpegs(&self) -> impl Iterator<Item = &Image> {
        self.images
            .iter()
            .filter(|i| i.format == RenditionFormat::Jpeg)
    }
    /// The `<img src>`: the largest JPEG no wider than `max`, else the smallest.
    pub fn fallback(&self, max: u32) -> Option<&Image> {
        self.jpegs()
            .filter(|i| i.width <= max)
            .max_by_key(|i| i.width)
            .or_else(|| self.jpegs().min_by_key(|i| i.width))
    }
    /// `href width` pairs of one format, narrowest first, each href prefixed with `base`.
    pub fn srcset(&self, format: RenditionFormat, base: &str) -> String {
        let mut v: Vec<&Image> = self.images.iter().filter(|i| i.format == format).collect();
        v.sort_by_key(|i| i.width);
        v.iter()
            .map(|i| format!("{base}{} {}w", i.href, i.width))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The documents and files of one bundle, in memory (images as paths into the cache).
#[derive(Debug, Clone)]
pub struct BuiltBundle {
    pub files: Vec<BundleFile>,
    /// What the batch listing shows for it.
    pub entry: listing::Entry,
}

pub use listing::Entry as ListingEntry;

const SETTING_LIBRARY_ID: &str = "library_id";

impl Library {
    /// The library's stable id, made on first use. It names the documents' URIs, so an article
    /// keeps its URI across exports and app versions.
    pub fn library_id(&self) -> Result<String> {
        if let Some(id) = self.setting(SETTING_LIBRARY_ID)? {
            return Ok(id);
        }
        let seed = format!(
            "{}:{}:{:?}:{}",
            self.root().display(),
            std::process::id(),
            std::time::SystemTime::now(),
            self.article_count()?
        );
        let id = crate::photos::sha256_hex(seed.as_bytes())[..32].to_string();
        self.set_setting(SETTING_LIBRARY_ID, &id)?;
        Ok(id)
    }

    pub fn site(&self) -> Result<Site> {
        Ok(Site {
            organisation: self.credit_settings()?.organisation,
            library_id: self.library_id()?,
        })
    }

    /// The articles a request covers: its ids as given (each once), or every article in
    /// Freigegeben, oldest publication first.
    pub fn export_targets(&self, ids: &Option<Vec<i64>>) -> Result<Vec<i64>> {
        match ids {
            Some(ids) => {
                let mut seen = std::collections::HashSet::new();
                Ok(ids.iter().copied().filter(|id| seen.insert(*id)).collect())
            }
            None => {
                let mut stmt = self.conn.prepare(
                    "SELECT id FROM articles WHERE state = 'ready'
                     ORDER BY coalesce(published_at, created_at), id",
                )?;
                let ids = stmt
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<i64>>>()?;
                Ok(ids)
            }
        }
    }

    /// Decides whether `id` may leave: only Freigegeben (or already Exportiert) articles whose
    /// preflight has no errors. The bundle name is not yet unique; see [`plan_batch`].
    pub fn plan_export(&self, id: i64, now: DateTime<Utc>) -> Result<Plan> {
        let article = self.get_article(id)?;
        if !matches!(article.state, ArticleState::Ready | ArticleState::Exported) {
            return Ok(Plan::HeldBack(HeldBack {
                article_id: id,
                headline: article.headline.clone(),
                checks: vec![Check::new(
                    Level::Error,
                    "not_ready",
                    "state",
                    None,
                    format!(
                        "the article is {} ({}); only Freigegeben articles are exported",
                        article.state.label_de(),
                        article.state
                    ),
                )],
            }));
        }
        let pre = self.preflight_at(id, now)?;
        if !pre.ok {
            return Ok(Plan::HeldBack(HeldBack {
                article_id: id,
                headline: article.headline.clone(),
                checks: pre
                    .checks
                    .into_iter()
                    .filter(|c| c.level == Level::Error)
                    .collect(),
            }));
        }
        let mut ids: Vec<i64> = Vec::new();
        if let Some(l) = &article.lead_photo {
            ids.push(l.photo_id);
        }
        ids.extend(figure_refs(&article.body).iter().map(|f| f.photo_id));
        let mut photos = Vec::new();
        for pid in ids {
            if photos.iter().any(|p: &PhotoUse| p.photo.id == pid) {
                continue;
            }
            photos.push(PhotoUse {
                photo: self.get_photo(pid)?,
                job: self.rendition_job(pid)?,
            });
        }
        let name = bundle_name(&article);
        Ok(Plan::Export(Box::new(ArticleJob {
            article,
            name,
            photos,
            site: self.site()?,
        })))
    }
}

/// Plans every article of a batch for the output folder `out` and gives each bundle a name no
/// other article holds: the second article of the batch with the same date and headline, or
/// one whose name is held in `out` by another article's bundle, gets `-<id>` appended. A
/// bundle belongs to the article whose last export went there, else to the article whose URI
/// its documents carry; a folder that tells neither is an existing bundle (asked about, or
/// replaced with force), as before.
pub fn plan_batch(
    lib: &Library,
    ids: &[i64],
    out: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<Result<Plan>>> {
    let mut plans: Vec<Result<Plan>> = ids.iter().map(|&id| lib.plan_export(id, now)).collect();
    let folders = lib.export_folders()?;
    let mut taken: BTreeMap<String, i64> = BTreeMap::new();
    for p in plans.iter_mut() {
        if let Ok(Plan::Export(job)) = p {
            let id = job.article.id;
            let held_by_other = |name: &str| {
                let folder = out.join(name);
                match folders.get(folder.to_string_lossy().as_ref()) {
                    Some(&owner) => owner != id,
                    None => bundle_uri(&folder).is_some_and(|uri| uri != job.site.article_uri(id)),
                }
            };
            if taken.contains_key(&job.name) || held_by_other(&job.name) {
                job.name = format!("{}-{}", job.name, id);
            }
            taken.insert(job.name.clone(), id);
        }
    }
    Ok(plans)
}

/// The article URI an exported bundle's documents carry: `article.json`'s `uri`, else the
/// page's JSON-LD `@id`. None for a folder that is not a bundle, or only a fragment.
fn bundle_uri(folder: &Path) -> Option<String> {
    if let Ok(text) = std::fs::read(folder.join("article.json")) {
        let doc: serde_json::Value = serde_json::from_slice(&text).ok()?;
        return doc.get("uri")?.as_str().map(str::to_string);
    }
    let page = std::fs::read_to_string(folder.join("index.html")).ok()?;
    let start = page.find(r#"<script type="application/ld+json">"#)?;
    let json = &page[start..];
    let json = &json[json.find('>')? + 1..json.find("</script>")?];
    let doc: serde_json::Value = serde_json::from_str(json).ok()?;
    doc.get("@id")?.as_str().map(str::to_string)
}

/// A link as it leaves: only what the preflight accepts (absolute http(s), mailto), in the URL
/// standard's serialization, so characters a URL may not hold (`"`, `<`, space …) are
/// percent-encoded and the result is a valid URI wherever it is put.
pub fn link_url(url: &str) -> Option<String> {
    if crate::preflight::bad_url(url).is_some() {
        return None;
    }
    url::Url::parse(url.trim()).ok().map(|u| u.to_string())
}

/// `YYYY-MM-DD-slug`: the publication date (Berlin) and the headline, transliterated.
pub fn bundle_name(article: &Article) -> String {
    let date = article
        .published_at
        .as_deref()
        .and_then(|s| crate::dates::parse(s).ok())
        .map(|d| {
            d.with_timezone(&chrono_tz::Europe::Berlin)
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_else(|| "ohne-datum".into());
    let slug = slug(&article.headline);
    if slug.is_empty() {
        format!("{date}-artikel-{}", article.id)
    } else {
        format!("{date}-{slug}")
    }
}

/// A file-name-safe slug: German transliteration (ä → ae, ß → ss), other accents dropped,
/// lower case ASCII letters and digits joined by `-`, at most 60 characters, cut at a word.
pub fn slug(text: &str) -> String {
    let folded = crate::search::transliterate(text);
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() && out.len() + 1 + word.len() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word[..word.len().min(60)]);
    }
    out
}

impl ArticleJob {
    /// Makes (or finds) the renditions and renders the documents. Heavy only when renditions
    /// have to be made; needs no lock.
    pub fn build(&self, format: ExportFormat, fragment: bool) -> Result<BuiltBundle> {
        let mut files_by_photo: BTreeMap<i64, Vec<RenditionFile>> = BTreeMap::new();
        for p in &self.photos {
            let files = crate::photos::guarded(|| p.job.run())?;
            files_by_photo.insert(p.photo.id, files);
        }
        let images_of = |photo: &Photo| -> Vec<Image> {
            let mut v: Vec<Image> = files_by_photo
                .get(&photo.id)
                .map(|files| {
                    files
                        .iter()
                        .map(|f| Image {
                            href: format!(
                                "images/photo-{}-{}.{}",
                                photo.id,
                                f.width,
                                match f.format {
                                    RenditionFormat::Jpeg => "jpg",
                                    RenditionFormat::Webp => "webp",
                                }
                            ),
                            width: f.width,
                            height: f.height,
                            format: f.format,
                            bytes: f.bytes,
                            source: f.path.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            v.sort_by(|a, b| a.href.cmp(&b.href));
            v
        };
        let photo = |id: i64| {
            self.photos
                .iter()
                .find(|p| p.photo.id == id)
                .map(|p| &p.photo)
        };

        let mut pictures: Vec<Picture> = Vec::new();
        if let Some(lead) = &self.article.lead_photo {
            if let Some(p) = photo(lead.photo_id) {
                pictures.push(Picture {
                    role: "lead".into(),
                    caption: lead.caption.clone().unwrap_or_else(|| p.caption.clone()),
                    alt: lead.alt_text.clone().unwrap_or_else(|| p.alt_text.clone()),
                    images: images_of(p),
                    photo: p.clone(),
                });
            }
        }
        let mut figures: Vec<Picture> = Vec::new();
        for (n, f) in figure_refs(&self.article.body).iter().enumerate() {
            if let Some(p) = photo(f.photo_id) {
                figures.push(Picture {
                    role: format!("figure-{}", n + 1),
                    caption: f.caption.clone().unwrap_or_else(|| p.caption.clone()),
                    alt: f.alt_text.clone().unwrap_or_else(|| p.alt_text.clone()),
                    images: images_of(p),
                    photo: p.clone(),
                });
            }
        }
        let plain = crate::render::plain_text(&self.article.body);
        let body_html = html::body(&self.article.body, &|r| {
            let p = photo(r.photo_id)?;
            Some(Picture {
                role: String::new(),
                caption: r.caption.clone().unwrap_or_else(|| p.caption.clone()),
                alt: r.alt_text.clone().unwrap_or_else(|| p.alt_text.clone()),
                images: images_of(p),
                photo: p.clone(),
            })
        });
        let lead = pictures.first();

        let mut files: Vec<BundleFile> = Vec::new();
        let mut main_doc = None;
        if format.html() {
            let (file, text) = if fragment {
                ("fragment.html", html::fragment(self, lead, &body_html)?)
            } else {
                ("index.html", html::page(self, lead, &figures, &body_html)?)
            };
            files.push(BundleFile {
                path: file.into(),
                content: Content::Bytes(text.into_bytes()),
            });
            main_doc = Some(file);
        }
        if format.ninjs() {
            let doc = ninjs::document(self, lead, &figures, &body_html, &plain);
            let mut text = serde_json::to_vec_pretty(&doc).expect("ninjs serializes");
            text.push(b'\n');
            files.push(BundleFile {
                path: "article.json".into(),
                content: Content::Bytes(text),
            });
            main_doc.get_or_insert("article.json");
        }
        let mut seen = std::collections::BTreeSet::new();
        for pic in pictures.iter().chain(figures.iter()) {
            for img in &pic.images {
                if seen.insert(img.href.clone()) {
                    files.push(BundleFile {
                        path: img.href.clone(),
                        content: Content::Cached(img.source.clone()),
                    });
                }
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let teaser_picture = lead.or(figures.first());
        let entry = listing::entry(
            self,
            main_doc.unwrap_or("article.json"),
            teaser_picture,
            plain,
        );
        Ok(BuiltBundle { files, entry })
    }
}

/// The names of bundles that already exist in `req.out` for the articles the request would
/// export (the app asks before replacing them).
pub fn conflicts(lib: &Library, req: &ExportRequest) -> Result<Vec<String>> {
    let ids = lib.export_targets(&req.ids)?;
    let out = std::fs::canonicalize(&req.out).unwrap_or_else(|_| req.out.clone());
    let mut names = Vec::new();
    for plan in plan_batch(lib, &ids, &out, Utc::now())? {
        if let Ok(Plan::Export(job)) = plan {
            if out.join(&job.name).exists() {
                names.push(job.name.clone());
            }
        }
    }
    Ok(names)
}

/// Exports a batch: plans under the lock, builds and writes each bundle without it, records
/// each export, then writes the listing of what was exported. Held-back, failed and existing
/// bundles are reported, never fatal; only an unusable output folder fails the whole call.
pub fn export(
    lib: &Mutex<Library>,
    req: &ExportRequest,
    on_progress: impl FnMut(&ExportProgress),
) -> Result<ExportReport> {
    export_at(lib, req, Utc::now(), on_progress)
}

/// [`export`] that stops when `cancel` is set: the article being written is finished (a bundle
/// is never left half), the rest are reported as `cancelled`, and the listing lists what was
/// exported.
pub fn export_cancellable(
    lib: &Mutex<Library>,
    req: &ExportRequest,
    cancel: &AtomicBool,
    on_progress: impl FnMut(&ExportProgress),
) -> Result<ExportReport> {
    run(lib, req, Utc::now(), cancel, on_progress)
}

/// [`export`] with a given clock (the preflight's embargo check, the export time recorded).
pub fn export_at(
    lib: &Mutex<Library>,
    req: &ExportRequest,
    now: DateTime<Utc>,
    on_progress: impl FnMut(&ExportProgress),
) -> Result<ExportReport> {
    run(lib, req, now, &AtomicBool::new(false), on_progress)
}

fn run(
    lib: &Mutex<Library>,
    req: &ExportRequest,
    now: DateTime<Utc>,
    cancel: &AtomicBool,
    mut on_progress: impl FnMut(&ExportProgress),
) -> Result<ExportReport> {
    let lock = || lib.lock().unwrap_or_else(|p| p.into_inner());
    let out = prepare_out(&req.out)?;
    let (ids, plans) = {
        let l = lock();
        let ids = l.export_targets(&req.ids)?;
        let plans = plan_batch(&l, &ids, &out, now)?;
        (ids, plans)
    };
    let mut report = ExportReport {
        out: out.clone(),
        format: req.format,
        exported: vec![],
        held_back: vec![],
        failed: vec![],
        skipped_existing: vec![],
        cancelled: vec![],
        listing: vec![],
    };
    let mut entries = Vec::new();
    let total = ids.len();
    for (n, (id, plan)) in ids.iter().zip(plans).enumerate() {
        let headline = match &plan {
            Ok(Plan::Export(job)) => job.article.headline.clone(),
            Ok(Plan::HeldBack(h)) => h.headline.clone(),
            Err(_) => lock()
                .get_article(*id)
                .map(|a| a.headline)
                .unwrap_or_default(),
        };
        if cancel.load(Ordering::Relaxed) {
            report.cancelled.push(ExportNotStarted {
                article_id: *id,
                headline,
            });
            continue;
        }
        let (headline, status) = match plan {
            Err(e) => {
                report.failed.push(ExportFailure {
                    article_id: *id,
                    headline: headline.clone(),
                    error: e.payload(),
                });
                (headline, ItemStatus::Failed)
            }
            Ok(Plan::HeldBack(h)) => {
                report.held_back.push(h);
                (headline, ItemStatus::HeldBack)
            }
            Ok(Plan::Export(job)) => {
                let folder = out.join(&job.name);
                if folder.exists() && !req.force {
                    report.skipped_existing.push(ExportSkip {
                        article_id: *id,
                        headline: headline.clone(),
                        name: job.name.clone(),
                    });
                    (headline, ItemStatus::Exists)
                } else {
                    let written = job
                        .build(req.format, req.fragment)
                        .and_then(|b| {
                            write_bundle(&out, &job.name, &b.files, req.force).map(|r| (b, r))
                        })
                        .and_then(|(b, replaced)| {
                            lock().mark_exported_at(*id, &folder.to_string_lossy(), now)?;
                            Ok((b, replaced))
                        });
                    match written {
                        Ok((b, replaced)) => {
                            report.exported.push(ExportedBundle {
                                article_id: *id,
                                headline: headline.clone(),
                                name: job.name.clone(),
                                folder,
                                files: b.files.iter().map(|f| f.path.clone()).collect(),
                                replaced,
                            });
                            entries.push(b.entry);
                            (headline, ItemStatus::Exported)
                        }
                        Err(e) => {
                            report.failed.push(ExportFailure {
                                article_id: *id,
                                headline: headline.clone(),
                                error: e.payload(),
                            });
                            (headline, ItemStatus::Failed)
                        }
                    }
                }
            }
        };
        on_progress(&ExportProgress {
            done: n + 1,
            total,
            article_id: *id,
            headline,
            status,
        });
    }
    if !entries.is_empty() {
        let site = lock().site()?;
        report.listing = listing::write(&out, &site, &mut entries)?;
    }
    Ok(report)
}

/// The output folder, made if missing, absolute. A file or an unwritable place is an error
/// before anything is written.
fn prepare_out(out: &Path) -> Result<PathBuf> {
    if out.as_os_str().is_empty() {
        return Err(Error::invalid("no output folder given"));
    }
    if out.exists() && !out.is_dir() {
        return Err(Error::invalid(format!("{}: not a folder", out.display())));
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(out.display().to_string(), e))?;
    std::fs::canonicalize(out).map_err(|e| Error::io(out.display().to_string(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_transliterated_and_short() {
        assert_eq!(
            slug("Neue Kita in Hörde eröffnet"),
            "neue-kita-in-hoerde-eroeffnet"
        );
        assert_eq!(
            slug("Straßenfest: „Café“ & Crêpes!"),
            "strassenfest-cafe-crepes"
        );
        assert_eq!(slug("<script>alert(1)</script>"), "script-alert-1-script");
        assert_eq!(slug("\u{202E}evil\u{202C} ../../etc"), "evil-etc");
        assert_eq!(slug("…"), "");
        let long = slug(&"Wort ".repeat(40));
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
    }
}
