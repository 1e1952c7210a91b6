//! The file and folder dialogs, worded in the UI's language: the UI sends the title, the
//! buttons and the filter names ([`DialogText`]); the backend only shows them. On Linux this is
//! GTK's own file chooser in this process, so its buttons say what the UI says whatever the
//! system locale (the desktop portal would word them in the desktop's language, and a machine
//! without a portal could not open it at all). Elsewhere the dialog plugin shows the system
//! dialog with the UI's title.

use std::path::PathBuf;

use serde::Deserialize;
use tauri::{AppHandle, Runtime};
use ts_rs::TS;

use crate::error::{internal, CmdResult};

/// What a dialog says. Labels may carry a GTK mnemonic (`_Öffnen`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct DialogText {
    pub title: String,
    pub accept: String,
    pub cancel: String,
    /// The name of the photo filter ("Bilder (JPEG, PNG, WebP, TIFF)"); files only.
    #[serde(default)]
    #[ts(optional)]
    pub images: Option<String>,
    /// The name of the filter that shows every file; files only.
    #[serde(default)]
    #[ts(optional)]
    pub all_files: Option<String>,
}

/// What the dialog picks.
pub enum Pick {
    /// Photos, several at once.
    Photos,
    /// One folder, opened in `start` when given.
    Folder { start: Option<PathBuf> },
}

/// The photo formats the import takes, for the filter.
const PHOTO_TYPES: [(&str, &[&str]); 4] = [
    ("image/jpeg", &["jpg", "jpeg"]),
    ("image/png", &["png"]),
    ("image/webp", &["webp"]),
    ("image/tiff", &["tif", "tiff"]),
];

/// Shows the dialog and waits for the user; an empty list means they cancelled.
#[cfg(target_os = "linux")]
pub async fn pick<R: Runtime>(
    handle: &AppHandle<R>,
    text: DialogText,
    what: Pick,
) -> CmdResult<Vec<PathBuf>> {
    use tauri::Manager;
    let (tx, rx) = std::sync::mpsc::channel();
    let window = handle.get_webview_window("main");
    handle
        .run_on_main_thread(move || {
            let parent = window.and_then(|w| w.gtk_window().ok());
            gtk_chooser(parent, &text, what, tx)
        })
        .map_err(|e| internal(e.to_string()))?;
    tauri::async_runtime::spawn_blocking(move || rx.recv().unwrap_or_default())
        .await
        .map_err(|e| internal(e.to_string()))
}

#[cfg(target_os = "linux")]
fn gtk_chooser(
    parent: Option<gtk::ApplicationWindow>,
    text: &DialogText,
    what: Pick,
    tx: std::sync::mpsc::Sender<Vec<PathBuf>>,
) {
    use gtk::prelude::*;
    use gtk::{FileChooserAction, FileChooserNative, FileFilter, ResponseType};
    use std::{cell::RefCell, rc::Rc};

    let action = match what {
        Pick::Photos => FileChooserAction::Open,
        Pick::Folder { .. } => FileChooserAction::SelectFolder,
    };
    let dialog = FileChooserNative::new(
        Some(&text.title),
        parent.as_ref(),
        action,
        Some(&text.accept),
        Some(&text.cancel),
    );
    dialog.set_modal(true);
    match what {
        Pick::Photos => {
            dialog.set_select_multiple(true);
            let photos = FileFilter::new();
            photos.set_name(text.images.as_deref());
            for (mime, extensions) in PHOTO_TYPES {
                photos.add_mime_type(mime);
                for ext in extensions {
                    photos.add_pattern(&format!("*.{ext}"));
                    photos.add_pattern(&format!("*.{}", ext.to_uppercase()));
                }
            }
            dialog.add_filter(photos);
            if let Some(all) = &text.all_files {
                let every = FileFilter::new();
                every.set_name(Some(all));
                every.add_pattern("*");
                dialog.add_filter(every);
            }
        }
        Pick::Folder { start } => {
            if let Some(dir) = start {
                dialog.set_current_folder(dir);
            }
        }
    }
    // GTK does not keep a native dialog alive while it is shown: the handler holds it until
    // the answer, then lets it go.
    let keep = Rc::new(RefCell::new(Some(dialog.clone())));
    dialog.connect_response(move |d, response| {
        let picked = if response == ResponseType::Accept {
            d.filenames()
        } else {
            Vec::new()
        };
        let _ = tx.send(picked);
        keep.borrow_mut().take();
    });
    dialog.show();
}

#[cfg(not(target_os = "linux"))]
pub async fn pick<R: Runtime>(
    handle: &AppHandle<R>,
    text: DialogText,
    what: Pick,
) -> CmdResult<Vec<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;
    let handle = handle.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let dialog = handle.dialog().file().set_title(&text.title);
        match what {
            Pick::Photos => {
                let extensions: Vec<&str> = PHOTO_TYPES
                    .iter()
                    .flat_map(|(_, e)| e.iter().copied())
                    .collect();
                let dialog = dialog.add_filter(text.images.unwrap_or_default(), &extensions);
                dialog
                    .blocking_pick_files()
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|p| p.into_path().ok())
                    .collect()
            }
            Pick::Folder { start } => {
                let dialog = match start {
                    Some(dir) => dialog.set_directory(dir),
                    None => dialog,
                };
                dialog
                    .blocking_pick_folder()
                    .and_then(|p| p.into_path().ok())
                    .into_iter()
                    .collect()
            }
        }
    })
    .await
    .map_err(|e| internal(e.to_string()))
}
