//! The library: one folder that holds everything a user owns.
//!
//! ```text
//! LIBRARY/
//!   newsroom.sqlite3      articles, tags, links, revisions, search index (WAL mode)
//!   photos/ thumbs/ renditions/   see `photos`
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::db;
use crate::error::{Error, Result};
use crate::server::ServerUrl;
use crate::sql::{Db, OptionalExtension};

pub const DB_FILE: &str = "newsroom.sqlite3";
/// The app's identifier (tauri.conf.json); the default library lives in the OS app-data dir
/// under this name, exactly where Tauri's `app_data_dir()` points.
pub const APP_IDENTIFIER: &str = "app.newsroom.desk";
pub const LIBRARY_ENV: &str = "NEWSROOM_LIBRARY";
/// Who writes, when set: recorded on revisions (see [`Library::user`]).
pub const USER_ENV: &str = "NEWSROOM_USER";
const SEARCH_INDEX_KEY: &str = "search_index_version";

#[derive(Debug, Clone, Copy)]
pub struct OpenOptions {
    /// Fill a newly created library with the sample articles.
    pub seed_samples: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { seed_samples: true }
    }
}

pub struct Library {
    /// The library folder; for a shared library, this desk's cache folder for it.
    root: PathBuf,
    location: Location,
    pub(crate) db: Db,
    clock: Clock,
    /// Who writes through this handle: recorded on the revisions it keeps.
    pub(crate) user: String,
}

/// Where the library's writes take their time from: the system clock, or a fixed or stepping
/// one where a run must be reproducible (the recorded answers for the UI, tests).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library").field("root", &self.root).finish()
    }
}

/// Where a library is: a folder on this computer, or a shared library on a PostgreSQL server.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    Folder(PathBuf),
    Server(ServerUrl),
}

impl Location {
    /// A `postgres://` URL is a server, anything else a folder.
    pub fn parse(s: &str) -> Result<Location> {
        if crate::server::is_server_url(s) {
            Ok(Location::Server(ServerUrl::parse(s)?))
        } else {
            Ok(Location::Folder(PathBuf::from(s)))
        }
    }

    /// As people may see it: the folder path, or the server address without a password.
    pub fn display(&self) -> String {
        match self {
            Location::Folder(p) => p.display().to_string(),
            Location::Server(u) => u.display(),
        }
    }

    pub fn is_server(&self) -> bool {
        matches!(self, Location::Server(_))
    }
}

/// Which library to open: an explicit `--library DIR|URL`, else `$NEWSROOM_LIBRARY`, else the
/// default library folder ([`default_dir`]).
pub fn resolve_location(explicit: Option<&str>) -> Result<Location> {
    if let Some(s) = explicit {
        return Location::parse(s);
    }
    match std::env::var(LIBRARY_ENV) {
        Ok(s) if !s.is_empty() => Location::parse(&s),
        _ => resolve_dir(None).map(Location::Folder),
    }
}

/// This desk's cache folder for a shared library: thumbnails, renditions and originals
/// fetched from the server (`$XDG_CACHE_HOME/app.newsroom.desk/servers/<address>` on Linux).
pub fn default_cache_dir(url: &ServerUrl) -> Option<PathBuf> {
    let base = os_dir(OsDir {
        windows: "LOCALAPPDATA",
        macos: "Library/Caches",
        xdg: ("XDG_CACHE_HOME", ".cache"),
    })?;
    let display = url.display();
    let mut name: String = display
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    // A folder name has a length limit (255 bytes): a long address keeps its start and gets
    // a hash of the whole, so two addresses never share a folder by being cut.
    if name.len() > CACHE_NAME_MAX {
        use sha2::{Digest, Sha256};
        let hash = Sha256::digest(display.as_bytes());
        name.truncate(CACHE_NAME_MAX - 17);
        name.push('-');
        name.push_str(&crate::photos::hex(&hash[..8]));
    }
    Some(base.join(APP_IDENTIFIER).join("servers").join(name))
}

/// The longest cache folder name made from an address (ASCII, so bytes = characters).
const CACHE_NAME_MAX: usize = 100;

/// Where an OS keeps a kind of per-user folder: a variable on Windows, a folder under the home
/// on macOS, an XDG variable (absolute only) else a folder under the home elsewhere.
struct OsDir {
    windows: &'static str,
    macos: &'static str,
    xdg: (&'static str, &'static str),
}

