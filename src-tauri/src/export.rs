//! The export's Tauri side: a batch runs on its own thread (the library is locked only for
//! planning and for recording each export) and reports progress as events.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use newsroom_core::export::{self, ExportReport, ExportRequest, ItemStatus};
use newsroom_core::{ErrorPayload, Library};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

pub const PROGRESS_EVENT: &str = "newsroom://export-progress";
pub const FINISHED_EVENT: &str = "newsroom://export-finished";

static NEXT_BATCH: AtomicI64 = AtomicI64::new(1);

#[derive(Debug, Clone, Serialize)]
pub struct ExportProgress {
    pub batch: i64,
    pub done: usize,
    pub total: usize,
    pub article_id: i64,
    pub headline: String,
    pub status: ItemStatus,
}

/// The end of a batch: its report, or why nothing could be written at all (an unusable
/// output folder).
#[derive(Debug, Clone, Serialize)]
pub struct ExportFinished {
    pub batch: i64,
    pub report: Option<ExportReport>,
    pub error: Option<ErrorPayload>,
}

/// Starts exporting in the background; returns the batch id at once.
pub fn start_export<R: Runtime>(app: AppHandle<R>, lib: Arc<Mutex<Library>>, req: ExportRequest) -> i64 {
    let batch = NEXT_BATCH.fetch_add(1, Ordering::SeqCst);
    std::thread::Builder::new()
        .name(format!("export-{batch}"))
        .spawn(move || {
            let result = export::export(&lib, &req, |p| {
                let _ = app.emit(
                    PROGRESS_EVENT,
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
            let finished = match result {
                Ok(report) => ExportFinished { batch, report: Some(report), error: None },
                Err(e) => ExportFinished { batch, report: None, error: Some(e.payload()) },
            };
            let _ = app.emit(FINISHED_EVENT, finished);
        })
        .expect("spawn export thread");
    batch
}
