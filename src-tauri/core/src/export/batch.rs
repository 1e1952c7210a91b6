//! Running an export batch: planned under the library's lock, each bundle built and written
//! without it, each export recorded, progress reported, cancellation between articles, and
//! the listing of what was exported.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};

use super::plan::plan_batch;
use super::{
    listing, write_bundle, EmbargoedBundle, ExportFailure, ExportNotStarted, ExportProgress,
    ExportReport, ExportRequest, ExportSkip, ExportedBundle, ItemStatus, Plan,
};
use crate::error::{Error, Result};
use crate::library::Library;

/// What the request would replace in `req.out` (the app asks first): the names of the
/// articles' own earlier bundles there, and an `index.html` or `feed.json` that Newsroom did
/// not write.
pub fn conflicts(lib: &Library, req: &ExportRequest) -> Result<Vec<String>> {
    let ids = lib.export_targets(&req.ids)?;
    let out = std::fs::canonicalize(&req.out).unwrap_or_else(|_| req.out.clone());
    let mut names = Vec::new();
    let mut any = false;
    for plan in plan_batch(lib, &ids, &out, lib.now())? {
        if let Ok(Plan::Export(job)) = plan {
            any = true;
            if out.join(&job.name).exists() {
                names.push(job.name.clone());
            }
        }
    }
    if any {
        names.extend(listing::foreign_files(&out));
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
    let now = lib.lock().unwrap_or_else(|p| p.into_inner()).now();
    export_at(lib, req, now, on_progress)
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
    let now = lib.lock().unwrap_or_else(|p| p.into_inner()).now();
    run(lib, req, now, cancel, on_progress)
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
    let base_url = req
        .base_url
        .as_deref()
        .map(super::normalize_base_url)
        .transpose()?;
    let out = prepare_out(&req.out)?;
    let (ids, mut plans) = {
        let l = lock();
        let ids = l.export_targets(&req.ids)?;
        let plans = plan_batch(&l, &ids, &out, now)?;
        (ids, plans)
    };
    if base_url.is_some() {
        for plan in plans.iter_mut().flatten() {
            if let Plan::Export(job) = plan {
                job.site.base_url.clone_from(&base_url);
            }
        }
    }
    let mut report = ExportReport {
        out: out.clone(),
        format: req.format,
        exported: vec![],
        held_back: vec![],
        failed: vec![],
        skipped_existing: vec![],
        cancelled: vec![],
        listing: vec![],
        listing_kept: vec![],
        unlisted_embargoed: vec![],
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
        // Ok: what became of the article; Err: it failed, in planning or in writing.
        let outcome = match plan {
            Err(e) => Err(e),
            Ok(Plan::HeldBack(h)) => {
                report.held_back.push(h);
                Ok(ItemStatus::HeldBack)
            }
            Ok(Plan::Export(job)) => {
                let folder = out.join(&job.name);
                if folder.exists() && !req.force {
                    report.skipped_existing.push(ExportSkip {
                        article_id: *id,
                        headline: headline.clone(),
                        name: job.name.clone(),
                    });
                    Ok(ItemStatus::Exists)
                } else {
                    job.build(req.format, req.fragment)
                        .and_then(|b| {
                            write_bundle(&out, &job.name, &b.files, req.force).map(|r| (b, r))
                        })
                        .and_then(|(b, replaced)| {
                            lock().mark_exported_at(*id, &folder.to_string_lossy(), now)?;
                            Ok((b, replaced))
                        })
                        .map(|(b, replaced)| {
                            report.exported.push(ExportedBundle {
                                article_id: *id,
                                headline: headline.clone(),
                                name: job.name.clone(),
                                folder,
                                files: b.files.iter().map(|f| f.path.clone()).collect(),
                                replaced,
                            });
                            entries.push(b.entry);
                            ItemStatus::Exported
                        })
                }
            }
        };
        let status = outcome.unwrap_or_else(|e| {
            report.failed.push(ExportFailure {
                article_id: *id,
                headline: headline.clone(),
                error: e.payload(),
            });
            ItemStatus::Failed
        });
        on_progress(&ExportProgress {
            done: n + 1,
            total,
            article_id: *id,
            headline,
            status,
        });
    }
    let foreign = listing::foreign_files(&out);
    if !entries.is_empty() && !foreign.is_empty() && !req.force {
        // Someone else's index.html or feed.json: left as it is.
        report.listing_kept = foreign;
    } else if !entries.is_empty() {
        let mut site = lock().site()?;
        if base_url.is_some() {
            site.base_url = base_url;
        }
        report.listing = listing::write(&out, &site, &entries, now, req.include_embargoed)?;
        if !req.include_embargoed {
            report.unlisted_embargoed = entries
                .iter()
                .filter(|e| e.embargoed_at(now))
                .map(|e| EmbargoedBundle {
                    article_id: e.article_id,
                    headline: e.headline.clone(),
                    embargo_until: e.embargo_until.clone().unwrap_or_default(),
                })
                .collect();
        }
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
    std::fs::create_dir_all(out).map_err(Error::io_at(out))?;
    std::fs::canonicalize(out).map_err(Error::io_at(out))
}
