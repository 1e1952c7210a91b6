//! IPC commands: thin wrappers that lock the library and call `newsroom-core`.
//! No domain logic lives here. The contract is mirrored in `ui/src/lib/types.ts`.

use newsroom_core::{
    Article, ArticleInput, ArticlePage, ArticleState, ListQuery, RevisionSummary, TagKind,
};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::error::CmdResult;
use crate::AppState;

#[derive(Serialize)]
pub struct LibraryInfo {
    path: String,
    article_count: u64,
}

#[tauri::command]
pub async fn library_info(app: State<'_, AppState>) -> CmdResult<LibraryInfo> {
    app.with(|lib| {
        Ok(LibraryInfo { path: lib.root().display().to_string(), article_count: lib.article_count()? })
    })
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
) -> CmdResult<Article> {
    app.with(|lib| Ok(lib.save_article(id, &input)?))
}

#[tauri::command]
pub async fn delete_article(app: State<'_, AppState>, id: i64) -> CmdResult<()> {
    app.with(|lib| Ok(lib.delete_article(id)?))
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
pub async fn render_preview(body: String) -> CmdResult<String> {
    Ok(newsroom_core::render::render_body(&body))
}

#[tauri::command]
pub async fn suggest(app: State<'_, AppState>, kind: TagKind, prefix: String) -> CmdResult<Vec<String>> {
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
    if let Some(guard) = window.try_state::<crate::CloseGuard>() {
        guard.ready.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    window.destroy().map_err(|e| crate::error::IpcError::internal(e.to_string()))
}
