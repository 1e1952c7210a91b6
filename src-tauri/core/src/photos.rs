//! The photo library: originals stored by SHA-256, the `photos` table, credits, where photos
//! are used, and the rendition cache.
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

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::dates;
use crate::error::{Error, ImageProblem, Result};
use crate::imaging::pixels::{self, Limits, Rendered, RenditionFormat, RenditionSpec};
use crate::imaging::{meta, FileMeta, Format, RightsMeta};
use crate::library::Library;

pub const DEFAULT_CREDIT_TEMPLATE: &str = "Bild: {organisation} / {creator}";
const KEY_TEMPLATE: &str = "credit_template";
const KEY_ORGANISATION: &str = "organisation";
const KEY_WIDTHS: &str = "rendition_widths";
/// Perceptual-hash distance at or below which two photos count as near duplicates.
pub const NEAR_DUPLICATE_DISTANCE: u32 = 10;
const MAX_TEXT: usize = 4000;

/// A photo as the office sees it. The JSON form is the CLI's and the IPC's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Where the credit came from: "none", "file", "template" or "edited".
    pub credit_source: String,
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
}

/// Fields a person can edit. Present fields replace the stored ones; `credit` may not be
/// emptied (a photo without a credit never leaves the building).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BatchEdit {
    pub ids: Vec<i64>,
    pub creator: Option<String>,
    pub caption: Option<String>,
    pub apply_template: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSkip {
    pub id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchResult {
    pub updated: Vec<Photo>,
    /// Photos the template could not be applied to (no creator), with the reason.
    pub skipped: Vec<BatchSkip>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditSettings {
    pub organisation: String,
    pub template: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PhotoFilter {
    #[default]
    All,
    NoCredit,
    NoAltText,
    Unused,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PhotoQuery {
    pub filter: PhotoFilter,
    /// Matches caption, credit, creator, headline, keywords, file name (case-insensitive).
    pub text: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhotoPage {
    pub items: Vec<Photo>,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoUse {
    pub article_id: i64,
    pub headline: String,
    /// "lead" or "figure".
    pub role: String,
}

/// Everything the detail view and `photo show` need.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhotoDetails {
    #[serde(flatten)]
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
}

/// One file's import result, as the CLI prints it (`photo import --json`, one per line) and the
/// app sends it in its progress events.
#[derive(Debug, Clone, Serialize)]
pub struct ImportItem {
    pub file: String,
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub near_duplicates: Option<Vec<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<crate::ErrorPayload>,
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
            },
            Err(e) => ImportItem {
                file,
                ok: false,
                photo: None,
                duplicate: None,
                near_duplicates: None,
                error: Some(e.payload()),
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
}

/// A body figure reference: `![alt](photo:ID "caption")`. Empty alt or caption = the photo's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRef {
    pub photo_id: i64,
    pub caption: Option<String>,
    pub alt_text: Option<String>,
}

/// The figures a body references, in order.
pub fn figure_refs(body: &str) -> Vec<FigureRef> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut open: Option<(i64, Option<String>, String)> = None;
    for ev in Parser::new(body) {
        match ev {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                open = parse_photo_url(&dest_url).map(|id| {
                    let t = title.trim().to_string();
                    (id, (!t.is_empty()).then_some(t), String::new())
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, alt)) = open.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((photo_id, caption, alt)) = open.take() {
                    let alt = alt.trim().to_string();
                    out.push(FigureRef {
                        photo_id,
                        caption,
                        alt_text: (!alt.is_empty()).then_some(alt),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// `photo:12` → 12.
pub fn parse_photo_url(url: &str) -> Option<i64> {
    url.strip_prefix("photo:")
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 0)
}

/// Fills the credit template. `None` when there is no creator to credit. Separators around an
/// empty organisation collapse ("Bild: {organisation} / {creator}" with no organisation gives
/// "Bild: Jane Doe").
pub fn fill_template(template: &str, organisation: &str, creator: &str) -> Option<String> {
    let creator = creator.trim();
    if creator.is_empty() {
        return None;
    }
    let org = organisation.trim();
    let mut s = template.replace("{creator}", creator);
    if org.is_empty() {
        for pat in [
            "{organisation} / ",
            " / {organisation}",
            "{organisation}/",
            "/{organisation}",
        ] {
            s = s.replace(pat, "");
        }
    }
    s = s.replace("{organisation}", org);
    Some(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn check_template(t: &str) -> Result<()> {
    if !t.contains("{creator}") {
        return Err(Error::invalid("the credit template must contain {creator}"));
    }
    let stripped = t.replace("{creator}", "").replace("{organisation}", "");
    if stripped.contains('{') || stripped.contains('}') {
        return Err(Error::invalid(
            "the credit template knows only {organisation} and {creator}",
        ));
    }
    if t.len() > 200 {
        return Err(Error::invalid(
            "the credit template is too long (at most 200 bytes)",
        ));
    }
    Ok(())
}

/// A file read, checked, hashed and rendered — everything an import needs except the library.
/// Made on a worker thread by [`prepare_import`]; [`Library::commit_import`] stores it.
pub struct PreparedImport {
    pub original_name: String,
    pub sha256: String,
    pub format: Format,
    pub data: Vec<u8>,
    pub meta: FileMeta,
    /// `None` when the library already holds this file (checked before rendering).
    pub rendered: Option<Rendered>,
    pub spec: RenditionSpec,
    /// What the renditions embed; its `credit` is the one the photo is stored with.
    pub rights: RightsMeta,
    /// Where that credit came from: "file", "template" or "none".
    pub credit_source: &'static str,
}

/// What the import needs from the library before the heavy work: the credit settings and the
/// rendition settings, plus a way to ask "is this SHA-256 already here?".
#[derive(Debug, Clone)]
pub struct ImportContext {
    pub credit: CreditSettings,
    pub spec: RenditionSpec,
    pub limits: Limits,
}

/// Reads a file from disk within the size limit. Only regular files: a FIFO or device would
/// hang or never end.
pub fn read_original(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    let shown = path.display().to_string();
    let md = fs::metadata(path).map_err(|e| Error::io(shown.clone(), e))?;
    if md.is_dir() {
        return Err(Error::invalid(format!("{shown} is a folder, not a photo")));
    }
    if !md.is_file() {
        return Err(Error::invalid(format!("{shown} is not a regular file")));
    }
    if md.len() > limits.max_file_bytes {
        return Err(Error::image(
            ImageProblem::TooLarge,
            format!(
                "{shown} is {} MiB; photos may be at most {} MiB",
                md.len() >> 20,
                limits.max_file_bytes >> 20
            ),
        ));
    }
    let mut data = Vec::with_capacity(md.len() as usize);
    fs::File::open(path)
        .and_then(|f| f.take(limits.max_file_bytes + 1).read_to_end(&mut data))
        .map_err(|e| Error::io(shown.clone(), e))?;
    if data.len() as u64 > limits.max_file_bytes {
        return Err(Error::image(
            ImageProblem::TooLarge,
            format!("{shown} grew while reading"),
        ));
    }
    Ok(data)
}

pub fn sha256_hex(data: &[u8]) -> String {
    let d = Sha256::digest(data);
    let mut s = String::with_capacity(64);
    for b in d {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Step 1 of an import, without the library: read, recognise, check, read metadata, hash. Then,
/// unless `already_have(sha)` says the library has the file, decode once and make every
/// rendition. Safe to run on any thread.
pub fn prepare_import(
    path: &Path,
    ctx: &ImportContext,
    already_have: impl FnOnce(&str) -> bool,
) -> Result<PreparedImport> {
    let data = read_original(path, &ctx.limits)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    prepare_bytes(name, data, ctx, already_have)
}

pub fn prepare_bytes(
    original_name: String,
    data: Vec<u8>,
    ctx: &ImportContext,
    already_have: impl FnOnce(&str) -> bool,
) -> Result<PreparedImport> {
    if data.is_empty() {
        return Err(Error::image(
            ImageProblem::Corrupt,
            "the file is empty (0 bytes)",
        ));
    }
    let format = Format::sniff(&data).ok_or_else(|| {
        Error::image(
            ImageProblem::UnsupportedFormat,
            unsupported_message(&original_name, &data),
        )
    })?;
    pixels::probe(&data, &ctx.limits)?;
    pixels::check_complete(&data, format)?;
    let meta = meta::read(&data);
    let sha256 = sha256_hex(&data);
    let (credit, credit_source) = initial_credit(&meta, &ctx.credit);
    let rights = RightsMeta {
        caption: meta.caption.clone(),
        credit: (!credit.is_empty()).then_some(credit),
        creator: meta.creator.clone(),
        copyright: meta.copyright.clone(),
        alt_text: meta.alt_text.clone(),
        headline: meta.headline.clone(),
    };
    let rendered = if already_have(&sha256) {
        None
    } else {
        Some(pixels::render(
            &data,
            meta.orientation,
            &ctx.spec,
            &rights,
            &ctx.limits,
        )?)
    };
    Ok(PreparedImport {
        original_name,
        sha256,
        format,
        data,
        meta,
        rendered,
        spec: ctx.spec.clone(),
        rights,
        credit_source,
    })
}

fn unsupported_message(name: &str, data: &[u8]) -> String {
    let what = if data.starts_with(b"%PDF") {
        "a PDF document"
    } else if data.starts_with(b"GIF8") {
        "a GIF image"
    } else if data.len() >= 12 && &data[4..8] == b"ftyp" {
        "a HEIC/AVIF or video file"
    } else if data.starts_with(b"PK\x03\x04") {
        "a ZIP archive or office document"
    } else if data.len() >= 16 && &data[12..16] == b"IHDR" {
        "a damaged PNG (its signature is broken)"
    } else if data.starts_with(b"<") || data.starts_with(b"\xEF\xBB\xBF<") {
        "an HTML/XML/SVG text file"
    } else {
        "not an image we know"
    };
    format!("{name} is {what}; Newsroom takes JPEG, PNG, WebP and TIFF photos")
}

/// The credit a new photo gets: the file's own, else the template filled from its creator.
fn initial_credit(meta: &FileMeta, s: &CreditSettings) -> (String, &'static str) {
    if let Some(c) = meta.credit.as_deref().filter(|c| !c.trim().is_empty()) {
        return (c.trim().to_string(), "file");
    }
    match meta
        .creator
        .as_deref()
        .and_then(|c| fill_template(&s.template, &s.organisation, c))
    {
        Some(c) => (c, "template"),
        None => (String::new(), "none"),
    }
}

fn shard(sha: &str) -> &str {
    &sha[..2]
}

/// Writes `data` to `path` atomically (temp file in the same folder, fsync, rename).
fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let dir = path.parent().expect("file in a folder");
    fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().unwrap().to_string_lossy(),
        std::process::id()
    ));
    let res = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = res {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(path.display().to_string(), e));
    }
    Ok(())
}

/// The cache key of a rendition set: the settings and the rights block it embeds.
pub fn rendition_key(spec: &RenditionSpec, rights: &RightsMeta) -> String {
    let json = serde_json::to_string(&(spec, rights)).expect("serializable");
    sha256_hex(json.as_bytes())[..16].to_string()
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    files: Vec<ManifestEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ManifestEntry {
    file: String,
    width: u32,
    height: u32,
    format: RenditionFormat,
    bytes: u64,
}

fn rendition_file_name(width: u32, format: RenditionFormat) -> String {
    match format {
        RenditionFormat::Jpeg => format!("{width}.jpg"),
        RenditionFormat::Webp => format!("{width}.webp"),
    }
}

/// Writes a rendition set into `dir` atomically: a temp folder beside it, renamed into place.
/// Older sets of the same photo (other keys) are removed afterwards.
fn write_rendition_set(dir: &Path, rendered: &Rendered) -> Result<Vec<RenditionFile>> {
    let parent = dir.parent().expect("key folder has a parent");
    fs::create_dir_all(parent).map_err(|e| Error::io(parent.display().to_string(), e))?;
    let tmp = parent.join(format!(
        ".tmp-{}-{}",
        dir.file_name().unwrap().to_string_lossy(),
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&tmp);
    let io = |e| Error::io(tmp.display().to_string(), e);
    fs::create_dir_all(&tmp).map_err(io)?;
    let mut entries = Vec::new();
    for r in &rendered.renditions {
        let file = rendition_file_name(r.width, r.format);
        let mut f = fs::File::create(tmp.join(&file)).map_err(io)?;
        f.write_all(&r.bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
        // Never written again: exports share these files through hard links.
        let mut perm = f.metadata().map_err(io)?.permissions();
        perm.set_readonly(true);
        f.set_permissions(perm).map_err(io)?;
        entries.push(ManifestEntry {
            file,
            width: r.width,
            height: r.height,
            format: r.format,
            bytes: r.bytes.len() as u64,
        });
    }
    let manifest = serde_json::to_vec_pretty(&Manifest { files: entries }).expect("json");
    fs::write(tmp.join("manifest.json"), manifest).map_err(io)?;
    if dir.exists() && read_manifest(dir)?.is_some() {
        // Another worker made the same set meanwhile; identical content, keep theirs.
        let _ = fs::remove_dir_all(&tmp);
    } else {
        if dir.exists() {
            // A damaged set (a file missing or changed): moved aside, removed below.
            let aside = parent.join(format!(
                ".damaged-{}-{}",
                dir.file_name().unwrap().to_string_lossy(),
                std::process::id()
            ));
            let _ = fs::remove_dir_all(&aside);
            let _ = fs::rename(dir, &aside);
            let _ = fs::remove_dir_all(&aside);
        }
        if let Err(e) = fs::rename(&tmp, dir) {
            let _ = fs::remove_dir_all(&tmp);
            if read_manifest(dir)?.is_none() {
                return Err(Error::io(dir.display().to_string(), e));
            }
        }
    }
    if let Ok(rd) = fs::read_dir(parent) {
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name();
            if p != dir && !name.to_string_lossy().starts_with('.') && p.is_dir() {
                let _ = fs::remove_dir_all(&p);
            }
        }
    }
    read_manifest(dir)?.ok_or_else(|| Error::invalid("rendition set vanished while writing"))
}

fn read_manifest(dir: &Path) -> Result<Option<Vec<RenditionFile>>> {
    let Ok(text) = fs::read(dir.join("manifest.json")) else {
        return Ok(None);
    };
    let Ok(m) = serde_json::from_slice::<Manifest>(&text) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for e in m.files {
        let path = dir.join(&e.file);
        match fs::metadata(&path) {
            Ok(md) if md.len() == e.bytes => out.push(RenditionFile {
                path,
                width: e.width,
                height: e.height,
                format: e.format,
                bytes: e.bytes,
            }),
            // A file missing or changed: the set is not usable, make it again.
            _ => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// What it takes to (re)make one photo's renditions, detached from the library so it can run
/// on a worker thread.
#[derive(Debug, Clone)]
pub struct RenditionJob {
    pub photo_id: i64,
    pub original: PathBuf,
    pub orientation: u16,
    pub spec: RenditionSpec,
    pub rights: RightsMeta,
    pub dir: PathBuf,
    pub limits: Limits,
}

impl RenditionJob {
    /// The set if it is already in the cache.
    pub fn cached(&self) -> Result<Option<Vec<RenditionFile>>> {
        read_manifest(&self.dir)
    }

    /// Makes the set unless cached. Heavy; no lock needed.
    pub fn run(&self) -> Result<Vec<RenditionFile>> {
        if let Some(files) = self.cached()? {
            return Ok(files);
        }
        let data = read_original(&self.original, &self.limits)?;
        let rendered = pixels::render(
            &data,
            self.orientation,
            &self.spec,
            &self.rights,
            &self.limits,
        )?;
        write_rendition_set(&self.dir, &rendered)
    }
}

/// Imports one file from a worker thread, holding the shared library's lock only for the hash
/// lookup and the commit; decoding and encoding run unlocked, so workers overlap.
pub fn import_shared(lib: &std::sync::Mutex<Library>, path: &Path) -> Result<ImportOutcome> {
    let lock = || lib.lock().unwrap_or_else(|p| p.into_inner());
    let ctx = lock().import_context()?;
    let prepared = prepare_import(path, &ctx, |sha| {
        lock().photo_id_by_sha(sha).ok().flatten().is_some()
    })?;
    lock().commit_import(prepared)
}

/// Imports `paths` on `workers` threads; results in input order. A panicking decoder becomes
/// that file's `corrupt_image` error, never the batch's end.
pub fn import_many(
    lib: &std::sync::Mutex<Library>,
    paths: &[PathBuf],
    workers: usize,
    mut on_done: impl FnMut(usize, &Path, &Result<ImportOutcome>) + Send,
) -> Vec<Result<ImportOutcome>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let results: std::sync::Mutex<Vec<Option<Result<ImportOutcome>>>> =
        std::sync::Mutex::new((0..paths.len()).map(|_| None).collect());
    let on_done = std::sync::Mutex::new(&mut on_done);
    std::thread::scope(|s| {
        for _ in 0..workers.clamp(1, 8).min(paths.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(path) = paths.get(i) else { break };
                let r = guarded(|| import_shared(lib, path));
                (on_done.lock().unwrap_or_else(|p| p.into_inner()))(i, path, &r);
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|r| r.expect("every file done"))
        .collect()
}

/// Runs an import step, turning a panic (a decoder bug) into a clear per-file error.
pub fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(Error::image(
            ImageProblem::Corrupt,
            "the image decoder failed on this file",
        ))
    })
}

const PHOTO_COLS: &str = "p.id, p.sha256, p.format, p.bytes, p.width, p.height, p.orientation, \
     p.original_name, p.caption, p.credit, p.credit_source, p.creator, p.copyright, p.alt_text, \
     p.headline, p.date_created, p.city, p.location, p.country, p.keywords, p.camera, p.has_gps, \
     p.imported_at, p.updated_at, \
     (SELECT count(DISTINCT u.article_id) FROM (
         SELECT id AS article_id FROM articles WHERE lead_photo_id = p.id
         UNION ALL SELECT article_id FROM article_figures WHERE photo_id = p.id) u)";

fn photo_from_row(r: &Row<'_>) -> rusqlite::Result<Photo> {
    let format: String = r.get(2)?;
    let keywords: String = r.get(19)?;
    Ok(Photo {
        id: r.get(0)?,
        sha256: r.get(1)?,
        format: Format::from_name(&format).unwrap_or(Format::Jpeg),
        bytes: r.get::<_, i64>(3)? as u64,
        width: r.get(4)?,
        height: r.get(5)?,
        orientation: r.get(6)?,
        original_name: r.get(7)?,
        caption: r.get(8)?,
        credit: r.get(9)?,
        credit_source: r.get(10)?,
        creator: r.get(11)?,
        copyright: r.get(12)?,
        alt_text: r.get(13)?,
        headline: r.get(14)?,
        date_created: r.get(15)?,
        city: r.get(16)?,
        location: r.get(17)?,
        country: r.get(18)?,
        keywords: serde_json::from_str(&keywords).unwrap_or_default(),
        camera: r.get(20)?,
        has_gps: r.get::<_, i64>(21)? != 0,
        imported_at: r.get(22)?,
        updated_at: r.get(23)?,
        usage_count: r.get(24)?,
    })
}

fn load_photo(conn: &Connection, id: i64) -> Result<Photo> {
    conn.prepare_cached(&format!(
        "SELECT {PHOTO_COLS} FROM photos p WHERE p.id = ?1"
    ))?
    .query_row([id], photo_from_row)
    .optional()?
    .ok_or(Error::PhotoNotFound(id))
}

/// Stores the editable fields of `p` (the one UPDATE for single and batch edits).
fn write_photo(conn: &Connection, p: &Photo) -> Result<()> {
    conn.prepare_cached(
        "UPDATE photos SET caption = ?2, credit = ?3, credit_source = ?4, creator = ?5,
             copyright = ?6, alt_text = ?7, headline = ?8, city = ?9, location = ?10,
             country = ?11, keywords = ?12, updated_at = ?13
         WHERE id = ?1",
    )?
    .execute(params![
        p.id,
        p.caption,
        p.credit,
        p.credit_source,
        p.creator,
        p.copyright,
        p.alt_text,
        p.headline,
        p.city,
        p.location,
        p.country,
        serde_json::to_string(&p.keywords).expect("json"),
        dates::stamp(Utc::now()),
    ])?;
    Ok(())
}

pub(crate) fn exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM photos WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))?)
}

/// Refreshes the derived `article_figures` rows from the body. References to photos that do
/// not exist are left out (the export's preflight reports them); an autosave never fails on one.
pub(crate) fn write_figures(tx: &Transaction<'_>, article_id: i64, body: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM article_figures WHERE article_id = ?1")?
        .execute([article_id])?;
    if !body.contains("photo:") {
        return Ok(());
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO article_figures (article_id, position, photo_id, caption, alt_text)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM photos WHERE id = ?3)",
    )?;
    for (i, f) in figure_refs(body).iter().enumerate() {
        ins.execute(params![
            article_id, i as i64, f.photo_id, f.caption, f.alt_text
        ])?;
    }
    Ok(())
}

fn clean(s: &str) -> String {
    s.trim().to_string()
}

fn check_len(name: &str, v: &str) -> Result<()> {
    if v.len() > MAX_TEXT {
        return Err(Error::invalid(format!(
            "{name} is too long ({} bytes, at most {MAX_TEXT})",
            v.len()
        )));
    }
    Ok(())
}

fn clean_keywords(v: &[String]) -> Result<Vec<String>> {
    let out = crate::store::clean_tags(v, "keyword", MAX_TEXT)?;
    if out.len() > 200 {
        return Err(Error::invalid("at most 200 keywords"));
    }
    Ok(out)
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

    pub fn credit_settings(&self) -> Result<CreditSettings> {
        Ok(CreditSettings {
            organisation: self.setting(KEY_ORGANISATION)?.unwrap_or_default(),
            template: self
                .setting(KEY_TEMPLATE)?
                .unwrap_or_else(|| DEFAULT_CREDIT_TEMPLATE.to_string()),
        })
    }

    pub fn set_credit_settings(&self, s: &CreditSettings) -> Result<CreditSettings> {
        let template = s.template.trim();
        check_template(template)?;
        check_len("organisation", &s.organisation)?;
        self.set_setting(KEY_TEMPLATE, template)?;
        self.set_setting(KEY_ORGANISATION, s.organisation.trim())?;
        self.credit_settings()
    }

    /// The rendition settings: default widths 320/640/1280/2560, configurable.
    pub fn rendition_spec(&self) -> Result<RenditionSpec> {
        let mut spec = RenditionSpec::default();
        if let Some(w) = self.setting(KEY_WIDTHS)? {
            if let Ok(widths) = serde_json::from_str::<Vec<u32>>(&w) {
                if !widths.is_empty() {
                    spec.widths = widths;
                }
            }
        }
        Ok(spec)
    }

    pub fn set_rendition_widths(&self, widths: &[u32]) -> Result<RenditionSpec> {
        let mut w: Vec<u32> = widths.to_vec();
        w.sort_unstable();
        w.dedup();
        if w.is_empty() || w.len() > 8 || w.iter().any(|&x| !(16..=8192).contains(&x)) {
            return Err(Error::invalid(
                "rendition widths: 1 to 8 widths, each 16 to 8192 pixels",
            ));
        }
        self.set_setting(KEY_WIDTHS, &serde_json::to_string(&w).expect("json"))?;
        self.rendition_spec()
    }

    pub fn import_context(&self) -> Result<ImportContext> {
        Ok(ImportContext {
            credit: self.credit_settings()?,
            spec: self.rendition_spec()?,
            limits: Limits::default(),
        })
    }

    pub fn photo_id_by_sha(&self, sha: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM photos WHERE sha256 = ?1")?
            .query_row([sha], |r| r.get(0))
            .optional()?)
    }

    /// Imports one file: [`prepare_import`] and [`Library::commit_import`] in one go, holding
    /// the library throughout. Workers importing in parallel use [`import_shared`] instead.
    pub fn import_photo(&mut self, path: &Path) -> Result<ImportOutcome> {
        let ctx = self.import_context()?;
        let prepared = prepare_import(path, &ctx, |sha| {
            self.photo_id_by_sha(sha).ok().flatten().is_some()
        })?;
        self.commit_import(prepared)
    }

    /// Step 2 of an import: stores the original and its renditions, then the row. The same
    /// file twice is one photo (`duplicate: true`, nothing written).
    pub fn commit_import(&mut self, p: PreparedImport) -> Result<ImportOutcome> {
        if let Some(id) = self.photo_id_by_sha(&p.sha256)? {
            let photo = self.get_photo(id)?;
            let near = self.near_duplicates_of(id)?;
            return Ok(ImportOutcome {
                photo,
                duplicate: true,
                near_duplicates: near,
            });
        }
        let rendered = match p.rendered {
            Some(r) => r,
            // Prepared as a duplicate, but the photo was deleted meanwhile: render now.
            None => pixels::render(
                &p.data,
                p.meta.orientation,
                &p.spec,
                &p.rights,
                &Limits::default(),
            )?,
        };
        // Files first: a crash after this leaves an orphan file, never a row without its file.
        write_atomic(&self.original_path(&p.sha256, p.format), &p.data)?;
        if let Some(thumb) = rendered
            .renditions
            .iter()
            .filter(|r| r.format == RenditionFormat::Jpeg)
            .min_by_key(|r| r.width)
        {
            write_atomic(&self.thumb_path(&p.sha256), &thumb.bytes)?;
        }
        let key = rendition_key(&p.spec, &p.rights);
        let dir = self
            .renditions_dir()
            .join(shard(&p.sha256))
            .join(&p.sha256)
            .join(key);
        write_rendition_set(&dir, &rendered)?;

        let m = &p.meta;
        let now = dates::stamp(Utc::now());
        let opt = |v: &Option<String>| v.as_deref().map(clean).unwrap_or_default();
        self.conn.execute(
            "INSERT INTO photos (sha256, format, bytes, width, height, orientation, original_name,
                 caption, credit, creator, copyright, alt_text, headline, date_created, city,
                 location, country, keywords, camera, has_gps, credit_source, file_meta, phash,
                 imported_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?24)",
            params![
                p.sha256,
                p.format.name(),
                p.data.len() as i64,
                rendered.width,
                rendered.height,
                m.orientation,
                p.original_name,
                opt(&m.caption),
                p.rights.credit.as_deref().unwrap_or_default(),
                opt(&m.creator),
                opt(&m.copyright),
                opt(&m.alt_text),
                opt(&m.headline),
                m.date_created,
                opt(&m.city),
                opt(&m.sublocation),
                opt(&m.country),
                serde_json::to_string(&clean_keywords(&m.keywords)?).expect("json"),
                opt(&m.camera),
                m.has_gps as i64,
                p.credit_source,
                serde_json::to_string(m).expect("json"),
                rendered.phash as i64,
                now,
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        let near = self.near_duplicates_of(id)?;
        Ok(ImportOutcome {
            photo: self.get_photo(id)?,
            duplicate: false,
            near_duplicates: near,
        })
    }

    pub fn get_photo(&self, id: i64) -> Result<Photo> {
        load_photo(&self.conn, id)
    }

    pub fn photo_details(&self, id: i64) -> Result<PhotoDetails> {
        let photo = self.get_photo(id)?;
        let file_meta: String =
            self.conn
                .query_row("SELECT file_meta FROM photos WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        Ok(PhotoDetails {
            photo,
            used_in: self.photo_usage(id)?,
            near_duplicates: self.near_duplicates_of(id)?,
            file_meta: serde_json::from_str(&file_meta).unwrap_or_default(),
        })
    }

    /// Where a photo is used: lead photo or body figure of which articles.
    pub fn photo_usage(&self, id: i64) -> Result<Vec<PhotoUse>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.headline, 'lead' FROM articles a WHERE a.lead_photo_id = ?1
             UNION
             SELECT a.id, a.headline, 'figure' FROM article_figures f
                 JOIN articles a ON a.id = f.article_id WHERE f.photo_id = ?1
             ORDER BY 1, 3 DESC",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(PhotoUse {
                    article_id: r.get(0)?,
                    headline: r.get(1)?,
                    role: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Other photos whose perceptual hash is within [`NEAR_DUPLICATE_DISTANCE`], nearest first.
    pub fn near_duplicates_of(&self, id: i64) -> Result<Vec<i64>> {
        let Some(h) = self
            .conn
            .query_row("SELECT phash FROM photos WHERE id = ?1", [id], |r| {
                r.get::<_, Option<i64>>(0)
            })
            .optional()?
            .flatten()
        else {
            return Ok(vec![]);
        };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, phash FROM photos WHERE phash IS NOT NULL AND id != ?1")?;
        let mut near: Vec<(u32, i64)> = stmt
            .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
            .filter_map(|r| r.ok())
            .map(|(other, ph)| (pixels::phash_distance(h as u64, ph as u64), other))
            .filter(|(d, _)| *d <= NEAR_DUPLICATE_DISTANCE)
            .collect();
        near.sort_unstable();
        Ok(near.into_iter().map(|(_, id)| id).collect())
    }

    /// The media grid: newest first, with the filters "no credit", "no alt text", "unused".
    pub fn list_photos(&self, q: &PhotoQuery) -> Result<PhotoPage> {
        let limit = q.limit.unwrap_or(200).clamp(1, 1000) as i64;
        let offset = q.offset.unwrap_or(0) as i64;
        let filter = match q.filter {
            PhotoFilter::All => "1",
            PhotoFilter::NoCredit => "p.credit = ''",
            PhotoFilter::NoAltText => "p.alt_text = ''",
            PhotoFilter::Unused => {
                "NOT EXISTS (SELECT 1 FROM articles a WHERE a.lead_photo_id = p.id)
                 AND NOT EXISTS (SELECT 1 FROM article_figures f WHERE f.photo_id = p.id)"
            }
        };
        let text = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let like = text.map(|t| {
            format!(
                "%{}%",
                t.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        });
        let text_sql =
            "(?1 IS NULL OR p.caption LIKE ?1 ESCAPE '\\' OR p.credit LIKE ?1 ESCAPE '\\'
            OR p.creator LIKE ?1 ESCAPE '\\' OR p.headline LIKE ?1 ESCAPE '\\'
            OR p.keywords LIKE ?1 ESCAPE '\\' OR p.original_name LIKE ?1 ESCAPE '\\')";
        let items = self
            .conn
            .prepare_cached(&format!(
                "SELECT {PHOTO_COLS} FROM photos p WHERE {filter} AND {text_sql}
                 ORDER BY p.imported_at DESC, p.id DESC LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(params![like, limit, offset], photo_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let total: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM photos p WHERE {filter} AND {text_sql}"
            ))?
            .query_row(params![like], |r| r.get(0))?;
        Ok(PhotoPage {
            items,
            total: total as u64,
        })
    }

    pub fn update_photo(&mut self, id: i64, u: &PhotoUpdate) -> Result<Photo> {
        let cur = self.get_photo(id)?;
        let mut p = cur.clone();
        let set = |dst: &mut String, v: &Option<String>, name: &str| -> Result<()> {
            if let Some(v) = v {
                check_len(name, v)?;
                *dst = clean(v);
            }
            Ok(())
        };
        set(&mut p.caption, &u.caption, "caption")?;
        set(&mut p.creator, &u.creator, "creator")?;
        set(&mut p.copyright, &u.copyright, "copyright")?;
        set(&mut p.alt_text, &u.alt_text, "alt text")?;
        set(&mut p.headline, &u.headline, "headline")?;
        set(&mut p.city, &u.city, "city")?;
        set(&mut p.location, &u.location, "location")?;
        set(&mut p.country, &u.country, "country")?;
        if let Some(k) = &u.keywords {
            p.keywords = clean_keywords(k)?;
        }
        if let Some(c) = &u.credit {
            check_len("credit", c)?;
            let c = clean(c);
            if c.is_empty() {
                return Err(Error::invalid(
                    "the credit is required: a photo without a credit cannot be published",
                ));
            }
            if c != cur.credit {
                p.credit = c;
                p.credit_source = "edited".into();
            }
        }
        if p == cur {
            return Ok(cur);
        }
        write_photo(&self.conn, &p)?;
        self.get_photo(id)
    }

    /// Applies a creator, a caption and/or the credit template to many photos at once, in one
    /// transaction. The template needs a creator; photos without one are skipped and reported.
    pub fn batch_edit(&mut self, e: &BatchEdit) -> Result<BatchResult> {
        if e.ids.is_empty() {
            return Err(Error::invalid("select at least one photo"));
        }
        if e.creator.is_none() && e.caption.is_none() && !e.apply_template {
            return Err(Error::invalid(
                "nothing to apply: give a creator, a caption or the template",
            ));
        }
        for (name, v) in [("creator", &e.creator), ("caption", &e.caption)] {
            if let Some(v) = v {
                check_len(name, v)?;
            }
        }
        let settings = self.credit_settings()?;
        let tx = self.conn.transaction()?;
        let mut skipped = Vec::new();
        let mut ids = Vec::new();
        {
            for &id in &e.ids {
                let mut p = load_photo(&tx, id)?;
                if let Some(c) = &e.creator {
                    p.creator = clean(c);
                }
                if let Some(c) = &e.caption {
                    p.caption = clean(c);
                }
                if e.apply_template {
                    match fill_template(&settings.template, &settings.organisation, &p.creator) {
                        Some(c) => {
                            p.credit = c;
                            p.credit_source = "template".into();
                        }
                        None => skipped.push(BatchSkip {
                            id,
                            reason: "no creator to fill the credit template with".into(),
                        }),
                    }
                }
                write_photo(&tx, &p)?;
                ids.push(id);
            }
        }
        tx.commit()?;
        let updated = ids
            .into_iter()
            .map(|id| self.get_photo(id))
            .collect::<Result<_>>()?;
        Ok(BatchResult { updated, skipped })
    }

    /// Deletes a photo that no article uses: its row, original, thumbnail and renditions.
    pub fn delete_photo(&mut self, id: i64) -> Result<()> {
        let p = self.get_photo(id)?;
        let used = self.photo_usage(id)?;
        if !used.is_empty() {
            return Err(Error::InvalidState(format!(
                "photo {id} is used in {} article(s) (first: {}); remove it there first",
                used.len(),
                used[0].article_id
            )));
        }
        self.conn
            .execute("DELETE FROM photos WHERE id = ?1", [id])?;
        let _ = fs::remove_file(self.original_path(&p.sha256, p.format));
        let _ = fs::remove_file(self.thumb_path(&p.sha256));
        let _ = fs::remove_dir_all(self.renditions_dir().join(shard(&p.sha256)).join(&p.sha256));
        Ok(())
    }

    /// The rights block a photo's renditions carry right now.
    pub fn photo_rights(p: &Photo) -> RightsMeta {
        let o = |s: &str| (!s.is_empty()).then(|| s.to_string());
        RightsMeta {
            caption: o(&p.caption),
            credit: o(&p.credit),
            creator: o(&p.creator),
            copyright: o(&p.copyright),
            alt_text: o(&p.alt_text),
            headline: o(&p.headline),
        }
    }

    /// The job that makes (or finds) the current rendition set of a photo.
    pub fn rendition_job(&self, id: i64) -> Result<RenditionJob> {
        let p = self.get_photo(id)?;
        let spec = self.rendition_spec()?;
        let rights = Self::photo_rights(&p);
        let key = rendition_key(&spec, &rights);
        Ok(RenditionJob {
            photo_id: id,
            original: self.original_path(&p.sha256, p.format),
            orientation: p.orientation,
            dir: self
                .renditions_dir()
                .join(shard(&p.sha256))
                .join(&p.sha256)
                .join(key),
            spec,
            rights,
            limits: Limits::default(),
        })
    }

    /// Renders an article body with its figures resolved: caption and alt text from the
    /// reference, else the photo's own; the credit always the photo's. `src` gives the image
    /// URL (the app's `nrphoto:` scheme in the preview, a bundle path in an export).
    pub fn render_body(&self, body: &str, src: &dyn Fn(&Photo) -> String) -> String {
        crate::render::render_body_with(body, &|r| {
            let p = self.get_photo(r.photo_id).ok()?;
            let (w, h) = (
                p.width.min(640),
                (p.height as u64 * p.width.min(640) as u64 / p.width.max(1) as u64) as u32,
            );
            Some(crate::render::FigureView {
                src: src(&p),
                alt: r.alt_text.clone().unwrap_or_else(|| p.alt_text.clone()),
                caption: r.caption.clone().unwrap_or_else(|| p.caption.clone()),
                credit: p.credit.clone(),
                width: w,
                height: h,
                sources: None,
            })
        })
    }

    /// The photo's renditions, made now if the cache doesn't hold the current set.
    pub fn renditions(&self, id: i64) -> Result<Vec<RenditionFile>> {
        self.rendition_job(id)?.run()
    }
}
