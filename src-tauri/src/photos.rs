//! The photo desk's Tauri side: background import batches with progress events, and the
//! `nrphoto:` URI scheme that serves thumbnails and renditions to the web view.
//!
//! Heavy work (decode, resize, encode) runs on worker threads with the library unlocked; the
//! lock is taken only to look up a hash and to commit a finished import.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use newsroom_core::imaging::crop::CropRect;
use newsroom_core::photos::{self, ImportItem};
use newsroom_core::Library;
use serde::Serialize;
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::AppState;

use crate::ipc::events::{IMPORT_FINISHED, IMPORT_PROGRESS};
/// Photos are imported on this many threads at once (decoding is the bottleneck; memory per
/// worker stays under ~150 MiB even for 45-megapixel files).
pub const IMPORT_WORKERS: usize = 2;

static NEXT_BATCH: AtomicI64 = AtomicI64::new(1);

/// One file of an import batch done (event `newsroom://import-progress`).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportProgress {
    pub batch: i64,
    pub done: usize,
    pub total: usize,
    pub item: ImportItem,
}

/// An import batch ended (event `newsroom://import-finished`).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportFinished {
    pub batch: i64,
    pub imported: usize,
    pub duplicates: usize,
    pub failed: usize,
}

/// Starts a background import of `paths`; returns the batch id at once. Progress arrives as
/// [`IMPORT_PROGRESS`] per file and [`IMPORT_FINISHED`] at the end.
pub fn start_import<R: Runtime>(
    app: AppHandle<R>,
    lib: Arc<Mutex<Library>>,
    paths: Vec<PathBuf>,
) -> i64 {
    let batch = NEXT_BATCH.fetch_add(1, Ordering::SeqCst);
    let total = paths.len();
    std::thread::Builder::new()
        .name(format!("photo-import-{batch}"))
        .spawn(move || {
            let mut done = 0;
            let results = photos::import_many(&lib, &paths, IMPORT_WORKERS, |_, path, r| {
                done += 1;
                let item = ImportItem::from_result(path.display().to_string(), r);
                let _ = app.emit(
                    IMPORT_PROGRESS,
                    ImportProgress {
                        batch,
                        done,
                        total,
                        item,
                    },
                );
            });
            let (mut imported, mut duplicates, mut failed) = (0, 0, 0);
            for r in &results {
                match r {
                    Ok(o) if o.duplicate => duplicates += 1,
                    Ok(_) => imported += 1,
                    Err(_) => failed += 1,
                }
            }
            let _ = app.emit(
                IMPORT_FINISHED,
                ImportFinished {
                    batch,
                    imported,
                    duplicates,
                    failed,
                },
            );
        })
        .expect("spawn import thread");
    batch
}

/// The URL the web view loads a rendition from (custom schemes are `http://<scheme>.localhost`
/// on Windows and Android, `<scheme>://localhost` elsewhere).
pub fn rendition_url(id: i64, width: u32) -> String {
    if cfg!(any(windows, target_os = "android")) {
        format!("http://nrphoto.localhost/rendition/{id}/{width}")
    } else {
        format!("nrphoto://localhost/rendition/{id}/{width}")
    }
}

/// A response of the photo scheme. No `Access-Control-Allow-Origin`: only the app's own
/// `<img>` elements load these, and no other origin may read a photo.
fn respond(status: StatusCode, mime: &str, body: Vec<u8>) -> Response<Cow<'static, [u8]>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, mime)
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Cow::Owned(body))
        .expect("valid response")
}

fn not_found(msg: &str) -> Response<Cow<'static, [u8]>> {
    respond(StatusCode::NOT_FOUND, "text/plain", msg.as_bytes().to_vec())
}

