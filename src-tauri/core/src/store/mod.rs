//! Article storage: create, save (autosave with the revision policy), state changes,
//! revisions and restore, the list and full-text search.
//!
//! Invariants:
//! - every write is one transaction that updates the article row, its tags and links, and
//!   the search index together;
//! - revisions are append-only: a restore adds a revision, nothing is overwritten;
//! - a revision is kept on create, on every state change, on restore, and on an edit when the
//!   content changed and at least [`REVISION_INTERVAL_SECS`] passed since the last revision.
//!
//! - every stored change counts the article's `version` up; a save names the version it was
//!   based on and is merged per field against it, so no writer's text is lost: text that
//!   loses a concurrent edit of the same field is kept as a `conflict` revision.
//!
//! This module holds the writes of an article (create, autosave, delete, state changes,
//! recording an export); `normalize.rs` cleans and limits the input, `revisions.rs` keeps and
//! restores revisions, `versions.rs` counts versions and keeps their content, `merge.rs`
//! merges a save with what another writer stored since its base, `locks.rs` holds the soft
//! locks on an article's text (leases), `list.rs` lists, searches
//! and suggests, `index.rs` keeps the search index up to date.

mod discard;
mod index;
mod list;
mod locks;
mod merge;
mod normalize;
mod revisions;
mod versions;

use crate::sql::{params, Db, OptionalExtension, Row};
use chrono::{DateTime, Utc};

use crate::dates;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::*;

pub(crate) use index::{flush_pending, reindex_all};
pub use list::{DEFAULT_PAGE, MAX_PAGE, RANK_LIMIT};
pub use locks::{EditLock, Lease, LEASE_SECS, RENEW_SECS};
pub(crate) use normalize::{check_len, clean_tags};
pub use normalize::{normalize_input, normalize_lenient};
use revisions::{add_revision, edit_revision_due, keep_current};
pub use revisions::{state_after_restore, REVISION_INTERVAL_SECS};
pub use versions::KEEP_VERSIONS;
use versions::{bump_version, lock_article, record_version, version_content};

const ARTICLE_COLS: &str = "id, kicker, headline, teaser, body, published_at, embargo_until, \
                            author, contact, state, created_at, updated_at, \
                            lead_photo_id, lead_caption, lead_alt_text, exported_at, exported_to, held, \
                            version, lead_framing";

fn parse_state(s: &str) -> crate::error::Result<ArticleState> {
    s.parse()
}

fn article_from_row(r: &Row) -> crate::error::Result<Article> {
    Ok(Article {
        id: r.get(0)?,
        kicker: r.get(1)?,
        headline: r.get(2)?,
        teaser: r.get(3)?,
        body: r.get(4)?,
        published_at: r.get(5)?,
        embargo_until: r.get(6)?,
        author: r.get(7)?,
        contact: r.get(8)?,
        state: parse_state(&r.get::<String>(9)?)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        related_links: vec![],
        topics: vec![],
        places: vec![],
        lead_photo: match r.get::<Option<i64>>(12)? {
            Some(photo_id) => Some(
                LeadPhoto {
                    photo_id,
                    caption: r.get(13)?,
                    alt_text: r.get(14)?,
                    crop: None,
                    crops: Default::default(),
                }
                .with_framing(&r.get::<String>(19)?),
            ),
            None => None,
        },
        exported_at: r.get(15)?,
        exported_to: r.get(16)?,
        // Unreadable held values (never written so) read as none rather than losing the article.
        held: serde_json::from_str(&r.get::<String>(17)?).unwrap_or_default(),
        version: r.get(18)?,
    })
}

fn load_article(conn: &Db, id: i64) -> Result<Article> {
    let mut a = conn
        .query_row(
            &format!("SELECT {ARTICLE_COLS} FROM articles WHERE id = ?1"),
            [id],
            article_from_row,
        )
        .optional()?
        .ok_or(Error::ArticleNotFound(id))?;
    let mut stmt = conn.prepare_cached(
        "SELECT label, url FROM related_links WHERE article_id = ?1 ORDER BY position",
    )?;
    a.related_links = stmt
        .query_map([id], |r| {
            Ok(RelatedLink {
                label: r.get(0)?,
                url: r.get(1)?,
            })
        })?
        .collect::<crate::error::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT kind, name FROM article_tags WHERE article_id = ?1 ORDER BY kind, position",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(1)?;
        match r.get::<String>(0)?.as_str() {
            "topic" => a.topics.push(name),
            _ => a.places.push(name),
        }
    }
    Ok(a)
}

