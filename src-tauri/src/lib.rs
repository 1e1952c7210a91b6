//! The Tauri shell. It opens the library, registers the commands and the dialog plugin, and
//! nothing else: domain logic lives in `newsroom-core`.

mod commands;
pub mod context_menu;
pub mod dialogs;
pub mod error;
pub mod export;
pub mod ipc;
pub mod photos;
pub mod spelling;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use newsroom_core::{Library, OpenOptions};
use tauri::{Emitter, Manager};

use crate::error::{CmdResult, IpcError};

static PROCESS_START: OnceLock<Instant> = OnceLock::new();

pub fn mark_process_start() {
    PROCESS_START.get_or_init(Instant::now);
}

pub(crate) fn since_process_start_ms() -> f64 {
    PROCESS_START
        .get_or_init(Instant::now)
        .elapsed()
        .as_secs_f64()
        * 1000.0
}

/// The open library, or why it could not be opened (shown by the UI instead of crashing).
pub struct AppState {
    library: Result<Arc<Mutex<Library>>, IpcError>,
}

impl AppState {
    pub fn open(dir: PathBuf) -> AppState {
        let library = Library::open(&dir, OpenOptions { seed_samples: true })
            .map(|lib| Arc::new(Mutex::new(lib)))
            .map_err(IpcError::from);
        if let Err(e) = &library {
            eprintln!(
                "newsroom: cannot open library {}: {}",
                dir.display(),
                e.message
            );
        }
        AppState { library }
    }

    /// Idle maintenance off the typing path: brings the search index up to date with recent
    /// autosaves every couple of seconds.
    pub fn spawn_maintenance(&self) {
        let Ok(lib) = self.library.as_ref().map(Arc::clone) else {
            return;
        };
        std::thread::Builder::new()
            .name("library-maintenance".into())
            .spawn(move || loop {
                std::thread::sleep(Duration::from_secs(2));
                let guard = lib.lock().unwrap_or_else(|p| p.into_inner());
                if let Err(e) = guard.flush_index() {
                    eprintln!("newsroom: search index maintenance failed: {e}");
                }
            })
            .expect("spawn maintenance thread");
    }

    /// The shared library handle, for work that locks it only briefly (imports, images).
    pub fn library(&self) -> CmdResult<Arc<Mutex<Library>>> {
        self.library.as_ref().map(Arc::clone).map_err(Clone::clone)
    }

    /// Runs `f` with the library locked.
    pub fn with<T>(&self, f: impl FnOnce(&mut Library) -> CmdResult<T>) -> CmdResult<T> {
        let lib = self.library.as_ref().map_err(Clone::clone)?;
        let mut guard = lib.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

/// Closing the window first asks the UI to save what is typed (`newsroom://close-requested`);
/// the UI answers with `close_ready`. If it does not answer in time, the window closes anyway.
#[derive(Default)]
pub struct CloseGuard {
    asked: AtomicBool,
    pub(crate) ready: AtomicBool,
}

const CLOSE_TIMEOUT: Duration = Duration::from_secs(3);

fn on_window_event<R: tauri::Runtime>(window: &tauri::Window<R>, event: &tauri::WindowEvent) {
    let tauri::WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let guard = window.state::<CloseGuard>();
    if guard.ready.load(Ordering::SeqCst) {
        return;
    }
    api.prevent_close();
    if guard.asked.swap(true, Ordering::SeqCst) {
        return;
    }
    if window.emit(ipc::events::CLOSE_REQUESTED, ()).is_err() {
        let _ = window.destroy();
        return;
    }
    let w = window.clone();
    std::thread::spawn(move || {
        std::thread::sleep(CLOSE_TIMEOUT);
        let _ = w.destroy();
    });
}

/// `--library DIR` or `--library=DIR` from the command line.
pub fn library_arg(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--library" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = a.strip_prefix("--library=") {
            return Some(PathBuf::from(v));
        }
    }
    None
}

/// Registers every command; shared by the app and the IPC tests.
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .manage(context_menu::MenuWords::default())
        .invoke_handler(ipc::invoke_handler())
        .register_asynchronous_uri_scheme_protocol("nrphoto", |ctx, request, responder| {
            let app = ctx.app_handle().clone();
            // Renditions may have to be made first: never on the protocol's calling thread.
            std::thread::spawn(move || responder.respond(photos::serve(&app, &request)));
        })
}

pub fn run() {
    let explicit = library_arg(std::env::args().skip(1));
    if let Ok(dir) = newsroom_core::library::resolve_dir(explicit.clone()) {
        spelling::point_enchant_at(&dir);
    }
    with_commands(tauri::Builder::default())
        .plugin(tauri_plugin_dialog::init())
        .manage(CloseGuard::default())
        .on_window_event(on_window_event)
        .setup(move |app| {
            let dir = match newsroom_core::library::resolve_dir(explicit.clone()) {
                Ok(d) => d,
                Err(_) => app.path().app_data_dir()?,
            };
            let state = AppState::open(dir);
            if let Ok(lib) = state.library() {
                let lib = lib.lock().unwrap_or_else(|p| p.into_inner());
                if let Err(e) = lib.write_spelling_dictionary() {
                    eprintln!("newsroom: cannot write the spelling word list: {e}");
                }
            }
            if let Some(window) = app.get_webview_window("main") {
                spelling::enable(&window);
                let words = app.state::<context_menu::MenuWords>().inner().clone();
                context_menu::install(&window, words);
            }
            state.spawn_maintenance();
            app.manage(state);
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running Newsroom");
}
