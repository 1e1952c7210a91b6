//! Importing originals: staging a copy of the file within the limits while hashing it
//! ([`Staged`]), recognising and checking it, rendering it once ([`prepare_import`], no lock),
//! then storing files and row ([`Library::commit_import`]); [`import_many`] runs that on
//! worker threads.

use std::fs;
use std::path::{Path, PathBuf};

use crate::sql::{params, params_from_iter, OptionalExtension, Params, Value};
use sha2::{Digest, Sha256};

use super::credits::initial_credit;
use super::renditions::write_rendition_set;
use super::staging::{self, Staged};
use super::store::{clean, clean_keywords};
use super::{rendition_key, CreditSettings, CreditSource, ImportOutcome};
use crate::dates;
use crate::error::{Error, FileKind, ImageProblem, Result};
use crate::imaging::pixels::{self, Limits, Rendered, RenditionFormat, RenditionSpec};
use crate::imaging::{meta, FileMeta, Format, RightsMeta};
use crate::library::Library;

/// A file read, checked, hashed and rendered — everything an import needs except the library.
/// Made on a worker thread by [`prepare_import`]; [`Library::commit_import`] stores it.
pub struct PreparedImport {
    pub original_name: String,
    pub sha256: String,
    pub format: Format,
    /// The copy of the file in the library's incoming folder; removed unless committed.
    pub original: Staged,
    pub meta: FileMeta,
    /// `None` when the library already holds this file (checked before rendering).
    pub rendered: Option<Rendered>,
    pub spec: RenditionSpec,
    /// What the renditions embed; its `credit` is the one the photo is stored with.
    pub rights: RightsMeta,
    /// Where that credit came from.
    pub credit_source: CreditSource,
    /// What the file said that was cut to fit the library's limits.
    pub warnings: Vec<super::ImportWarning>,
}

/// What the import needs from the library before the heavy work: the credit settings and the
/// rendition settings, plus a way to ask "is this SHA-256 already here?".
#[derive(Debug, Clone)]
pub struct ImportContext {
    pub credit: CreditSettings,
    pub spec: RenditionSpec,
    pub limits: Limits,
    /// Where files are staged while they are imported (in the library, beside the originals).
    pub incoming: PathBuf,
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// Lower-case hex, as SHA-256 names are written.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Step 1 of an import, without the library: stage and hash, recognise, check, read metadata.
/// Then, unless `already_have(sha)` says the library has the file, decode once and make every
/// rendition. Safe to run on any thread.
pub fn prepare_import(
    path: &Path,
    ctx: &ImportContext,
    already_have: impl FnOnce(&str) -> bool,
) -> Result<PreparedImport> {
    let staged = Staged::copy(path, &ctx.incoming, &ctx.limits)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    prepare_staged(name, staged, ctx, already_have)
}

/// [`prepare_import`] for bytes already in memory (the sample photos).
pub fn prepare_bytes(
    original_name: String,
    data: &[u8],
    ctx: &ImportContext,
    already_have: impl FnOnce(&str) -> bool,
) -> Result<PreparedImport> {
    let staged = Staged::from_bytes(data, &ctx.incoming)?;
    prepare_staged(original_name, staged, ctx, already_have)
}

fn prepare_staged(
    original_name: String,
    original: Staged,
    ctx: &ImportContext,
    already_have: impl FnOnce(&str) -> bool,
) -> Result<PreparedImport> {
    let len = original.bytes;
    let map = std::sync::Arc::new(original.map()?);
    let data: &[u8] = &map;
    if data.is_empty() {
        return Err(
            Error::image(ImageProblem::Corrupt, "the file is empty (0 bytes)")
                .with(|v| v.bytes = Some(0)),
        );
    }
    let Some(format) = Format::sniff(data) else {
        return Err(match FileKind::sniff(data) {
            FileKind::Unknown => pixels::probe(data, &ctx.limits)
                .err()
                .unwrap_or_else(|| pixels::unsupported(FileKind::Unknown, "this file is")),
            kind => pixels::unsupported(kind, &format!("{original_name} is")),
        });
    };
    let probed = pixels::probe(data, &ctx.limits)
        .and_then(|p| pixels::check_complete(data, format).map(|()| p))
        .map_err(|e| match e {
            // How long the file is says whether the copy or upload was cut short.
            Error::Image {
                problem: ImageProblem::Truncated,
                ..
            } => e.with(|v| v.bytes = Some(len)),
            e => e,
        })?;
    // Fitted before anything is rendered or written: the renditions embed what the row holds.
    let (mut meta, warnings) = super::fit::fit(meta::read(data));
    let (w, h) = if meta.orientation >= 5 {
        (probed.height, probed.width)
    } else {
        (probed.width, probed.height)
    };
    meta.focus = meta::focal_point(data, w, h);
    let sha256 = original.sha256.clone();
    let (credit, credit_source) = initial_credit(&meta, &ctx.credit);
    let rights = RightsMeta {
        caption: meta.caption.clone(),
        credit: (!credit.is_empty()).then_some(credit),
        creator: meta.creator.clone(),
        copyright: meta.copyright.clone(),
        alt_text: meta.alt_text.clone(),
        headline: meta.headline.clone(),
        focus: meta.focus,
    };
    let rendered = if already_have(&sha256) {
        None
    } else {
        Some(pixels::render_shared(
            std::sync::Arc::clone(&map),
            meta.orientation,
            &ctx.spec,
            &rights,
            &ctx.limits,
        )?)
    };
    drop(map);
    Ok(PreparedImport {
        original_name,
        sha256,
        format,
        original,
        meta,
        rendered,
        spec: ctx.spec.clone(),
        rights,
        credit_source,
        warnings,
    })
}

/// Writes `data` to `path` atomically (temp file in the same folder, fsync, rename).
fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let dir = path.parent().expect("file in a folder");
    fs::create_dir_all(dir).map_err(Error::io_at(dir))?;
    crate::files::write_via(&crate::files::temp_beside(path, "tmp"), path, data)
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

impl Library {
    pub fn import_context(&self) -> Result<ImportContext> {
        Ok(ImportContext {
            credit: self.credit_settings()?,
            spec: self.rendition_spec()?,
            limits: Limits::default(),
            incoming: self.incoming_dir(),
        })
    }

