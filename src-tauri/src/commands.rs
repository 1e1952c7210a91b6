//! IPC commands: thin wrappers that lock the library and call `newsroom-core`.
//! No domain logic lives here. The contract is mirrored in `ui/src/lib/types.ts`.

use newsroom_core::export::ExportRequest;
use newsroom_core::imaging::crop::{CropRect, FocalPoint};
use newsroom_core::photos::{
    default_shapes, resolve_crops, BatchEdit, BatchPreview, BatchResult, CreditSettings, CropShape,
    Photo, PhotoCrop, PhotoDetails, PhotoPage, PhotoQuery, PhotoUpdate,
};
use newsroom_core::preflight::Preflight;
use newsroom_core::store::{EditLock, Lease};
use newsroom_core::ErrorCode;
use newsroom_core::{
    Article, ArticleInput, ArticlePage, ArticleState, ListQuery, RevisionSummary, SaveOutcome,
    TagKind,
};
use tauri::{AppHandle, Runtime, State};

use crate::dialogs::{self, DialogText, Pick};
use crate::error::CmdResult;
use crate::ipc::{Connected, LibraryInfo, PhotoFraming};
use crate::AppState;

#[tauri::command]
pub async fn library_info(app: State<'_, AppState>) -> CmdResult<LibraryInfo> {
    let own = app.is_own();
    app.with(|lib| {
        Ok(LibraryInfo::new(
            lib.location(),
            own,
            lib.article_count()?,
            lib.user().to_string(),
            lib.permissions()?,
        ))
    })
}

/// Opens the library at `location` (a folder or a `postgres://` address) and, once it is open,
/// switches to it; a failure changes nothing.
#[tauri::command]
pub async fn connect_library(app: State<'_, AppState>, location: String) -> CmdResult<Connected> {
    let remembered = app.connect(&location)?;
    let library = library_info(app).await?;
    Ok(Connected {
        library,
        remembered,
    })
}

/// Switches back to the desk's own library folder.
#[tauri::command]
pub async fn use_own_library(app: State<'_, AppState>) -> CmdResult<LibraryInfo> {
    app.use_own()?;
    library_info(app).await
}

#[tauri::command]
pub async fn list_articles(app: State<'_, AppState>, query: ListQuery) -> CmdResult<ArticlePage> {
    app.with(|lib| Ok(lib.list_articles(&query)?))
}

#[tauri::command]
pub async fn get_article(app: State<'_, AppState>, id: i64) -> CmdResult<Article> {
    app.with(|lib| Ok(lib.get_article(id)?))
}

#[tauri::command]
pub async fn create_article(app: State<'_, AppState>, input: ArticleInput) -> CmdResult<Article> {
    app.with(|lib| Ok(lib.create_article(&input)?))
}

#[tauri::command]
pub async fn save_article(
    app: State<'_, AppState>,
    id: i64,
    input: ArticleInput,
    base_version: i64,
) -> CmdResult<SaveOutcome> {
    // The editor's autosave from the version it last loaded: a field that cannot be taken is
    // held as typed, the rest saves; what others stored since is merged. A save that fails
    // for a while (the server went away, the database is busy) is kept on this desk's disk
    // until one succeeds, so neither the outage nor a killed app loses the typing.
    app.with(|lib| {
        let saved = lib.autosave_from(id, &input, base_version);
        let journal = match &saved {
            Ok(_) => lib.journal_clear(id),
            Err(e)
                if matches!(
                    e.code(),
                    ErrorCode::ServerUnreachable | ErrorCode::LibraryLocked | ErrorCode::Database
                ) =>
            {
                lib.journal_keep(id, &input, base_version)
            }
            Err(_) => Ok(()),
        };
        if let Err(e) = journal {
            eprintln!("newsroom: the journal of unsaved typing failed: {e}");
        }
        Ok(saved?)
    })
}