fn os_dir(dir: OsDir) -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(target_os = "windows") {
        env(dir.windows)
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join(dir.macos))
    } else {
        env(dir.xdg.0)
            .filter(|p| p.is_absolute())
            .or_else(|| env("HOME").map(|h| h.join(dir.xdg.1)))
    }
}

/// Where the library is: an explicit `--library DIR`, else `$NEWSROOM_LIBRARY`, else the OS
/// app-data dir (`$XDG_DATA_HOME/app.newsroom.desk` on Linux).
pub fn resolve_dir(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os(LIBRARY_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    default_dir().ok_or_else(|| {
        Error::invalid("no home directory found; pass --library DIR or set NEWSROOM_LIBRARY")
    })
}

/// The OS data dir joined with [`APP_IDENTIFIER`], following the same rules as Tauri.
pub fn default_dir() -> Option<PathBuf> {
    let base = os_dir(OsDir {
        windows: "APPDATA",
        macos: "Library/Application Support",
        xdg: ("XDG_DATA_HOME", ".local/share"),
    })?;
    Some(base.join(APP_IDENTIFIER))
}

impl Library {
    /// Opens the library at `root`, creating it (and seeding samples, if asked) when new, and
    /// migrating an older one. Never deletes or rewrites user data outside migrations.
    pub fn open(root: impl AsRef<Path>, opts: OpenOptions) -> Result<Library> {
        let root = root.as_ref().to_path_buf();
        if root.exists() && !root.is_dir() {
            return Err(Error::NotALibrary {
                path: root.display().to_string(),
                reason: "it is a file, not a folder".into(),
            });
        }
        std::fs::create_dir_all(&root).map_err(|e| {
            Error::io(
                format!("cannot create library folder {}", root.display()),
                e,
            )
        })?;
        let db_path = root.join(DB_FILE);
        let mut conn = rusqlite::Connection::open(&db_path)?;
        let not_a_db = |e: Error| match &e {
            Error::Database(inner)
                if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) =>
            {
                Error::NotALibrary {
                    path: db_path.display().to_string(),
                    reason: "the database file is not SQLite or is damaged".into(),
                }
            }
            _ => e,
        };
        db::configure(&conn).map_err(not_a_db)?;
        let before = db::migrate(&mut conn).map_err(not_a_db)?;
        let lib = Library {
            location: Location::Folder(root.clone()),
            root,
            db: Db::sqlite(conn),
            clock: Arc::new(Utc::now),
            user: default_user(),
        };
        lib.finish_open(before, opts)
    }

    /// Opens a shared library on a PostgreSQL server, creating its schema on an empty
    /// database and migrating an older one; a server whose schema is newer than this build is
    /// refused. `cache` is this desk's folder for the library's thumbnails, renditions and
    /// originals (see [`default_cache_dir`] when `None`).
    pub fn open_server(
        url: &ServerUrl,
        cache: Option<&Path>,
        opts: OpenOptions,
    ) -> Result<Library> {
        let root = match cache {
            Some(dir) => dir.to_path_buf(),
            None => default_cache_dir(url).ok_or_else(|| {
                Error::invalid("no home directory found for this desk's cache of the library")
            })?,
        };
        // The server first: an address that does not open leaves no cache folder behind.
        let mut client = crate::server::connect(url)?;
        let before = crate::server::schema::migrate(&mut client)?;
        // Who writes: NEWSROOM_USER if set, else the name the server knows the login by.
        let user = match std::env::var(USER_ENV).map(|v| v.trim().to_string()) {
            Ok(v) if !v.is_empty() => v,
            _ => crate::server::roles::display_name(&mut client)?,
        };
        std::fs::create_dir_all(&root)
            .map_err(|e| Error::io(format!("cannot create cache folder {}", root.display()), e))?;
        let lib = Library {
            root,
            location: Location::Server(url.clone()),
            db: Db::postgres(client, Some(url.clone())),
            clock: Arc::new(Utc::now),
            user,
        };
        lib.finish_open(before, opts)
    }

    /// Opens a library folder or a shared library, whichever `location` names. A shared
    /// library is the office's: it never gets the sample articles a new desk library gets.
    pub fn open_location(location: &Location, opts: OpenOptions) -> Result<Library> {
        match location {
            Location::Folder(dir) => Library::open(dir, opts),
            Location::Server(url) => Library::open_server(
                url,
                None,
                OpenOptions {
                    seed_samples: false,
                },
            ),
        }
    }

    /// What every open does last: the search index and, for a new library, the samples.
    fn finish_open(mut self, before: i64, opts: OpenOptions) -> Result<Library> {
        let lib = &mut self;
        if lib.setting(SEARCH_INDEX_KEY)?.as_deref() != Some(crate::search::INDEX_VERSION) {
            lib.reindex()?;
        } else {
            lib.flush_index()?;
        }
        if before == 0 && opts.seed_samples && lib.article_count()? == 0 {
            crate::sample::seed(lib)?;
        }
        Ok(self)
    }

    /// Opens with default options (samples seeded when new).
    pub fn open_default(root: impl AsRef<Path>) -> Result<Library> {
        Self::open(root, OpenOptions::default())
    }

    /// Rebuilds the full-text index from the articles (after a migration or a change of the
    /// folding rules, see `search::INDEX_VERSION`).
    pub fn reindex(&mut self) -> Result<()> {
        let tx = self.db.transaction()?;
        crate::store::reindex_all(&tx)?;
        put_setting(&tx, SEARCH_INDEX_KEY, crate::search::INDEX_VERSION)?;
        tx.commit()?;
        refresh_statistics(&self.db)
    }

    /// The library folder, or for a shared library this desk's cache folder for it.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the library is: its folder or its server.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The time writes are stamped with (and the preflight and the export compare with).
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Replaces the system clock, e.g. for a reproducible run.
    pub fn set_clock(&mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) {
        self.clock = Arc::new(clock);
    }

    /// Who writes through this handle (recorded on revisions): `$NEWSROOM_USER`, else the
    /// login name (`$USER`, `$USERNAME`), else empty.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// Names who writes through this handle from now on.
    pub fn set_user(&mut self, user: impl Into<String>) {
        self.user = user.into().trim().to_string();
    }

    pub fn db_path(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }

    pub fn schema_version(&self) -> Result<i64> {
        match self.db.as_sqlite() {
            Some(conn) => Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?),
            None => self
                .db
                .with_postgres(crate::server::schema::schema_version)
                .expect("a server library"),
        }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound. A shared library's server looks
    /// after its own storage: "ok" when it answers.
    pub fn integrity_check(&self) -> Result<String> {
        if self.db.dialect() == crate::sql::Dialect::Postgres {
            self.db.query_row("SELECT 1", [], |r| r.get::<i64>(0))?;
            return Ok("ok".into());
        }
        let mut stmt = self.db.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<crate::error::Result<_>>()?;
        Ok(rows.join("\n"))
    }

    pub fn article_count(&self) -> Result<u64> {
        Ok(self
            .db
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<i64>(0))? as u64)
    }

    /// Every article's id, in id order.
    pub fn article_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self.db.prepare("SELECT id FROM articles ORDER BY id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<crate::error::Result<_>>()?;
        Ok(ids)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.db
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        put_setting(&self.db, key, value)
    }
}

