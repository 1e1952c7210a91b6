//! The search index (`article_fts` in a library folder, `article_search` on a server).
//!
//! In a library folder a save only marks the article stale in `fts_pending`; the pending
//! entries are indexed before a search, when the app is idle, or all at once by a reindex.
//! That keeps the one writer's autosave cheap. On a server many desks save while others
//! search: there a save indexes its article in its own transaction, so a search never has to
//! index colleagues' saves first (under 30 desks that doubled search times) and the index is
//! never behind a committed save. `fts_pending` then only holds marks from a rebuild.

use crate::server::search_sql;
use crate::sql::{params, Db, Dialect};

use super::load_article;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::*;
use crate::search;

/// Keeps the index right for a save of `input` as article `id` (inside the save's
/// transaction): marks it stale in a library folder, indexes it on a server.
pub(crate) fn saved(tx: &Db, id: i64, input: &ArticleInput) -> Result<()> {
    match tx.dialect() {
        Dialect::Sqlite => {
            tx.prepare_cached(
                "INSERT INTO fts_pending (article_id) VALUES (?1) ON CONFLICT DO NOTHING",
            )?
            .execute([id])?;
        }
        Dialect::Postgres => index(tx, id, input)?,
    }
    Ok(())
}

/// Brings the search index up to date for every article marked stale. Returns how many.
///
/// The marks are taken and removed in one statement: a mark another connection commits
/// meanwhile stays for the next flush, and two flushes never index the same mark twice.
pub(crate) fn flush_pending(tx: &Db) -> Result<usize> {
    let ids: Vec<i64> = tx
        .prepare_cached("DELETE FROM fts_pending RETURNING article_id")?
        .query_map([], |r| r.get(0))?
        .collect::<crate::error::Result<_>>()?;
    for &id in &ids {
        match load_article(tx, id) {
            Ok(a) => index(tx, id, &a.input())?,
            Err(Error::ArticleNotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(ids.len())
}

/// Removes an article's search entry.
pub(crate) fn unindex(tx: &Db, id: i64) -> Result<()> {
    match tx.dialect() {
        Dialect::Sqlite => tx.execute("DELETE FROM article_fts WHERE rowid = ?1", [id])?,
        Dialect::Postgres => tx.execute(search_sql::DELETE_ENTRY, [id])?,
    };
    Ok(())
}

fn index(tx: &Db, id: i64, input: &ArticleInput) -> Result<()> {
    if tx.dialect() == Dialect::Sqlite {
        unindex(tx, id)?;
    }
    let mut tags = input.kicker.clone();
    for t in input.topics.iter().chain(&input.places) {
        tags.push(' ');
        tags.push_str(t);
    }
    let sql = match tx.dialect() {
        Dialect::Sqlite => {
            "INSERT INTO article_fts (rowid, headline, teaser, body, tags) \
             VALUES (?1, ?2, ?3, ?4, ?5)"
        }
        // An upsert: replaces the entry.
        Dialect::Postgres => search_sql::INDEX_ENTRY,
    };
    tx.prepare_cached(sql)?.execute(params![
        id,
        search::index_text(&input.headline),
        search::index_text(&input.teaser),
        search::index_text(&search::plain_text(&input.body)),
        search::index_text(&tags),
    ])?;
    Ok(())
}

/// Re-indexes every article (inside the caller's transaction): all are marked stale, then
/// flushed.
pub(crate) fn reindex_all(tx: &Db) -> Result<()> {
    match tx.dialect() {
        Dialect::Sqlite => tx.execute("DELETE FROM article_fts", [])?,
        Dialect::Postgres => tx.execute(search_sql::CLEAR_INDEX, [])?,
    };
    // `WHERE TRUE`: without it SQLite reads `ON CONFLICT` as a join condition.
    tx.execute(
        "INSERT INTO fts_pending (article_id) SELECT id FROM articles WHERE TRUE \
         ON CONFLICT DO NOTHING",
        [],
    )?;
    flush_pending(tx).map(drop)
}

impl Library {
    /// Brings the search index up to date with recent saves (see `fts_pending`). Cheap when
    /// nothing is pending; the app calls it when idle, searches call it first.
    pub fn flush_index(&self) -> Result<usize> {
        let pending: bool = self
            .db
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM fts_pending)")?
            .query_row([], |r| r.get(0))?;
        if !pending {
            return Ok(0);
        }
        let tx = self.db.transaction()?;
        let n = flush_pending(&tx)?;
        tx.commit()?;
        Ok(n)
    }
}
