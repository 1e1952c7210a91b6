//! The Tauri shell. It opens the library, registers the commands and the dialog plugin, and
//! nothing else: domain logic lives in `newsroom-core`.

pub mod choice;
mod commands;
pub mod context_menu;
pub mod dialogs;
pub mod error;
pub mod export;
pub mod grants;
pub mod ipc;
mod live;
pub mod navigation;
pub mod photos;
pub mod spelling;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use newsroom_core::library::Location;
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

/// The library the app has open (or why it could not be opened, shown by the UI instead of
/// crashing), where it is, and the desk's own library folder to go back to. A connect to
/// another library opens that one first and swaps it in only once it is open.
pub struct AppState {
    current: Arc<RwLock<Current>>,
    own: PathBuf,
    /// Where the user's choice is remembered (`choice.rs`); `None`: nowhere (tests).
    choice_file: Option<PathBuf>,
    switching: Mutex<()>,
    /// This window's name for the edit locks it holds (see `newsroom_core::store::locks`).
    session: String,
    /// The paths the user chose in this session (dialogs, drops).
    grants: grants::Grants,
}

/// A name for this app's edit locks that no other window, here or on another desk, has.
fn new_session() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("app-{}-{nanos:x}", std::process::id())
}

#[derive(Clone)]
struct Current {
    location: Location,
    library: Result<Arc<Mutex<Library>>, IpcError>,
}

fn open_options(location: &Location) -> OpenOptions {
    // Samples fill a new library of one's own; a shared library starts empty.
    OpenOptions {
        seed_samples: !location.is_server(),
    }
}

impl AppState {
    /// Opens the library folder `dir`, which is also the desk's own library.
    pub fn open(dir: PathBuf) -> AppState {
        AppState::open_location(Location::Folder(dir.clone()), dir, None)
    }

    /// Opens `location`; `own` is the desk's own library folder, `choice_file` where a new
    /// choice is remembered.
    pub fn open_location(
        location: Location,
        own: PathBuf,
        choice_file: Option<PathBuf>,
    ) -> AppState {
        let library = Library::open_location(&location, open_options(&location))
            .map(|lib| Arc::new(Mutex::new(lib)))
            .map_err(IpcError::from);
        if let Err(e) = &library {
            eprintln!(
                "newsroom: cannot open library {}: {}",
                location.display(),
                e.message
            );
        }
        AppState {
            current: Arc::new(RwLock::new(Current { location, library })),
            own,
            choice_file,
            switching: Mutex::new(()),
            session: new_session(),
            grants: grants::Grants::default(),
        }
    }

    /// The app with no library: `--library` or `$NEWSROOM_LIBRARY` did not parse.
    pub fn failed(
        error: newsroom_core::Error,
        own: PathBuf,
        choice_file: Option<PathBuf>,
    ) -> AppState {
        eprintln!("newsroom: cannot open library: {error}");
        AppState {
            current: Arc::new(RwLock::new(Current {
                location: Location::Folder(own.clone()),
                library: Err(error.into()),
            })),
            own,
            choice_file,
            switching: Mutex::new(()),
            session: new_session(),
            grants: grants::Grants::default(),
        }
    }

