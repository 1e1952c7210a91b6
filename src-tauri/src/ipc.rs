//! The names of the IPC contract, written once: every command the UI may invoke and every event
//! the backend emits. The UI's copies are generated from these (`tests/bindings.rs` writes
//! `ui/src/lib/bindings.ts`), so a command or an event cannot be renamed on one side only.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::commands;

/// Which library the app has open.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LibraryInfo {
    /// The library folder.
    pub path: String,
    pub article_count: u64,
}

/// Registers the commands and lists their names from the same list.
macro_rules! commands {
    ($($name:ident),* $(,)?) => {
        /// Every command the UI may invoke, by the name Tauri registers it under.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// The handler for [`COMMANDS`].
        pub fn invoke_handler<R: tauri::Runtime>(
        ) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$name),*]
        }
    };
}

commands![
    library_info,
    list_articles,
    get_article,
    create_article,
    save_article,
    delete_article,
    discard_empty_draft,
    set_state,
    list_revisions,
    get_revision,
    restore_revision,
    render_preview,
    suggest,
    ui_ready,
    close_ready,
    list_photos,
    get_photo,
    update_photo,
    batch_edit_photos,
    preview_batch_edit_photos,
    delete_photo,
    get_credit_settings,
    set_credit_settings,
    pick_photo_files,
    import_photos,
    preflight_article,
    pick_export_folder,
    export_conflicts,
    export_articles,
    cancel_export,
    list_dictionary_words,
    add_dictionary_word,
    set_menu_text,
];

/// The events the backend emits.
pub mod events {
    /// One per imported file: `ImportProgress`.
    pub const IMPORT_PROGRESS: &str = "newsroom://import-progress";
    /// The end of an import batch: `ImportFinished`.
    pub const IMPORT_FINISHED: &str = "newsroom://import-finished";
    /// One per exported article: `ExportProgressEvent`.
    pub const EXPORT_PROGRESS: &str = "newsroom://export-progress";
    /// The end of an export batch: `ExportFinished`.
    pub const EXPORT_FINISHED: &str = "newsroom://export-finished";
    /// The window is about to close: the UI saves what is typed, then invokes `close_ready`.
    pub const CLOSE_REQUESTED: &str = "newsroom://close-requested";

    /// Every event, with the key the UI's bindings give it.
    pub const ALL: &[(&str, &str)] = &[
        ("importProgress", IMPORT_PROGRESS),
        ("importFinished", IMPORT_FINISHED),
        ("exportProgress", EXPORT_PROGRESS),
        ("exportFinished", EXPORT_FINISHED),
        ("closeRequested", CLOSE_REQUESTED),
    ];
}
