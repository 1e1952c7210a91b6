//! The rendition cache: one folder per photo and key, the key a hash of the rendition settings,
//! the frame (the whole photo or a crop's geometry) and the rights block the files embed (so
//! an edited credit never ships in a stale file), a manifest that proves the set whole, sets
//! written atomically, and [`RenditionJob`], which makes a set off the lock; [`run_many`]
//! makes several frames of one photo from one decode.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::import::sha256_hex;
use super::staging::map_original;
use super::{Photo, RenditionFile};
use crate::error::{Error, Result};
use crate::files::temp_beside;
use crate::imaging::pixels::{self, Frame, Limits, Rendition, RenditionFormat, RenditionSpec};
use crate::imaging::RightsMeta;
use crate::library::Library;

const KEY_WIDTHS: &str = "rendition_widths";

/// Which rule picks the widths of a set ([`pixels::target_widths`]); part of the key, so sets
/// made under an older rule (no rendition at the original's own width) are made again.
const WIDTH_RULE: &str = "own-width";

/// The cache key of a rendition set: the settings, the width rule and the rights block it
/// embeds.
pub fn rendition_key(spec: &RenditionSpec, rights: &RightsMeta) -> String {
    let json = serde_json::to_string(&(WIDTH_RULE, spec, rights)).expect("serializable");
    sha256_hex(json.as_bytes())[..16].to_string()
}

/// The cache key of a frame's set: for the whole photo [`rendition_key`]; for a crop the
/// settings, the width rule and the frame (geometry, aspect, widths and rights).
pub fn frame_key(spec: &RenditionSpec, frame: &Frame) -> String {
    if frame.rect.is_none() && frame.aspect.is_none() && frame.widths.is_none() {
        return rendition_key(spec, &frame.rights);
    }
    let json = serde_json::to_string(&(WIDTH_RULE, spec, frame)).expect("serializable");
    sha256_hex(json.as_bytes())[..16].to_string()
}

/// The frame name of the whole photo's sets.
pub const WHOLE: &str = "original";

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    /// Which frame the set is of: `original`, a crop's name, or `name@aID` for an article's
    /// own crop. A newer set of the same frame replaces it.
    #[serde(default = "whole")]
    frame: String,
    /// Which rights block (credit, caption …) its files embed ([`rights_key`]): a set made
    /// with other rights is stale and goes when a current one is written.
    #[serde(default)]
    rights: String,
    files: Vec<ManifestEntry>,
}

/// The rights block's identity, without the focal point (which each frame writes as it lies
/// within it).
fn rights_key(rights: &RightsMeta) -> String {
    let json = serde_json::to_string(&RightsMeta {
        focus: None,
        ..rights.clone()
    })
    .expect("serializable");
    sha256_hex(json.as_bytes())[..16].to_string()
}

fn whole() -> String {
    WHOLE.to_string()
}

#[derive(Debug, Serialize, Deserialize)]
struct ManifestEntry {
    file: String,
    width: u32,
    height: u32,
    format: RenditionFormat,
    bytes: u64,
    /// Sets written before the hash was recorded have none: they are made again.
    #[serde(default)]
    sha256: String,
}

