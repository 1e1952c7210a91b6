//! Who is editing an article's text: a soft lock held as a lease. An editor takes it when it
//! opens an article, renews it while it stays open ([`LEASE_SECS`], renewed every
//! [`RENEW_SECS`]) and releases it on close; after a crash it simply runs out. A lock never
//! blocks a write: saves still merge against their base version, so someone who lost the
//! lock loses no text. It tells the others who is writing, and lets one of them take over.
//!
//! Only the text needs the lock: attaching a photo or changing the state does not ask for it.
//! Sessions are opaque names the caller picks, one per open editor (window) and person. A
//! person's own lock from another session (a second window, or one that crashed) is theirs to
//! take without asking.

use chrono::Duration;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::sql::{params, Db, OptionalExtension};

/// How long a lock lasts without renewal: an editor that crashed frees the article this long
/// after its last renewal.
pub const LEASE_SECS: i64 = 45;
/// How often an open editor renews its lock (well inside the lease, so one missed renewal on a
/// slow network does not lose it).
pub const RENEW_SECS: i64 = 15;
/// The longest session name accepted.
const SESSION_MAX: usize = 200;

/// Someone's lock on an article's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EditLock {
    pub article_id: i64,
    /// The person, as the library knows them (their login or name).
    pub holder: String,
    /// When they took it (RFC 3339, UTC).
    pub since: String,
    /// When it runs out unless renewed (RFC 3339, UTC).
    pub expires_at: String,
}

/// What asking for (or renewing) a lock gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Lease {
    /// This session holds the lock until `expires_at`.
    Held { lock: EditLock },
    /// Someone else holds it; the editor stays read-only.
    Busy { lock: EditLock },
    /// This session held it, and `lock.holder` took it over: save what is unsaved and stop
    /// writing.
    Lost { lock: EditLock },
}

struct Row {
    holder: String,
    session: String,
    since: String,
    expires_at: String,
}

fn check_session(session: &str) -> Result<()> {
    if session.trim().is_empty() || session.len() > SESSION_MAX {
        return Err(Error::invalid(
            "an edit session needs a name of 1 to 200 bytes",
        ));
    }
    Ok(())
}

fn read(db: &Db, id: i64, for_update: bool) -> Result<Option<Row>> {
    let lock = match (for_update, db.dialect()) {
        (true, crate::sql::Dialect::Postgres) => " FOR UPDATE",
        _ => "",
    };
    db.query_row(
        &format!(
            "SELECT holder, session, since, expires_at FROM article_locks
             WHERE article_id = ?1{lock}"
        ),
        [id],
        |r| Row::from_columns(r, 0),
    )
    .optional()
}

impl Row {
    /// holder, session, since, expires_at from the columns starting at `first`.
    fn from_columns(r: &crate::sql::Row, first: usize) -> Result<Row> {
        Ok(Row {
            holder: r.get(first)?,
            session: r.get(first + 1)?,
            since: r.get(first + 2)?,
            expires_at: r.get(first + 3)?,
        })
    }

    fn lock(&self, article_id: i64) -> EditLock {
        EditLock {
            article_id,
            holder: self.holder.clone(),
            since: self.since.clone(),
            expires_at: self.expires_at.clone(),
        }
    }

    fn live(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        dates::parse(&self.expires_at).is_ok_and(|t| t > now)
    }
}

impl Library {
    /// Takes the lock on article `id`'s text for `session`, or renews it if the session holds
    /// it already. Busy when another live session holds it.
    pub fn lock_article(&self, id: i64, session: &str) -> Result<Lease> {
        self.lease(id, session, false, false)
    }

    /// Renews `session`'s lock. Lost when someone took it over; taken again (Held) when it ran
    /// out meanwhile and nobody else took it.
    pub fn renew_lock(&self, id: i64, session: &str) -> Result<Lease> {
        self.lease(id, session, true, false)
    }

    /// Takes the lock whoever holds it. The holder learns it on their next renewal (`Lost`).
    pub fn take_over_lock(&self, id: i64, session: &str) -> Result<Lease> {
        self.lease(id, session, false, true)
    }

    /// Gives the lock up, if `session` holds it (closing the editor).
    pub fn release_lock(&self, id: i64, session: &str) -> Result<()> {
        check_session(session)?;
        self.db.execute(
            "DELETE FROM article_locks WHERE article_id = ?1 AND session = ?2",
            params![id, session],
        )?;
        Ok(())
    }

    /// Gives up every lock `session` holds (the window closes, or switches library).
    pub fn release_session(&self, session: &str) -> Result<()> {
        check_session(session)?;
        self.db
            .execute("DELETE FROM article_locks WHERE session = ?1", [session])?;
        Ok(())
    }

    /// The live locks, for the article list (ids in ascending order). `except` leaves out the
    /// caller's own session.
    pub fn edit_locks(&self, except: Option<&str>) -> Result<Vec<EditLock>> {
        let now = self.now();
        let rows = self.db.query_all(
            "SELECT article_id, holder, session, since, expires_at FROM article_locks
             ORDER BY article_id",
            [],
        )?;
        let rows = rows
            .iter()
            .map(|r| Ok((r.get::<i64>(0)?, Row::from_columns(r, 1)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter(|(_, row)| row.live(now) && Some(row.session.as_str()) != except)
            .map(|(id, row)| row.lock(id))
            .collect())
    }

    /// The live lock on article `id`, whoever holds it.
    pub fn edit_lock(&self, id: i64) -> Result<Option<EditLock>> {
        let now = self.now();
        Ok(read(&self.db, id, false)?
            .filter(|row| row.live(now))
            .map(|row| row.lock(id)))
    }

    fn lease(&self, id: i64, session: &str, renewing: bool, take: bool) -> Result<Lease> {
        check_session(session)?;
        let now = self.now();
        let tx = self.db.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::ArticleNotFound(id));
        }
        let current = read(&tx, id, true)?;
        let since = match &current {
            Some(row) if row.session == session => row.since.clone(),
            // The same person (another window of theirs, or one that crashed) takes it on.
            Some(row) if row.live(now) && !take && row.holder != self.user() => {
                let lock = row.lock(id);
                return Ok(if renewing {
                    Lease::Lost { lock }
                } else {
                    Lease::Busy { lock }
                });
            }
            _ => dates::stamp(now),
        };
        let expires_at = dates::stamp(now + Duration::seconds(LEASE_SECS));
        tx.execute(
            "INSERT INTO article_locks (article_id, holder, session, since, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (article_id) DO UPDATE SET holder = excluded.holder,
                 session = excluded.session, since = excluded.since,
                 expires_at = excluded.expires_at",
            params![id, self.user(), session, since, expires_at],
        )?;
        tx.commit()?;
        Ok(Lease::Held {
            lock: EditLock {
                article_id: id,
                holder: self.user().to_string(),
                since,
                expires_at,
            },
        })
    }
}