/// Takes the lock on the article's text for this window, or says who holds it.
#[tauri::command]
pub async fn lock_article(app: State<'_, AppState>, id: i64) -> CmdResult<Lease> {
    let session = app.session().to_string();
    app.with(|lib| Ok(lib.lock_article(id, &session)?))
}

/// Keeps this window's lock while the editor is open (or says someone took it over).
#[tauri::command]
pub async fn renew_lock(app: State<'_, AppState>, id: i64) -> CmdResult<Lease> {
    let session = app.session().to_string();
    app.with(|lib| Ok(lib.renew_lock(id, &session)?))
}

/// "Bearbeitung übernehmen": takes the lock from whoever holds it.
#[tauri::command]
pub async fn take_over_article(app: State<'_, AppState>, id: i64) -> CmdResult<Lease> {
    let session = app.session().to_string();
    app.with(|lib| Ok(lib.take_over_lock(id, &session)?))
}

/// The editor closes: its lock is given up.
#[tauri::command]
pub async fn release_lock(app: State<'_, AppState>, id: i64) -> CmdResult<()> {
    let session = app.session().to_string();
    app.with(|lib| Ok(lib.release_lock(id, &session)?))
}

/// Who else is editing which article (for the list).
#[tauri::command]
pub async fn edit_locks(app: State<'_, AppState>) -> CmdResult<Vec<EditLock>> {
    let session = app.session().to_string();
    app.with(|lib| Ok(lib.edit_locks(Some(&session))?))
}

#[tauri::command]
pub async fn delete_article(app: State<'_, AppState>, id: i64) -> CmdResult<()> {
    app.with(|lib| Ok(lib.delete_article(id)?))
}

/// Deletes the article if it is a draft nobody typed anything into; says whether it did.
#[tauri::command]
pub async fn discard_empty_draft(app: State<'_, AppState>, id: i64) -> CmdResult<bool> {
    app.with(|lib| Ok(lib.discard_empty_draft(id)?))
}

#[tauri::command]
pub async fn set_state(
    app: State<'_, AppState>,
    id: i64,
    state: ArticleState,
) -> CmdResult<Article> {
    app.with(|lib| Ok(lib.set_state(id, state)?))
}

#[tauri::command]
pub async fn list_revisions(app: State<'_, AppState>, id: i64) -> CmdResult<Vec<RevisionSummary>> {
    app.with(|lib| Ok(lib.list_revisions(id)?))
}

#[tauri::command]
pub async fn get_revision(app: State<'_, AppState>, id: i64, rev: i64) -> CmdResult<Article> {
    app.with(|lib| Ok(lib.get_revision(id, rev)?))
}

#[tauri::command]
pub async fn restore_revision(app: State<'_, AppState>, id: i64, rev: i64) -> CmdResult<Article> {
    app.with(|lib| Ok(lib.restore_revision(id, rev)?))
}

#[tauri::command]
pub async fn render_preview(app: State<'_, AppState>, body: String) -> CmdResult<String> {
    app.with(|lib| Ok(lib.render_body(&body, &|p| crate::photos::rendition_url(p.id, 640))))
}

#[tauri::command]
pub async fn suggest(
    app: State<'_, AppState>,
    kind: TagKind,
    prefix: String,
) -> CmdResult<Vec<String>> {
    app.with(|lib| Ok(lib.suggest(kind, &prefix, 20)?))
}

/// The UI calls this once its list is interactive: logs the start-up time, and exits when
/// `NEWSROOM_EXIT_WHEN_READY=1` (used by `scripts/bench-startup.sh`).
#[tauri::command]
pub async fn ui_ready<R: Runtime>(handle: AppHandle<R>) -> CmdResult<()> {
    let ms = crate::since_process_start_ms();
    eprintln!("newsroom: list interactive {ms:.0} ms after launch");
    if std::env::var_os("NEWSROOM_EXIT_WHEN_READY").is_some_and(|v| v == "1") {
        println!("startup_ms={ms:.1}");
        handle.exit(0);
    }
    Ok(())
}