    fn current(&self) -> Current {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The name this window holds its edit locks under.
    /// The paths the user chose in this session: what path-taking commands accept.
    pub fn grants(&self) -> &grants::Grants {
        &self.grants
    }

    pub fn session(&self) -> &str {
        &self.session
    }

    /// Where the open library is.
    pub fn location(&self) -> Location {
        self.current().location
    }

    /// Whether the open library is the desk's own folder.
    pub fn is_own(&self) -> bool {
        self.current().location == Location::Folder(self.own.clone())
    }

    /// Opens the library at `typed` (a folder or a `postgres://` address) and, only once it
    /// is open, makes it the app's library and remembers the choice. If it cannot be opened,
    /// nothing changes. Returns whether the choice was remembered (never with a password).
    pub fn connect(&self, typed: &str) -> CmdResult<bool> {
        let _one_at_a_time = self.switching.lock().unwrap_or_else(|p| p.into_inner());
        let typed = typed.trim();
        let location = Location::parse(typed)?;
        if let Location::Folder(dir) = &location {
            // The page names shared libraries only. A folder it sends is opened (and written)
            // only if it is the desk's own or the user chose it in this session; another
            // library folder opens with `--library`.
            if *dir != self.own && self.grants.check(dir).is_err() {
                return Err(newsroom_core::Error::connect(
                    newsroom_core::ConnectProblem::BadUrl,
                    format!(
                        "{}: not a postgres:// address; a library folder opens with --library",
                        dir.display()
                    ),
                )
                .into());
            }
        }
        let lib = off_runtime(|| {
            let mut lib = Library::open_location(&location, open_options(&location))?;
            if let Err(e) = lib.write_spelling_dictionary() {
                eprintln!("newsroom: cannot write the spelling word list: {e}");
            }
            replay_journal(&mut lib);
            Ok::<_, newsroom_core::Error>(lib)
        })?;
        let remembered = match &self.choice_file {
            None => choice::may_remember(&location),
            Some(file) => choice::write(file, Some((typed, &location))).unwrap_or_else(|e| {
                eprintln!("newsroom: cannot remember the library: {e}");
                false
            }),
        };
        let old = std::mem::replace(
            &mut *self.current.write().unwrap_or_else(|p| p.into_inner()),
            Current {
                location,
                library: Ok(Arc::new(Mutex::new(lib))),
            },
        );
        // This window's edit locks in the old library are given up. Closing a server
        // connection blocks too.
        let session = self.session.clone();
        off_runtime(move || {
            if let Ok(lib) = &old.library {
                let lib = lib.lock().unwrap_or_else(|p| p.into_inner());
                if let Err(e) = lib.release_session(&session) {
                    eprintln!("newsroom: cannot give up the edit locks: {e}");
                }
            }
            drop(old)
        });
        Ok(remembered)
    }

    /// Goes back to the desk's own library folder and forgets the remembered choice.
    pub fn use_own(&self) -> CmdResult<()> {
        let own = self.own.display().to_string();
        self.connect(&own)?;
        if let Some(file) = &self.choice_file {
            if let Err(e) = choice::write(file, None) {
                eprintln!("newsroom: cannot forget the chosen library: {e}");
            }
        }
        Ok(())
    }

    /// Idle maintenance off the typing path: brings the search index of whichever library is
    /// open up to date with recent autosaves every couple of seconds.
    pub fn spawn_maintenance(&self) {
        let current = Arc::clone(&self.current);
        // The library whose left-behind files were last cleared (once per library opened).
        let mut repaired: Option<String> = None;
        std::thread::Builder::new()
            .name("library-maintenance".into())
            .spawn(move || loop {
                std::thread::sleep(Duration::from_secs(2));
                let (location, lib) = {
                    let c = current.read().unwrap_or_else(|p| p.into_inner());
                    (c.location.display(), c.library.clone())
                };
                let Ok(lib) = lib else { continue };
                let guard = lib.lock().unwrap_or_else(|p| p.into_inner());
                if repaired.as_deref() != Some(location.as_str()) {
                    match guard.repair_files() {
                        Ok(removed) if !removed.is_empty() => eprintln!(
                            "newsroom: removed {} files left behind by imports that did not finish: {}",
                            removed.len(),
                            removed
                                .iter()
                                .map(|p| p.display().to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        Ok(_) => {}
                        Err(e) => eprintln!("newsroom: cannot clear left-behind files: {e}"),
                    }
                    repaired = Some(location);
                }
                if let Err(e) = guard.flush_index() {
                    eprintln!("newsroom: search index maintenance failed: {e}");
                }
            })
            .expect("spawn maintenance thread");
    }

    /// Tells the UI what others change in whichever library is open (`live.rs`).
    pub fn spawn_watcher<R: tauri::Runtime>(&self, handle: tauri::AppHandle<R>) {
        let current = Arc::clone(&self.current);
        live::spawn(
            move || {
                let c = current.read().unwrap_or_else(|p| p.into_inner());
                c.library.is_ok().then(|| c.location.clone())
            },
            move |changed| {
                if let Err(e) = handle.emit(ipc::events::LIBRARY_CHANGED, changed) {
                    eprintln!("newsroom: cannot tell the window about a change: {e}");
                }
            },
        );
    }

    /// The library handle, for work that locks it only briefly (imports, images). Work
    /// already under way keeps the library it started with.
    pub fn library(&self) -> CmdResult<Arc<Mutex<Library>>> {
        self.current().library
    }

    /// Runs `f` with the library locked (for a shared library off the async runtime: see
    /// [`off_runtime`]).
    pub fn with<T: Send>(
        &self,
        f: impl FnOnce(&mut Library) -> CmdResult<T> + Send,
    ) -> CmdResult<T> {
        let current = self.current();
        let lib = current.library?;
        let run = move || {
            let mut guard = lib.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard)
        };
        if current.location.is_server() {
            off_runtime(run)
        } else {
            run()
        }
    }
}

/// Stores typing an earlier run kept on this desk's disk because it could not be saved (the
/// server was away, the app was killed): merged like any save, a colleague's change to the
/// same field kept as a conflict revision.
fn replay_journal(lib: &mut Library) {
    match lib.replay_journal() {
        Ok(done) => {
            for r in done {
                match r.outcome {
                    Ok(out) if !out.conflicts.is_empty() => eprintln!(
                        "newsroom: stored the kept typing of article {} (fields changed meanwhile are kept as revision {:?})",
                        r.article_id, out.conflict_rev
                    ),
                    Ok(_) => eprintln!("newsroom: stored the kept typing of article {}", r.article_id),
                    Err(e) => eprintln!(
                        "newsroom: the kept typing of article {} waits: {e}",
                        r.article_id
                    ),
                }
            }
        }
        Err(e) => eprintln!("newsroom: cannot read the journal of unsaved typing: {e}"),
    }
}

/// Runs `f` on a thread of its own and waits for it. The PostgreSQL client blocks on its own
/// async runtime, which must not be started from a thread of Tauri's (where async commands
/// run), so work on a shared library leaves the command's thread.
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| match s.spawn(f).join() {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    })
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
    if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
        // Dropped on the window: the user's choice, as a dialog's answer is. This runs before
        // the page can hear of the drop and ask for an import.
        if let Some(state) = window.try_state::<AppState>() {
            for p in paths {
                state.grants().grant(p.clone());
            }
        }
        return;
    }
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