/// How many rows one write must add before a server gets fresh planner statistics.
pub(crate) const BULK_ROWS: usize = 100;

/// The tables whose statistics steer the list and search queries.
const PLANNED_TABLES: &str =
    "articles, article_tags, related_links, revisions, article_figures, article_search, photos";

/// After a bulk write on a server (a generated or copied library, a rebuilt index): fresh
/// planner statistics. Without them, the searches right after run on the estimates of the
/// empty tables (nested loops over every match, ~90 ms instead of ~3 ms on 10,000 articles)
/// until autovacuum comes round. Nothing to do in a library folder.
pub(crate) fn refresh_statistics(db: &Db) -> Result<()> {
    if db.dialect() == crate::sql::Dialect::Postgres {
        db.execute_batch(&format!("ANALYZE {PLANNED_TABLES}"))?;
    }
    Ok(())
}

/// The writer's name: [`USER_ENV`], else the OS login name, else the computer's name.
pub fn default_user() -> String {
    [USER_ENV, "USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        // Never nobody: others see this name on locks and conflicts. The computer's name
        // says at least which desk it is.
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
        })
        .unwrap_or_else(|| "Newsroom".to_string())
}

fn put_setting(conn: &Db, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_folder_names_stay_short_and_distinct() {
        let folder = |u: &str| {
            default_cache_dir(&ServerUrl::parse(u).unwrap())
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        };
        let short = folder("postgres://presse@db.stadt.example/newsroom");
        assert!(short.contains("db.stadt.example"), "{short}");
        let long_a = folder(&format!("postgres://{}a@h/db", "x".repeat(3000)));
        let long_b = folder(&format!("postgres://{}b@h/db", "x".repeat(3000)));
        assert_eq!(long_a.len(), CACHE_NAME_MAX);
        assert_ne!(long_a, long_b);
    }
}