/// A lock on one photo's rendition sets (`renditions/<shard>/<sha>/.lock`), across threads and
/// processes: writing a set and clearing the photo's older sets holds it exclusively; an
/// export holds it shared from checking the files until its bundle has linked them, so a
/// preview or an import of the same photo cannot remove them under it.
#[derive(Debug, Clone)]
pub(crate) struct SetLock(#[allow(dead_code)] std::sync::Arc<fs::File>);

pub(crate) fn lock_sets(photo_dir: &Path, exclusive: bool) -> Result<SetLock> {
    fs::create_dir_all(photo_dir).map_err(Error::io_at(photo_dir))?;
    let path = photo_dir.join(".lock");
    let f = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(Error::io_at(&path))?;
    if exclusive {
        f.lock().map_err(Error::io_at(&path))?;
    } else {
        f.lock_shared().map_err(Error::io_at(&path))?;
    }
    Ok(SetLock(std::sync::Arc::new(f)))
}

/// Writes a rendition set of `frame` into `dir` atomically: a temp folder beside it, renamed
/// into place. Afterwards the photo's older sets of the same frame, and its sets made with
/// other rights (an edited credit), are removed.
pub(super) fn write_rendition_set(
    dir: &Path,
    frame: &str,
    rights: &RightsMeta,
    renditions: &[Rendition],
) -> Result<Vec<RenditionFile>> {
    let rights = rights_key(rights);
    let parent = dir.parent().expect("key folder has a parent");
    let _lock = lock_sets(parent, true)?;
    let tmp = temp_beside(dir, "tmp");
    let _ = fs::remove_dir_all(&tmp);
    let io = Error::io_at(&tmp);
    fs::create_dir_all(&tmp).map_err(io)?;
    let mut entries = Vec::new();
    for r in renditions {
        let file = format!("{}.{}", r.width, r.format.ext());
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
            sha256: sha256_hex(&r.bytes),
        });
    }
    let manifest = serde_json::to_vec_pretty(&Manifest {
        frame: frame.to_string(),
        rights: rights.clone(),
        files: entries,
    })
    .expect("json");
    fs::write(tmp.join("manifest.json"), manifest).map_err(io)?;
    if dir.exists() && read_manifest(dir)?.is_some() {
        // Another worker made the same set meanwhile; identical content, keep theirs.
        let _ = fs::remove_dir_all(&tmp);
    } else {
        if dir.exists() {
            // A damaged set (a file missing or changed): moved aside, removed below.
            let aside = temp_beside(dir, "damaged");
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
                let replaced = fs::read(p.join("manifest.json"))
                    .ok()
                    .and_then(|t| serde_json::from_slice::<Manifest>(&t).ok())
                    .is_none_or(|m| m.frame == frame || m.rights != rights);
                if replaced {
                    let _ = fs::remove_dir_all(&p);
                }
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
            Ok(md) if md.len() == e.bytes && !e.sha256.is_empty() => out.push(RenditionFile {
                path,
                width: e.width,
                height: e.height,
                format: e.format,
                bytes: e.bytes,
                sha256: e.sha256,
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
    /// The frame's name ([`WHOLE`], a crop's name, `name@aID`) and the frame.
    pub name: String,
    pub frame: Frame,
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
        Ok(run_many(std::slice::from_ref(self))?.remove(0))
    }
}

/// The sets of several frames of one photo, made if missing, held for an export:
/// shared-locked (see [`lock_sets`]) and every file checked against the SHA-256 recorded when
/// it was written. A file changed since (a program that forced the read-only cache file)
/// makes its set be made again.
pub(crate) fn run_many_for_export(
    jobs: &[RenditionJob],
) -> Result<(Vec<Vec<RenditionFile>>, Option<SetLock>)> {
    let Some(first) = jobs.first() else {
        return Ok((Vec::new(), None));
    };
    let photo_dir = first.dir.parent().expect("key folder has a parent");
    for _ in 0..3 {
        let sets = run_many(jobs)?;
        let lock = lock_sets(photo_dir, false)?;
        let damaged: Vec<&RenditionJob> = jobs
            .iter()
            .zip(&sets)
            .filter(|(_, files)| {
                !files
                    .iter()
                    .all(|f| fs::read(&f.path).is_ok_and(|b| sha256_hex(&b) == f.sha256))
            })
            .map(|(j, _)| j)
            .collect();
        if damaged.is_empty() {
            return Ok((sets, Some(lock)));
        }
        drop(lock);
        let _exclusive = lock_sets(photo_dir, true)?;
        for j in damaged {
            let aside = temp_beside(&j.dir, "damaged");
            if fs::rename(&j.dir, &aside).is_ok() {
                let _ = fs::remove_dir_all(&aside);
            }
        }
    }
    Err(Error::invalid(format!(
        "the renditions of photo {} keep changing on disk ({})",
        first.photo_id,
        photo_dir.display()
    )))
}

/// Several frames of one photo (the same original, orientation and settings): the sets the
/// cache holds are read, the others made from one decode of the original.
pub fn run_many(jobs: &[RenditionJob]) -> Result<Vec<Vec<RenditionFile>>> {
    let mut out: Vec<Option<Vec<RenditionFile>>> = Vec::with_capacity(jobs.len());
    for j in jobs {
        out.push(j.cached()?);
    }
    let missing: Vec<&RenditionJob> = jobs
        .iter()
        .zip(&out)
        .filter(|(_, c)| c.is_none())
        .map(|(j, _)| j)
        .collect();
    if let Some(first) = missing.first() {
        // The whole photo last: it may take the decoded image itself.
        let mut order: Vec<usize> = (0..missing.len()).collect();
        order.sort_by_key(|&i| missing[i].frame.rect.is_none());
        let frames: Vec<Frame> = order.iter().map(|&i| missing[i].frame.clone()).collect();
        let data = std::sync::Arc::new(map_original(&first.original, &first.limits)?);
        let rendered = pixels::render_frames_shared(
            data,
            first.orientation,
            &first.spec,
            &frames,
            &first.limits,
        )?;
        let mut made: Vec<Option<Vec<RenditionFile>>> = vec![None; missing.len()];
        for (k, renditions) in order.into_iter().zip(rendered.frames) {
            let j = missing[k];
            made[k] = Some(write_rendition_set(
                &j.dir,
                &j.name,
                &j.frame.rights,
                &renditions,
            )?);
        }
        let mut made = made.into_iter();
        for slot in out.iter_mut().filter(|c| c.is_none()) {
            *slot = made.next().flatten();
        }
    }
    Ok(out.into_iter().map(Option::unwrap_or_default).collect())
}

impl Library {
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
            focus: p.focus,
        }
    }

    /// The job that makes (or finds) the current rendition set of a photo.
    pub fn rendition_job(&self, id: i64) -> Result<RenditionJob> {
        let p = self.get_photo(id)?;
        let spec = self.rendition_spec()?;
        let frame = Frame::whole(Self::photo_rights(&p));
        let key = frame_key(&spec, &frame);
        let job = RenditionJob {
            photo_id: id,
            original: self.original_path(&p.sha256, p.format),
            orientation: p.orientation,
            dir: self.photo_renditions_dir(&p.sha256).join(key),
            spec,
            name: WHOLE.to_string(),
            frame,
            limits: Limits::default(),
        };
        // A shared library's original comes into this desk's cache first, unless the set is
        // made already. A library folder holds its originals: nothing to check.
        if self.location().is_server() && job.cached()?.is_none() {
            self.original_file(&p.sha256, p.format)?;
        }
        Ok(job)
    }

    /// The photo's renditions, made now if the cache doesn't hold the current set.
    pub fn renditions(&self, id: i64) -> Result<Vec<RenditionFile>> {
        self.rendition_job(id)?.run()
    }
}