/// `--library DIR|URL` or `--library=DIR|URL` from the command line.
pub fn library_arg(args: impl IntoIterator<Item = String>) -> Option<String> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--library" {
            return args.next();
        }
        if let Some(v) = a.strip_prefix("--library=") {
            return Some(v.to_string());
        }
    }
    None
}

/// Which library the app opens: `--library`, else `$NEWSROOM_LIBRARY`, else the one the user
/// last chose (`remembered`), else the desk's own folder `own`. An unreadable choice falls
/// back to the own folder; a `--library` or variable that does not parse is an error.
pub fn startup_location(
    explicit: Option<&str>,
    remembered: Option<String>,
    own: &std::path::Path,
) -> newsroom_core::Result<Location> {
    let from_env = std::env::var(newsroom_core::library::LIBRARY_ENV)
        .ok()
        .filter(|v| !v.is_empty());
    if explicit.is_some() || from_env.is_some() {
        return newsroom_core::library::resolve_location(explicit);
    }
    Ok(remembered
        .and_then(|s| Location::parse(&s).ok())
        .unwrap_or_else(|| Location::Folder(own.to_path_buf())))
}

/// The folder whose `spelling/` Enchant reads: the library folder, or for a shared library
/// this desk's cache folder for it.
fn spelling_root(location: &Location) -> Option<PathBuf> {
    match location {
        Location::Folder(dir) => Some(dir.clone()),
        Location::Server(url) => newsroom_core::library::default_cache_dir(url),
    }
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
    let choice_file = choice::config_dir().map(|d| choice::choice_file(&d));
    // The desk's own library: the folder `--library` or `$NEWSROOM_LIBRARY` names, else the
    // default folder.
    let given = explicit.clone().or_else(|| {
        std::env::var(newsroom_core::library::LIBRARY_ENV)
            .ok()
            .filter(|v| !v.is_empty())
    });
    let own = match given.as_deref().map(Location::parse) {
        Some(Ok(Location::Folder(dir))) => Some(dir),
        _ => newsroom_core::library::default_dir(),
    };
    let location = own.as_deref().map(|own| {
        let remembered = choice_file.as_deref().and_then(choice::read);
        startup_location(explicit.as_deref(), remembered, own)
    });
    if let Some(dir) = location
        .as_ref()
        .and_then(|l| l.as_ref().ok())
        .and_then(spelling_root)
    {
        spelling::point_enchant_at(&dir);
    }
    with_commands(tauri::Builder::default())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(navigation::plugin())
        .manage(CloseGuard::default())
        .on_window_event(on_window_event)
        .setup(move |app| {
            let own = match own {
                Some(d) => d,
                None => app.path().app_data_dir()?,
            };
            let state = match location {
                Some(Ok(location)) => AppState::open_location(location, own, choice_file),
                None => AppState::open_location(Location::Folder(own.clone()), own, choice_file),
                Some(Err(e)) => AppState::failed(e, own, choice_file),
            };
            if let Ok(lib) = state.library() {
                let mut lib = lib.lock().unwrap_or_else(|p| p.into_inner());
                if let Err(e) = lib.write_spelling_dictionary() {
                    eprintln!("newsroom: cannot write the spelling word list: {e}");
                }
                replay_journal(&mut lib);
            }
            if let Some(window) = app.get_webview_window("main") {
                spelling::enable(&window);
                let words = app.state::<context_menu::MenuWords>().inner().clone();
                context_menu::install(&window, words);
            }
            state.spawn_maintenance();
            state.spawn_watcher(app.handle().clone());
            app.manage(state);
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running Newsroom");
}