/// Records the values held as typed (none: the article took everything).
fn write_held(tx: &Db, id: i64, held: &[HeldField]) -> Result<()> {
    let json = serde_json::to_string(held).expect("held fields serialize");
    tx.prepare_cached("UPDATE articles SET held = ?2 WHERE id = ?1")?
        .execute(params![id, json])?;
    Ok(())
}

/// Writes content fields, links, tags and the search index of an existing article row whose
/// stored content is `before` (the caller has it already). Links, tags and body figures are
/// rewritten only when they differ from it, so a save that changes only the lead photo writes
/// no text (what a photographer's login may do on a shared library, where the server checks
/// who writes what).
fn write_content(
    tx: &Db,
    id: i64,
    before: &ArticleInput,
    input: &ArticleInput,
    now: &str,
) -> Result<()> {
    if let Some(p) = &input.lead_photo {
        if !crate::photos::exists(tx, p.photo_id)? {
            return Err(Error::invalid(format!(
                "lead photo: photo {} does not exist",
                p.photo_id
            )));
        }
    }
    let n = tx.execute(
        "UPDATE articles SET kicker = ?2, headline = ?3, teaser = ?4, body = ?5, published_at = ?6,
             embargo_until = ?7, author = ?8, contact = ?9, updated_at = ?10,
             lead_photo_id = ?11, lead_caption = ?12, lead_alt_text = ?13, lead_framing = ?14
         WHERE id = ?1",
        params![
            id,
            input.kicker,
            input.headline,
            input.teaser,
            input.body,
            input.published_at,
            input.embargo_until,
            input.author,
            input.contact,
            now,
            input.lead_photo.as_ref().map(|p| p.photo_id),
            input.lead_photo.as_ref().and_then(|p| p.caption.clone()),
            input.lead_photo.as_ref().and_then(|p| p.alt_text.clone()),
            input
                .lead_photo
                .as_ref()
                .map_or_else(|| "{}".to_string(), LeadPhoto::framing_json),
        ],
    )?;
    if n == 0 {
        return Err(Error::ArticleNotFound(id));
    }
    if before.related_links != input.related_links {
        tx.execute("DELETE FROM related_links WHERE article_id = ?1", [id])?;
        let mut ins = tx.prepare_cached(
            "INSERT INTO related_links (article_id, position, label, url) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, l) in input.related_links.iter().enumerate() {
            ins.execute(params![id, i as i64, l.label, l.url])?;
        }
    }
    if before.topics != input.topics || before.places != input.places {
        tx.execute("DELETE FROM article_tags WHERE article_id = ?1", [id])?;
        let mut ins = tx.prepare_cached(
            "INSERT INTO article_tags (article_id, kind, position, name) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (kind, list) in [("topic", &input.topics), ("place", &input.places)] {
            for (i, t) in list.iter().enumerate() {
                ins.execute(params![id, kind, i as i64, t])?;
            }
        }
    }
    if before.body != input.body {
        crate::photos::write_figures(tx, id, &input.body)?;
    }
    index::saved(tx, id, input)
}

impl Library {
    pub fn create_article(&mut self, input: &ArticleInput) -> Result<Article> {
        self.create_article_at(input, ArticleState::Draft, self.now())
    }

    pub fn create_article_at(
        &mut self,
        input: &ArticleInput,
        state: ArticleState,
        now: DateTime<Utc>,
    ) -> Result<Article> {
        let id = self.create_articles_at(std::slice::from_ref(&(state, input.clone())), now)?[0];
        self.get_article(id)
    }