    /// Where imports stage their copies: beside the originals, so placing one is a rename.
    fn incoming_dir(&self) -> PathBuf {
        let dir = self.photos_dir().join(".incoming");
        staging::sweep(&dir);
        dir
    }

    pub fn photo_id_by_sha(&self, sha: &str) -> Result<Option<i64>> {
        self.db
            .prepare_cached("SELECT id FROM photos WHERE sha256 = ?1")?
            .query_row([sha], |r| r.get(0))
            .optional()
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
                warnings: vec![],
            });
        }
        let rendered = match p.rendered {
            Some(r) => r,
            // Prepared as a duplicate, but the photo was deleted meanwhile: render now.
            None => pixels::render(
                &p.original.map()?,
                p.meta.orientation,
                &p.spec,
                &p.rights,
                &Limits::default(),
            )?,
        };
        // Everything the row holds, and all that can fail in making it, before any file is
        // written.
        let m = &p.meta;
        let opt = |v: &Option<String>| v.as_deref().map(clean).unwrap_or_default();
        let row: Vec<Value> = params![
            p.sha256,
            p.format.name(),
            p.original.bytes as i64,
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
            dates::stamp(self.now()),
            super::Framing {
                focus: m.focus,
                ..Default::default()
            }
            .json(),
        ]
        .into_values();
        // Files first: a crash after this leaves an orphan file (which `check --repair`
        // removes), never a row without its file. A failure removes what was written.
        let (sha256, format) = (p.sha256.clone(), p.format);
        let original = self.original_path(&sha256, format);
        let key = rendition_key(&p.spec, &p.rights);
        let staged = p.original;
        let written = (|| {
            staged.place(&original)?;
            self.share_original(&sha256, &original)?;
            if let Some(thumb) = rendered
                .renditions
                .iter()
                .filter(|r| r.format == RenditionFormat::Jpeg)
                .min_by_key(|r| r.width)
            {
                write_atomic(&self.thumb_path(&sha256), &thumb.bytes)?;
            }
            write_rendition_set(
                &self.photo_renditions_dir(&sha256).join(key),
                super::renditions::WHOLE,
                &p.rights,
                &rendered.renditions,
            )?;
            self.db.query_row(
                "INSERT INTO photos (sha256, format, bytes, width, height, orientation,
                     original_name, caption, credit, creator, copyright, alt_text, headline,
                     date_created, city, location, country, keywords, camera, has_gps,
                     credit_source, file_meta, phash, imported_at, updated_at, framing)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?24, ?25)
                 RETURNING id",
                params_from_iter(row),
                |r| r.get::<i64>(0),
            )
        })();
        let id = match written {
            Ok(id) => id,
            Err(e) => {
                self.remove_unclaimed_files(&sha256, format);
                return Err(e);
            }
        };
        let near = self.near_duplicates_of(id)?;
        Ok(ImportOutcome {
            photo: self.get_photo(id)?,
            duplicate: false,
            near_duplicates: near,
            warnings: p.warnings,
        })
    }

    /// Removes an import's files when no photo row claims its SHA-256 (the row failed; another
    /// import of the same file that committed meanwhile keeps them).
    fn remove_unclaimed_files(&self, sha256: &str, format: Format) {
        if !matches!(self.photo_id_by_sha(sha256), Ok(None)) {
            return;
        }
        let _ = fs::remove_file(self.original_path(sha256, format));
        let _ = fs::remove_file(self.thumb_path(sha256));
        let _ = fs::remove_dir_all(self.photo_renditions_dir(sha256));
        self.unshare_original(sha256);
    }
}