/// The UI has saved everything after `newsroom://close-requested`: close the window.
#[tauri::command]
pub async fn close_ready<R: Runtime>(window: tauri::Window<R>) -> CmdResult<()> {
    use tauri::Manager;
    // What is typed is saved; the articles this window was editing are free for others now.
    if let Some(app) = window.try_state::<AppState>() {
        let session = app.session().to_string();
        if let Err(e) = app.with(|lib| Ok(lib.release_session(&session)?)) {
            eprintln!("newsroom: cannot give up the edit locks: {}", e.message);
        }
    }
    if let Some(guard) = window.try_state::<crate::CloseGuard>() {
        guard.ready.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    window
        .destroy()
        .map_err(|e| crate::error::internal(e.to_string()))
}

#[tauri::command]
pub async fn list_photos(app: State<'_, AppState>, query: PhotoQuery) -> CmdResult<PhotoPage> {
    app.with(|lib| Ok(lib.list_photos(&query)?))
}

#[tauri::command]
pub async fn get_photo(app: State<'_, AppState>, id: i64) -> CmdResult<PhotoDetails> {
    app.with(|lib| Ok(lib.photo_details(id)?))
}

#[tauri::command]
pub async fn update_photo(
    app: State<'_, AppState>,
    id: i64,
    update: PhotoUpdate,
) -> CmdResult<Photo> {
    app.with(|lib| Ok(lib.update_photo(id, &update)?))
}

#[tauri::command]
pub async fn batch_edit_photos(
    app: State<'_, AppState>,
    edit: BatchEdit,
) -> CmdResult<BatchResult> {
    app.with(|lib| Ok(lib.batch_edit(&edit)?))
}

#[tauri::command]
pub async fn preview_batch_edit_photos(
    app: State<'_, AppState>,
    edit: BatchEdit,
) -> CmdResult<BatchPreview> {
    app.with(|lib| Ok(lib.preview_batch_edit(&edit)?))
}

#[tauri::command]
pub async fn delete_photo(app: State<'_, AppState>, id: i64) -> CmdResult<()> {
    app.with(|lib| Ok(lib.delete_photo(id)?))
}

/// Every crop of a photo as the crop view shows it: `original` first, then the office's set.
#[tauri::command]
pub async fn photo_crops(app: State<'_, AppState>, id: i64) -> CmdResult<Vec<PhotoCrop>> {
    app.with(|lib| Ok(lib.photo_crops(id)?))
}

/// Sets a photo's focal point (`null`: back to the centre). The crops that follow it move
/// with it; hand-set crops are dropped unless `keep_hand_set`.
#[tauri::command]
pub async fn set_photo_focus(
    app: State<'_, AppState>,
    id: i64,
    focus: Option<FocalPoint>,
    keep_hand_set: bool,
) -> CmdResult<PhotoFraming> {
    // What arrives is only shaped like a focal point: it is made one (inside the photo,
    // rounded) the way every other focal point is.
    let focus = match focus {
        Some(f) => Some(FocalPoint::new(f.x, f.y).ok_or_else(|| {
            newsroom_core::Error::invalid(format!(
                "the focal point {} {} must be two fractions from 0 to 1 (0 0 is the top left)",
                f.x, f.y
            ))
        })?),
        None => None,
    };
    app.with(|lib| {
        let photo = lib.set_photo_focus(id, focus, keep_hand_set)?;
        framing(lib, photo)
    })
}

/// Sets a crop by hand (its height made to follow the width to the crop's aspect, or refused
/// when it does not fit the photo) or, with `rect` null, lets it follow the focal point again.
#[tauri::command]
pub async fn set_photo_crop(
    app: State<'_, AppState>,
    id: i64,
    name: String,
    rect: Option<CropRect>,
) -> CmdResult<PhotoFraming> {
    app.with(|lib| {
        let photo = lib.set_photo_crop(id, &name, rect)?;
        framing(lib, photo)
    })
}

/// The office's crop set: the named crop shapes every photo is cut to.
#[tauri::command]
pub async fn crop_shapes(app: State<'_, AppState>) -> CmdResult<Vec<CropShape>> {
    app.with(|lib| Ok(lib.crop_shapes()?))
}

/// Replaces the office's crop set (refused with `invalid_input` when it breaks a rule of the
/// set: names, the export's crops, aspects, widths); returns it as stored.
#[tauri::command]
pub async fn set_crop_shapes(
    app: State<'_, AppState>,
    shapes: Vec<CropShape>,
) -> CmdResult<Vec<CropShape>> {
    app.with(|lib| Ok(lib.set_crop_shapes(&shapes)?))
}

/// The crop set a new library starts with ("Standard wiederherstellen"); stores nothing.
#[tauri::command]
pub async fn default_crop_shapes() -> CmdResult<Vec<CropShape>> {
    Ok(default_shapes())
}

/// The photo a framing change stored, with its crops worked out from that very photo.
fn framing(lib: &newsroom_core::Library, photo: Photo) -> CmdResult<PhotoFraming> {
    let crops = resolve_crops(&lib.crop_shapes()?, &photo);
    Ok(PhotoFraming { photo, crops })
}

/// Adds a word to the press office's spelling word list (and the spell checker's file).
/// True if it was new.
#[tauri::command]
pub async fn add_dictionary_word(app: State<'_, AppState>, word: String) -> CmdResult<bool> {
    app.with(|lib| Ok(lib.add_dictionary_word(&word)?))
}

/// The spelling word list, alphabetically.
#[tauri::command]
pub async fn list_dictionary_words(app: State<'_, AppState>) -> CmdResult<Vec<String>> {
    app.with(|lib| Ok(lib.dictionary_words()?))
}

/// The context menu's words in the UI's language, sent at start and on every language switch.
#[tauri::command]
pub async fn set_menu_text(
    words: State<'_, crate::context_menu::MenuWords>,
    text: crate::context_menu::MenuText,
) -> CmdResult<()> {
    words.set(text);
    Ok(())
}

#[tauri::command]
pub async fn get_credit_settings(app: State<'_, AppState>) -> CmdResult<CreditSettings> {
    app.with(|lib| Ok(lib.credit_settings()?))
}

#[tauri::command]
pub async fn set_credit_settings(
    app: State<'_, AppState>,
    settings: CreditSettings,
) -> CmdResult<CreditSettings> {
    app.with(|lib| Ok(lib.set_credit_settings(&settings)?))
}

/// Test seam (feature `test-seams` only): when set, `pick_photo_files` returns these
/// newline-separated paths instead of opening the native dialog (WebDriver cannot drive GTK
/// dialogs).
#[cfg(feature = "test-seams")]
pub const PICK_FILES_ENV: &str = "NEWSROOM_PICK_FILES";

/// The photo dialog (several files at once), worded as the UI says. An empty list means the
/// user cancelled.
#[tauri::command]
pub async fn pick_photo_files<R: Runtime>(
    handle: AppHandle<R>,
    app: State<'_, AppState>,
    text: DialogText,
) -> CmdResult<Vec<String>> {
    #[cfg(feature = "test-seams")]
    let seam = stand_in(PICK_FILES_ENV);
    #[cfg(not(feature = "test-seams"))]
    let seam: Option<String> = None;
    let picked: Vec<String> = match seam {
        Some(v) => v
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        None => dialogs::pick(&handle, text, Pick::Photos)
            .await?
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
    };
    for p in &picked {
        app.grants().grant(p);
    }
    Ok(picked)
}

/// A dialog's stand-in answer from the environment (a build with the test seams only).
#[cfg(feature = "test-seams")]
fn stand_in(var: &str) -> Option<String> {
    std::env::var_os(var).map(|v| v.to_string_lossy().into_owned())
}

/// Starts importing `paths` in the background; returns the batch id. Progress arrives as
/// `newsroom://import-progress` events, one per file, then `newsroom://import-finished`.
#[tauri::command]
pub async fn import_photos<R: Runtime>(
    handle: AppHandle<R>,
    app: State<'_, AppState>,
    paths: Vec<String>,
) -> CmdResult<i64> {
    let lib = app.library()?;
    if paths.is_empty() {
        return Err(newsroom_core::Error::invalid("no files to import").into());
    }
    for p in &paths {
        app.grants().check(std::path::Path::new(p))?;
    }
    Ok(crate::photos::start_import(
        handle,
        lib,
        paths.into_iter().map(Into::into).collect(),
    ))
}

/// The export preflight of one article: errors (which hold it back) and warnings.
#[tauri::command]
pub async fn preflight_article(app: State<'_, AppState>, id: i64) -> CmdResult<Preflight> {
    app.with(|lib| Ok(lib.preflight(id)?))
}

/// The office's public base URL (`https://www.example.org/presse/`), if set.
#[tauri::command]
pub async fn get_public_base_url(app: State<'_, AppState>) -> CmdResult<Option<String>> {
    app.with(|lib| Ok(lib.public_base_url()?))
}

/// Sets the public base URL (an empty text clears it); returns it as stored.
#[tauri::command]
pub async fn set_public_base_url(
    app: State<'_, AppState>,
    url: String,
) -> CmdResult<Option<String>> {
    app.with(|lib| Ok(lib.set_public_base_url(&url)?))
}

/// Test seam (feature `test-seams` only): when set, `pick_export_folder` returns this path
/// instead of opening the dialog.
#[cfg(feature = "test-seams")]
pub const PICK_FOLDER_ENV: &str = "NEWSROOM_PICK_FOLDER";

/// The folder dialog, worded as the UI says, opened in `start` (the last export folder) when
/// that still exists; `null` when the user cancelled.
#[tauri::command]
pub async fn pick_export_folder<R: Runtime>(
    handle: AppHandle<R>,
    app: State<'_, AppState>,
    start: Option<String>,
    text: DialogText,
) -> CmdResult<Option<String>> {
    #[cfg(feature = "test-seams")]
    let seam = stand_in(PICK_FOLDER_ENV);
    #[cfg(not(feature = "test-seams"))]
    let seam: Option<String> = None;
    let picked = match seam {
        Some(v) => Some(v),
        None => {
            let start = start.map(std::path::PathBuf::from).filter(|p| p.is_dir());
            dialogs::pick(&handle, text, Pick::Folder { start })
                .await?
                .first()
                .map(|p| p.display().to_string())
        }
    };
    if let Some(p) = &picked {
        app.grants().grant(p);
    }
    Ok(picked)
}

/// The bundle folders that already exist for what `request` would export.
#[tauri::command]
pub async fn export_conflicts(
    app: State<'_, AppState>,
    request: ExportRequest,
) -> CmdResult<Vec<String>> {
    app.grants().check(&request.out)?;
    app.with(|lib| Ok(newsroom_core::export::conflicts(lib, &request)?))
}

/// Starts an export in the background; returns the batch id. Progress arrives as
/// `newsroom://export-progress` events, one per article, then `newsroom://export-finished`.
#[tauri::command]
pub async fn export_articles<R: Runtime>(
    handle: AppHandle<R>,
    app: State<'_, AppState>,
    request: ExportRequest,
) -> CmdResult<i64> {
    app.grants().check(&request.out)?;
    let lib = app.library()?;
    Ok(crate::export::start_export(handle, lib, request))
}

/// Asks a running export batch to stop after the article it is writing; its
/// `newsroom://export-finished` report lists the rest as `cancelled`. False if the batch is no
/// longer running.
#[tauri::command]
pub async fn cancel_export(batch: i64) -> CmdResult<bool> {
    Ok(crate::export::cancel_export(batch))
}