    /// Creates many articles in one transaction (sample content, imports, benchmarks).
    /// All or nothing: an invalid item rolls the whole batch back.
    pub fn create_articles_at(
        &mut self,
        items: &[(ArticleState, ArticleInput)],
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>> {
        let now = dates::stamp(now);
        let tx = self.db.transaction()?;
        let mut ids = Vec::with_capacity(items.len());
        for (state, input) in items {
            let input = normalize_input(input)?;
            let id: i64 = tx.query_row(
                "INSERT INTO articles (state, created_at, updated_at) VALUES (?1, ?2, ?2)
                 RETURNING id",
                params![state.as_str(), now],
                |r| r.get(0),
            )?;
            // A new row: nothing stored yet.
            write_content(&tx, id, &ArticleInput::default(), &input, &now)?;
            record_version(&tx, id, 1, &input)?;
            add_revision(
                &tx,
                id,
                RevisionReason::Create,
                *state,
                &input,
                &now,
                &self.user,
            )?;
            ids.push(id);
        }
        flush_pending(&tx)?;
        tx.commit()?;
        if items.len() >= crate::library::BULK_ROWS {
            crate::library::refresh_statistics(&self.db)?;
        }
        Ok(ids)
    }

    pub fn get_article(&self, id: i64) -> Result<Article> {
        load_article(&self.db, id)
    }

    /// Stores the content if it changed, and keeps a revision per the policy. Based on the
    /// current version: for callers that hold no version (tests, imports). Input that cannot
    /// be taken is refused.
    pub fn save_article(&mut self, id: i64, input: &ArticleInput) -> Result<Article> {
        self.save_article_at(id, input, self.now())
    }

    pub fn save_article_at(
        &mut self,
        id: i64,
        input: &ArticleInput,
        now: DateTime<Utc>,
    ) -> Result<Article> {
        let input = normalize_input(input)?;
        Ok(self.store_at(id, input, None, now)?.article)
    }

    /// Saves content edited from version `base` of the article: what another writer stored
    /// since is merged per field, and a field both changed keeps their value while this
    /// text is kept as a `conflict` revision ([`SaveOutcome::conflicts`]). Input that cannot
    /// be taken is refused.
    pub fn save_article_from(
        &mut self,
        id: i64,
        input: &ArticleInput,
        base: i64,
    ) -> Result<SaveOutcome> {
        self.save_article_from_at(id, input, base, self.now())
    }

    pub fn save_article_from_at(
        &mut self,
        id: i64,
        input: &ArticleInput,
        base: i64,
        now: DateTime<Utc>,
    ) -> Result<SaveOutcome> {
        let input = normalize_input(input)?;
        self.store_at(id, input, Some(base), now)
    }

    /// The editor's autosave: a field that cannot be taken as typed (a date that is no date, a
    /// text over its limit) keeps its stored value and is held as typed in `Article::held`,
    /// while every other field saves. Nothing typed is lost; revisions keep it as typed.
    /// Based on the current version (see [`Library::autosave_from`]).
    pub fn autosave(&mut self, id: i64, input: &ArticleInput) -> Result<Article> {
        Ok(self.autosave_from_at(id, input, None, self.now())?.article)
    }

    pub fn autosave_at(
        &mut self,
        id: i64,
        input: &ArticleInput,
        now: DateTime<Utc>,
    ) -> Result<Article> {
        Ok(self.autosave_from_at(id, input, None, now)?.article)
    }

    /// The autosave of content edited from version `base`, merged as
    /// [`Library::save_article_from`] merges.
    pub fn autosave_from(
        &mut self,
        id: i64,
        input: &ArticleInput,
        base: i64,
    ) -> Result<SaveOutcome> {
        self.autosave_from_at(id, input, Some(base), self.now())
    }

    pub fn autosave_from_at(
        &mut self,
        id: i64,
        input: &ArticleInput,
        base: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<SaveOutcome> {
        // Typed: what cannot be taken is merged as typed and held again below.
        let stored = self.get_article(id)?.input();
        let (taken, held) = normalize_lenient(input, &stored);
        self.store_at(id, with_held(taken, &held), base, now)
    }

    /// Merges content (as typed) edited from version `base` (`None`: the current one) with
    /// what is stored, stores it with what is held, keeps a conflict revision for text that
    /// lost and an edit revision per the policy.
    fn store_at(
        &mut self,
        id: i64,
        mine: ArticleInput,
        base: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<SaveOutcome> {
        let tx = self.db.transaction()?;
        lock_article(&tx, id)?;
        let cur = load_article(&tx, id)?;
        let theirs = cur.as_typed();
        let merged_others = base.is_some_and(|v| v != cur.version);
        // Whose version this save met, to tell its writer.
        let changed_by: Option<String> = if merged_others {
            tx.query_row("SELECT updated_by FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .filter(|by: &String| !by.is_empty())
        } else {
            None
        };
        let base = match base {
            None => Some(theirs.clone()),
            Some(v) if v == cur.version => Some(theirs.clone()),
            Some(v) if v > cur.version => None,
            Some(v) => version_content(&tx, id, v)?,
        };
        let merged = merge::merge(&mine, base.as_ref(), &theirs);
        let (input, held) = normalize_lenient(&merged.content, &cur.input());
        let stamp = dates::stamp(now);
        let conflict_rev = if merged.conflicts.is_empty() {
            None
        } else {
            let rev = add_revision(
                &tx,
                id,
                RevisionReason::Conflict,
                cur.state,
                &merged.mine,
                &stamp,
                &self.user,
            )?;
            Some(rev)
        };
        if cur.input() == input && cur.held == held {
            tx.commit()?;
            return Ok(SaveOutcome {
                article: cur,
                conflicts: merged.conflicts,
                conflict_rev,
                merged: merged_others,
                changed_by,
            });
        }
        write_content(&tx, id, &cur.input(), &input, &stamp)?;
        write_held(&tx, id, &held)?;
        let typed = with_held(input, &held);
        bump_version(&tx, id, &typed, &self.user)?;
        if conflict_rev.is_none() && edit_revision_due(&tx, id, now)? {
            add_revision(
                &tx,
                id,
                RevisionReason::Edit,
                cur.state,
                &typed,
                &stamp,
                &self.user,
            )?;
        }
        tx.commit()?;
        Ok(SaveOutcome {
            article: self.get_article(id)?,
            conflicts: merged.conflicts,
            conflict_rev,
            merged: merged_others,
            changed_by,
        })
    }

    pub fn delete_article(&mut self, id: i64) -> Result<()> {
        let tx = self.db.transaction()?;
        index::unindex(&tx, id)?;
        tx.execute("DELETE FROM fts_pending WHERE article_id = ?1", [id])?;
        if tx.execute("DELETE FROM articles WHERE id = ?1", [id])? == 0 {
            return Err(Error::ArticleNotFound(id));
        }
        tx.commit()?;
        Ok(())
    }

    /// Moves an article through the workflow (any direction). Always keeps a revision.
    pub fn set_state(&mut self, id: i64, state: ArticleState) -> Result<Article> {
        self.set_state_at(id, state, self.now())
    }

    pub fn set_state_at(
        &mut self,
        id: i64,
        state: ArticleState,
        now: DateTime<Utc>,
    ) -> Result<Article> {
        let stamp = dates::stamp(now);
        let tx = self.db.transaction()?;
        lock_article(&tx, id)?;
        let cur = load_article(&tx, id)?;
        if cur.state == state {
            return Ok(cur);
        }
        keep_current(&tx, &cur, &stamp, &self.user)?;
        tx.execute(
            "UPDATE articles SET state = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, state.as_str(), stamp],
        )?;
        add_revision(
            &tx,
            id,
            RevisionReason::State,
            state,
            &cur.as_typed(),
            &stamp,
            &self.user,
        )?;
        bump_version(&tx, id, &cur.as_typed(), &self.user)?;
        tx.commit()?;
        self.get_article(id)
    }

    /// Records an export: the article moves to Exportiert (a state revision, as any state
    /// change) and remembers when and into which bundle folder. `updated_at` stays: an export
    /// is not an edit, so exporting the same article again gives the same documents.
    pub fn mark_exported_at(
        &mut self,
        id: i64,
        folder: &str,
        now: DateTime<Utc>,
    ) -> Result<Article> {
        let stamp = dates::stamp(now);
        let tx = self.db.transaction()?;
        lock_article(&tx, id)?;
        let cur = load_article(&tx, id)?;
        if cur.state != ArticleState::Exported {
            keep_current(&tx, &cur, &stamp, &self.user)?;
            add_revision(
                &tx,
                id,
                RevisionReason::State,
                ArticleState::Exported,
                &cur.as_typed(),
                &stamp,
                &self.user,
            )?;
        }
        bump_version(&tx, id, &cur.as_typed(), &self.user)?;
        tx.execute(
            "UPDATE articles SET state = 'exported', exported_at = ?2, exported_to = ?3 WHERE id = ?1",
            params![id, dates::to_rfc3339(now), folder],
        )?;
        tx.commit()?;
        self.get_article(id)
    }

    /// Every folder an article was last exported to, with the article's id.
    pub fn export_folders(&self) -> Result<std::collections::HashMap<String, i64>> {
        let mut stmt = self
            .db
            .prepare_cached("SELECT exported_to, id FROM articles WHERE exported_to IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<String>(0)?, r.get::<i64>(1)?)))?;
        rows.collect::<crate::error::Result<_>>()
    }
}
