//! Noticing what others changed in a library, so that open windows follow without a reload.
//!
//! A [`Watcher`] has a connection of its own. On a shared library it listens on the channel
//! that the server's triggers notify for every statement that changes articles, photos or edit
//! locks (server schema 5), whoever made it; it wakes the moment a notification arrives. On a
//! library folder it looks at SQLite's `data_version` a few times a second (it changes when
//! another connection commits: the CLI, another window) and then compares the change counts
//! the library's triggers keep per kind (`library_changes`, migration 9) to say which changed. Either way [`Watcher::next`] answers with
//! [`Changed`], or `None` when nothing changed within the time given.

use std::time::{Duration, Instant};

use postgres::fallible_iterator::FallibleIterator;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::library::{Location, DB_FILE};
use crate::server::ServerUrl;

/// How often a library folder is looked at.
const SQLITE_POLL: Duration = Duration::from_millis(250);

/// What changed: which kinds of rows someone wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Changed {
    /// An article was created, saved, changed state, exported or deleted.
    pub articles: bool,
    /// A photo was imported, edited or deleted.
    pub photos: bool,
    /// Someone took, gave up or took over an edit lock.
    pub locks: bool,
}

impl Changed {
    pub fn any(&self) -> bool {
        self.articles || self.photos || self.locks
    }

    fn add(&mut self, other: Changed) {
        self.articles |= other.articles;
        self.photos |= other.photos;
        self.locks |= other.locks;
    }
}

/// Watches one library for changes (see the module docs).
pub struct Watcher {
    inner: Inner,
}

enum Inner {
    Folder {
        conn: rusqlite::Connection,
        data_version: i64,
        stamp: [i64; 3],
    },
    Server {
        client: postgres::Client,
        /// Notifications name "schema.table"; only this library's schema counts.
        schema: String,
    },
}

/// The change counts of articles, photos and locks (renewals, which only extend a lock, do not
/// count).
const STAMP_SQL: &str = "SELECT
    (SELECT n FROM library_changes WHERE kind = 'articles'),
    (SELECT n FROM library_changes WHERE kind = 'photos'),
    (SELECT n FROM library_changes WHERE kind = 'locks')";

fn stamp(conn: &rusqlite::Connection) -> Result<[i64; 3]> {
    Ok(conn.query_row(STAMP_SQL, [], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]))?)
}

fn data_version(conn: &rusqlite::Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}

impl Watcher {
    /// Starts watching the library at `location` (which must exist and be migrated: open it
    /// as a [`crate::Library`] first).
    pub fn open(location: &Location) -> Result<Watcher> {
        match location {
            Location::Folder(dir) => {
                let conn = rusqlite::Connection::open_with_flags(
                    dir.join(DB_FILE),
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                conn.busy_timeout(Duration::from_secs(2))?;
                let data_version = data_version(&conn)?;
                let stamp = stamp(&conn)?;
                Ok(Watcher {
                    inner: Inner::Folder {
                        conn,
                        data_version,
                        stamp,
                    },
                })
            }
            Location::Server(url) => Watcher::listen(url),
        }
    }

    fn listen(url: &ServerUrl) -> Result<Watcher> {
        let mut client = crate::server::connect(url)?;
        client.batch_execute("LISTEN newsroom")?;
        let schema: String = client.query_one("SELECT current_schema()", &[])?.get(0);
        Ok(Watcher {
            inner: Inner::Server { client, schema },
        })
    }

    /// Waits up to `timeout` for changes; `None` if there were none. Errors when the library
    /// cannot be read any more (a server that went away): open a new watcher then.
    pub fn next(&mut self, timeout: Duration) -> Result<Option<Changed>> {
        let changed = match &mut self.inner {
            Inner::Folder {
                conn,
                data_version: seen,
                stamp: last,
            } => {
                let until = Instant::now() + timeout;
                loop {
                    let now = data_version(conn)?;
                    if now != *seen {
                        *seen = now;
                        let next = stamp(conn)?;
                        let changed = Changed {
                            articles: next[0] != last[0],
                            photos: next[1] != last[1],
                            locks: next[2] != last[2],
                        };
                        *last = next;
                        if changed.any() {
                            break changed;
                        }
                    }
                    let left = until.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break Changed::default();
                    }
                    std::thread::sleep(left.min(SQLITE_POLL));
                }
            }
            Inner::Server { client, schema } => {
                let mut changed = Changed::default();
                let mut note = |payload: &str| {
                    if let Some((s, table)) = payload.split_once('.') {
                        if s == schema {
                            changed.add(Changed {
                                articles: table == "articles",
                                photos: table == "photos",
                                locks: table == "article_locks",
                            });
                        }
                    }
                };
                let mut notes = client.notifications();
                let first = notes.timeout_iter(timeout).next()?;
                if let Some(n) = first {
                    note(n.payload());
                    // Whatever else arrived with it comes in the same answer.
                    let mut more = notes.iter();
                    while let Some(n) = more.next()? {
                        note(n.payload());
                    }
                }
                changed
            }
        };
        Ok(changed.any().then_some(changed))
    }
}
