//! Article versions: every stored change counts `articles.version` up by one and keeps the
//! content (as typed) of that version in `article_versions`, the last [`KEEP_VERSIONS`] per
//! article. A save names the version it was based on; that version's content is the base the
//! save is merged against (`merge.rs`). Writes lock the article row first, so two writers'
//! saves of one article follow each other and each merges against what the other stored.

use crate::sql::{params, Db, Dialect, OptionalExtension};

use super::revisions::parse_snapshot;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::ArticleInput;

/// How many recent versions of an article keep their content. A save based on an older
/// version than these is merged without a base: every field both changed is a conflict.
pub const KEEP_VERSIONS: i64 = 50;

/// Takes the article's row lock for the rest of the transaction. SQLite's `BEGIN IMMEDIATE`
/// already holds the whole file; on PostgreSQL `FOR UPDATE` makes a second writer of the same
/// article wait until this transaction ends (and then read what it stored).
pub(super) fn lock_article(tx: &Db, id: i64) -> Result<()> {
    if tx.dialect() == Dialect::Postgres {
        tx.query_row(
            "SELECT id FROM articles WHERE id = ?1 FOR UPDATE",
            [id],
            |r| r.get::<i64>(0),
        )
        .optional()?
        .ok_or(Error::ArticleNotFound(id))?;
    }
    Ok(())
}

/// Keeps `content` as version `version` of the article and forgets versions too old to keep.
pub(super) fn record_version(tx: &Db, id: i64, version: i64, content: &ArticleInput) -> Result<()> {
    let snapshot = serde_json::to_string(content).expect("ArticleInput serializes");
    tx.prepare_cached(
        "INSERT INTO article_versions (article_id, version, snapshot) VALUES (?1, ?2, ?3)
         ON CONFLICT (article_id, version) DO UPDATE SET snapshot = excluded.snapshot",
    )?
    .execute(params![id, version, snapshot])?;
    tx.prepare_cached("DELETE FROM article_versions WHERE article_id = ?1 AND version <= ?2")?
        .execute(params![id, version - KEEP_VERSIONS])?;
    Ok(())
}

/// Counts the article's version up and keeps `content` (as typed) as the new one.
pub(super) fn bump_version(tx: &Db, id: i64, content: &ArticleInput, user: &str) -> Result<i64> {
    let version: i64 = tx.query_row(
        "UPDATE articles SET version = version + 1, updated_by = ?2 WHERE id = ?1
         RETURNING version",
        crate::sql::params![id, user],
        |r| r.get(0),
    )?;
    record_version(tx, id, version, content)?;
    Ok(version)
}

/// The content of version `version`, if it is still kept.
pub(super) fn version_content(db: &Db, id: i64, version: i64) -> Result<Option<ArticleInput>> {
    let snap: Option<String> = db
        .query_row(
            "SELECT snapshot FROM article_versions WHERE article_id = ?1 AND version = ?2",
            params![id, version],
            |r| r.get(0),
        )
        .optional()?;
    snap.map(|s| parse_snapshot(&s)).transpose()
}

impl Library {
    /// The content (as typed) of an article's version `version`, if it is still kept (the
    /// last [`KEEP_VERSIONS`] are). What a save based on that version is merged against.
    pub fn article_version(&self, id: i64, version: i64) -> Result<Option<ArticleInput>> {
        super::load_article(&self.db, id)?;
        version_content(&self.db, id, version)
    }
}
