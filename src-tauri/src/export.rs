//! The export's Tauri side: a batch runs on its own thread (the library is locked only for
//! planning and for recording each export) and reports progress as events.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use newsroom_core::export::{self, ExportReport, ExportRequest, ItemStatus};
use newsroom_core::{ErrorPayload, Library};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

use crate::ipc::events::{EXPORT_FINISHED, EXPORT_PROGRESS};

static NEXT_BATCH: AtomicI64 = AtomicI64::new(1);

/// The cancel flags of the batches that are running.
static RUNNING: Mutex<Option<HashMap<i64, Arc<AtomicBool>>>> = Mutex::new(None);

fn running() -> std::sync::MutexGuard<'static, Option<HashMap<i64, Arc<AtomicBool>>>> {
    RUNNING.lock().unwrap_or_else(|p| p.into_inner())
}

/// Asks a running batch to stop after the article it is writing. False if it is not running
/// (already finished, or unknown).
pub fn cancel_export(batch: i64) -> bool {
    match running().as_ref().and_then(|m| m.get(&batch)) {
        Some(flag) => {
            flag.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    }
}

/// One article of an export batch done (event `newsroom://export-progress`).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportProgress {
    pub batch: i64,
    pub done: usize,
    pub total: usize,
    pub article_id: i64,
    pub headline: String,
    pub status: ItemStatus,
}

/// The end of an export batch (event `newsroom://export-finished`): its report, or why
/// nothing could be written at all (an unusable output folder).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportFinished {
    pub batch: i64,
    pub report: Option<ExportReport>,
    pub error: Option<ErrorPayload>,
}

/// Starts exporting in the background; returns the batch id at once.
pub fn start_export<R: Runtime>(
    app: AppHandle<R>,
    lib: Arc<Mutex<Library>>,
    req: ExportRequest,
) -> i64 {
    let batch = NEXT_BATCH.fetch_add(1, Ordering::SeqCst);
    let cancel = Arc::new(AtomicBool::new(false));
    running()
        .get_or_insert_with(HashMap::new)
        .insert(batch, cancel.clone());
    std::thread::Builder::new()
        .name(format!("export-{batch}"))
        .spawn(move || {
            let result = export::export_cancellable(&lib, &req, &cancel, |p| {
                let _ = app.emit(
                    EXPORT_PROGRESS,
                    ExportProgress {
                        batch,
                        done: p.done,
                        total: p.total,
                        article_id: p.article_id,
                        headline: p.headline.clone(),
                        status: p.status,
                    },
                );
            });
            if let Some(m) = running().as_mut() {
                m.remove(&batch);
            }
            let finished = match result {
                Ok(report) => ExportFinished {
                    batch,
                    report: Some(report),
                    error: None,
                },
                Err(e) => ExportFinished {
                    batch,
                    report: None,
                    error: Some(e.payload()),
                },
            };
            let _ = app.emit(EXPORT_FINISHED, finished);
        })
        .expect("spawn export thread");
    batch
}
