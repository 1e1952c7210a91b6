//! The names of the IPC contract, written once: every command the UI may invoke and every event
//! the backend emits. The UI's copies are generated from these (`tests/bindings.rs` writes
//! `ui/src/lib/bindings.ts`), so a command or an event cannot be renamed on one side only.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use newsroom_core::library::Location;
use newsroom_core::photos::{Photo, PhotoCrop};
use newsroom_core::server::roles::Permissions;
use newsroom_core::server::ServerHost;

use crate::commands;

/// Where a library is: a folder on this computer or a shared library on a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum LibraryKind {
    Folder,
    Server,
}

/// Which library the app has open.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LibraryInfo {
    pub kind: LibraryKind,
    /// In full: the folder's path, or the server's address (never with a password).
    pub display: String,
    /// In short: the folder's name, or `host/database`.
    pub name: String,
    /// Whether this is the desk's own library folder.
    pub own: bool,
    pub article_count: u64,
    /// Who this desk writes as (on locks and revisions).
    pub user: String,
    /// What they may do here (everything in a library folder).
    pub permissions: Permissions,
}

impl LibraryInfo {
    pub fn new(
        location: &Location,
        own: bool,
        article_count: u64,
        user: String,
        permissions: Permissions,
    ) -> LibraryInfo {
        let (kind, name) = match location {
            Location::Folder(dir) => (
                LibraryKind::Folder,
                dir.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| dir.display().to_string()),
            ),
            Location::Server(url) => {
                let host = match &url.host {
                    ServerHost::Tcp(h) => h.clone(),
                    ServerHost::Socket(_) => "localhost".to_string(),
                };
                (LibraryKind::Server, format!("{host}/{}", url.dbname))
            }
        };
        LibraryInfo {
            kind,
            display: location.display(),
            name,
            own,
            article_count,
            user,
            permissions,
        }
    }
}

/// What `connect_library` answers: the library now open, and whether the app will open it
/// again next time (never an address with a password: that belongs in the password file).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Connected {
    pub library: LibraryInfo,
    pub remembered: bool,
}

/// A photo's framing after a change: the photo as stored (its focal point and hand-set crops)
/// and every crop as it is now, `original` first.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PhotoFraming {
    pub photo: Photo,
    pub crops: Vec<PhotoCrop>,
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
    connect_library,
    use_own_library,
    list_articles,
    get_article,
    create_article,
    save_article,
    lock_article,
    renew_lock,
    take_over_article,
    release_lock,
    edit_locks,
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
    photo_crops,
    set_photo_focus,
    set_photo_crop,
    crop_shapes,
    set_crop_shapes,
    default_crop_shapes,
    get_credit_settings,
    set_credit_settings,
    pick_photo_files,
    import_photos,
    preflight_article,
    get_public_base_url,
    set_public_base_url,
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
    /// The open library changed (a colleague, the CLI, this window): `Changed`, which kinds of rows.
    pub const LIBRARY_CHANGED: &str = "newsroom://library-changed";
    /// The window is about to close: the UI saves what is typed, then invokes `close_ready`.
    pub const CLOSE_REQUESTED: &str = "newsroom://close-requested";

    /// Every event, with the key the UI's bindings give it.
    pub const ALL: &[(&str, &str)] = &[
        ("importProgress", IMPORT_PROGRESS),
        ("importFinished", IMPORT_FINISHED),
        ("exportProgress", EXPORT_PROGRESS),
        ("exportFinished", EXPORT_FINISHED),
        ("closeRequested", CLOSE_REQUESTED),
        ("libraryChanged", LIBRARY_CHANGED),
    ];
}