/// `nrphoto://localhost/thumb/<id>` → the 320 px JPEG made at import;
/// `nrphoto://localhost/rendition/<id>/<width>` → the widest JPEG rendition not wider than
/// `width` (made now if the cache lacks the current set);
/// `nrphoto://localhost/crop/<id>/<name>/<width>[?rect=x,y,w,h&a=<article>]` → the same of
/// the photo's crop `name`, or of an article's own rectangle of it (a body figure in the
/// preview).
pub fn serve<R: Runtime>(
    app: &AppHandle<R>,
    req: &Request<Vec<u8>>,
) -> Response<Cow<'static, [u8]>> {
    let path = req.uri().path().trim_start_matches('/').to_string();
    let parts: Vec<&str> = path.split('/').collect();
    let Some(state) = app.try_state::<AppState>() else {
        return not_found("no library");
    };
    let Ok(lib) = state.library() else {
        return not_found("no library");
    };
    let id: i64 = match parts.get(1).and_then(|s| s.parse().ok()) {
        Some(id) => id,
        None => return not_found("bad photo URL"),
    };
    match parts.first().copied() {
        Some("thumb") => {
            let file = {
                let guard = lib.lock().unwrap_or_else(|p| p.into_inner());
                match guard.get_photo(id) {
                    Ok(p) => guard.thumb_path(&p.sha256),
                    Err(_) => return not_found("no such photo"),
                }
            };
            match std::fs::read(&file) {
                Ok(b) => respond(StatusCode::OK, "image/jpeg", b),
                Err(_) => rendition(&lib, id, 320),
            }
        }
        Some("rendition") => {
            let width = parts.get(2).and_then(|s| s.parse().ok()).unwrap_or(640);
            rendition(&lib, id, width)
        }
        Some("crop") => {
            let Some(name) = parts.get(2).copied() else {
                return not_found("bad crop URL");
            };
            let width = parts.get(3).and_then(|s| s.parse().ok()).unwrap_or(640);
            let query = |key: &str| {
                req.uri()
                    .query()
                    .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix(key)))
            };
            let rect = query("rect=").and_then(CropRect::parse);
            let article = query("a=").and_then(|a| a.parse().ok()).unwrap_or(0);
            crop_rendition(&lib, id, name, rect, article, width)
        }
        _ => not_found("unknown photo URL"),
    }
}

fn rendition(lib: &Mutex<Library>, id: i64, width: u32) -> Response<Cow<'static, [u8]>> {
    let job = {
        let guard = lib.lock().unwrap_or_else(|p| p.into_inner());
        match guard.rendition_job(id) {
            Ok(j) => j,
            Err(_) => return not_found("no such photo"),
        }
    };
    serve_job(job, width)
}

/// A crop's rendition: the photo's crop `name`, or `rect` in its place (article `article`'s
/// own: its set is kept under the article, as the article's export names it).
fn crop_rendition(
    lib: &Mutex<Library>,
    id: i64,
    name: &str,
    rect: Option<CropRect>,
    article: i64,
    width: u32,
) -> Response<Cow<'static, [u8]>> {
    let overrides: BTreeMap<String, CropRect> =
        rect.map(|r| (name.to_string(), r)).into_iter().collect();
    let job = {
        let guard = lib.lock().unwrap_or_else(|p| p.into_inner());
        match guard.crop_jobs_for(id, &[name], &overrides, article) {
            Ok(mut jobs) if jobs.len() == 1 => jobs.remove(0),
            Ok(_) => return not_found("no such crop"),
            Err(e) => return not_found(&e.to_string()),
        }
    };
    serve_job(job, width)
}

/// The widest JPEG of `job`'s set not wider than `width` (the set made now if not cached).
fn serve_job(job: photos::RenditionJob, width: u32) -> Response<Cow<'static, [u8]>> {
    // Making a set decodes a whole original: one at a time, so a grid full of photos whose
    // sets are stale cannot start dozens of decodes at once. Cached sets are served in parallel.
    static RENDER_GATE: Mutex<()> = Mutex::new(());
    let files = match job.cached().ok().flatten() {
        Some(files) => Ok(files),
        None => {
            let _gate = RENDER_GATE.lock().unwrap_or_else(|p| p.into_inner());
            job.run()
        }
    };
    let files = match files {
        Ok(f) => f,
        Err(e) => {
            return respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                "text/plain",
                e.to_string().into_bytes(),
            )
        }
    };
    let mut jpegs: Vec<_> = files
        .into_iter()
        .filter(|f| f.format == newsroom_core::imaging::pixels::RenditionFormat::Jpeg)
        .collect();
    jpegs.sort_by_key(|f| f.width);
    let pick = jpegs
        .iter()
        .rev()
        .find(|f| f.width <= width)
        .or(jpegs.first());
    match pick.and_then(|f| std::fs::read(&f.path).ok()) {
        Some(b) => respond(StatusCode::OK, "image/jpeg", b),
        None => not_found("no rendition"),
    }
}
