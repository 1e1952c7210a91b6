//! Revisions: the policy (a revision on create, on every state change, on restore, and on an
//! edit when the content changed and [`REVISION_INTERVAL_SECS`] passed since the last one),
//! listing them, reading one, and restoring one as a new revision.

use crate::sql::{params, Db, OptionalExtension};
use chrono::{DateTime, Utc};

use super::{load_article, parse_state, write_content, write_held};
use crate::dates;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::*;

pub const REVISION_INTERVAL_SECS: i64 = 60;

pub(super) fn add_revision(
    tx: &Db,
    id: i64,
    reason: RevisionReason,
    state: ArticleState,
    input: &ArticleInput,
    now: &str,
    author: &str,
) -> Result<i64> {
    let rev: i64 = tx.query_row(
        "SELECT coalesce(max(rev), 0) + 1 FROM revisions WHERE article_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let snapshot = serde_json::to_string(input).expect("ArticleInput serializes");
    tx.prepare_cached(
        "INSERT INTO revisions
             (article_id, rev, created_at, reason, state, headline, snapshot, author)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        rev,
        now,
        reason.as_str(),
        state.as_str(),
        input.headline,
        snapshot,
        author
    ])?;
    Ok(rev)
}

/// The newest revision's time and content.
fn last_revision(tx: &Db, id: i64) -> Result<Option<(String, ArticleInput)>> {
    let row: Option<(String, String)> = tx
        .query_row(
            "SELECT created_at, snapshot FROM revisions WHERE article_id = ?1
             ORDER BY rev DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(at, snap)| Ok((at, parse_snapshot(&snap)?)))
        .transpose()
}

/// Whether an edit made at `now` gets its own revision: the newest revision is at least
/// [`REVISION_INTERVAL_SECS`] old (or there is none, or its time is unreadable).
pub(super) fn edit_revision_due(tx: &Db, id: i64, now: DateTime<Utc>) -> Result<bool> {
    Ok(match last_revision(tx, id)? {
        None => true,
        Some((at, _)) => dates::parse(&at)
            .map(|t| (now - t).num_seconds() >= REVISION_INTERVAL_SECS)
            .unwrap_or(true),
    })
}

pub(super) fn parse_snapshot(s: &str) -> Result<ArticleInput> {
    serde_json::from_str(s).map_err(|e| Error::Migration(format!("unreadable revision: {e}")))
}

/// Keeps the current content as an edit revision if the newest revision doesn't hold it yet,
/// so that state changes and restores never lose typing that happened between revisions.
pub(super) fn keep_current(tx: &Db, cur: &Article, now: &str, author: &str) -> Result<()> {
    let input = cur.as_typed();
    match last_revision(tx, cur.id)? {
        Some((_, snap)) if snap == input => Ok(()),
        _ => add_revision(
            tx,
            cur.id,
            RevisionReason::Edit,
            cur.state,
            &input,
            now,
            author,
        )
        .map(drop),
    }
}

/// The state an article is in after a restore: approved text that changes needs approving
/// again, so Freigegeben and Exportiert go back to In Prüfung; other states stay.
pub fn state_after_restore(state: ArticleState) -> ArticleState {
    match state {
        ArticleState::Ready | ArticleState::Exported => ArticleState::Review,
        s => s,
    }
}

impl Library {
    /// Revisions, newest first.
    pub fn list_revisions(&self, id: i64) -> Result<Vec<RevisionSummary>> {
        load_article(&self.db, id)?;
        let mut stmt = self.db.prepare_cached(
            "SELECT rev, created_at, state, headline, reason, author FROM revisions
             WHERE article_id = ?1 ORDER BY rev DESC",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                let reason: String = r.get(4)?;
                Ok(RevisionSummary {
                    rev: r.get(0)?,
                    created_at: r.get(1)?,
                    state: parse_state(&r.get::<String>(2)?)?,
                    headline: r.get(3)?,
                    reason: match reason.as_str() {
                        "create" => RevisionReason::Create,
                        "state" => RevisionReason::State,
                        "restore" => RevisionReason::Restore,
                        "conflict" => RevisionReason::Conflict,
                        _ => RevisionReason::Edit,
                    },
                    author: r.get(5)?,
                })
            })?
            .collect::<crate::error::Result<_>>()?;
        Ok(rows)
    }

    /// The article as it was at `rev` (content of that revision; id, times and state of the
    /// revision). Nothing is saved.
    pub fn get_revision(&self, id: i64, rev: i64) -> Result<Article> {
        let cur = load_article(&self.db, id)?;
        let (at, state, snap): (String, String, String) = self
            .db
            .query_row(
                "SELECT created_at, state, snapshot FROM revisions WHERE article_id = ?1 AND rev = ?2",
                params![id, rev],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(Error::RevisionNotFound { id, rev })?;
        let i = parse_snapshot(&snap)?;
        // A revision keeps the content as typed; what could not be taken shows as held.
        let held = super::normalize_lenient(&i, &i).1;
        Ok(Article {
            id,
            kicker: i.kicker,
            headline: i.headline,
            teaser: i.teaser,
            body: i.body,
            related_links: i.related_links,
            topics: i.topics,
            places: i.places,
            published_at: i.published_at,
            embargo_until: i.embargo_until,
            author: i.author,
            contact: i.contact,
            state: parse_state(&state)?,
            created_at: cur.created_at,
            updated_at: at,
            lead_photo: i.lead_photo,
            exported_at: cur.exported_at,
            exported_to: cur.exported_to,
            held,
            version: cur.version,
        })
    }

    /// Brings back the content of `rev` as a new revision; the content being replaced is kept
    /// as a revision first if no revision holds it. Drafts and articles in review keep their
    /// state; an approved article (Freigegeben, Exportiert) goes back to In Prüfung, since
    /// the text now differs from what was approved ([`state_after_restore`]).
    pub fn restore_revision(&mut self, id: i64, rev: i64) -> Result<Article> {
        self.restore_revision_at(id, rev, self.now())
    }

    pub fn restore_revision_at(
        &mut self,
        id: i64,
        rev: i64,
        now: DateTime<Utc>,
    ) -> Result<Article> {
        let mut old = self.get_revision(id, rev)?.input();
        // A photo deleted since that revision cannot come back; the rest of it can.
        if let Some(p) = &old.lead_photo {
            if !crate::photos::exists(&self.db, p.photo_id)? {
                old.lead_photo = None;
            }
        }
        let stamp = dates::stamp(now);
        let tx = self.db.transaction()?;
        super::versions::lock_article(&tx, id)?;
        let cur = load_article(&tx, id)?;
        keep_current(&tx, &cur, &stamp, &self.user)?;
        // Restored as typed: what the library cannot take is held again, never written.
        let (taken, held) = super::normalize_lenient(&old, &cur.input());
        write_content(&tx, id, &cur.input(), &taken, &stamp)?;
        write_held(&tx, id, &held)?;
        let state = state_after_restore(cur.state);
        if state != cur.state {
            tx.execute(
                "UPDATE articles SET state = ?2 WHERE id = ?1",
                params![id, state.as_str()],
            )?;
        }
        add_revision(
            &tx,
            id,
            RevisionReason::Restore,
            state,
            &old,
            &stamp,
            &self.user,
        )?;
        super::versions::bump_version(&tx, id, &with_held(taken, &held), &self.user)?;
        tx.commit()?;
        self.get_article(id)
    }
}
