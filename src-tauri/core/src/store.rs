//! Article storage: create, save (autosave with the revision policy), state changes,
//! revisions and restore, the list and full-text search.
//!
//! Invariants:
//! - every write is one transaction that updates the article row, its tags and links, and
//!   the search index together;
//! - revisions are append-only: a restore adds a revision, nothing is overwritten;
//! - a revision is kept on create, on every state change, on restore, and on an edit when the
//!   content changed and at least [`REVISION_INTERVAL_SECS`] passed since the last revision.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use crate::dates;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::*;
use crate::search;

pub const REVISION_INTERVAL_SECS: i64 = 60;
pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 500;
/// Searches matching more articles than this list them newest first instead of ranking them:
/// ranking costs ~2 µs an article, and relevance among thousands of hits means little.
pub const RANK_LIMIT: i64 = 2_000;

const MAX_SHORT: usize = 1_000;
const MAX_TEASER: usize = 10_000;
const MAX_BODY: usize = 2 * 1024 * 1024;
const MAX_ITEMS: usize = 200;

/// Checks limits and normalizes an editor payload: dates to UTC, tags trimmed and de-duplicated
/// (ignoring case and diacritics). Text fields are kept as typed (autosave must not fight the
/// cursor by trimming).
pub fn normalize_input(input: &ArticleInput) -> Result<ArticleInput> {
    let check = |name: &str, v: &str, max: usize| {
        if v.len() > max {
            Err(Error::invalid(format!(
                "{name} is too long ({} bytes, at most {max})",
                v.len()
            )))
        } else {
            Ok(())
        }
    };
    check("kicker", &input.kicker, MAX_SHORT)?;
    check("headline", &input.headline, MAX_SHORT)?;
    check("teaser", &input.teaser, MAX_TEASER)?;
    check("body", &input.body, MAX_BODY)?;
    check("author", &input.author, MAX_SHORT)?;
    check("contact", &input.contact, MAX_TEASER)?;
    if input.related_links.len() > MAX_ITEMS
        || input.topics.len() > MAX_ITEMS
        || input.places.len() > MAX_ITEMS
    {
        return Err(Error::invalid(format!(
            "at most {MAX_ITEMS} links, topics or places"
        )));
    }
    for l in &input.related_links {
        check("link label", &l.label, MAX_SHORT)?;
        check("link URL", &l.url, MAX_SHORT * 8)?;
    }
    Ok(ArticleInput {
        topics: clean_tags(&input.topics, "topic", 200)?,
        places: clean_tags(&input.places, "place", 200)?,
        related_links: input
            .related_links
            .iter()
            .map(|l| RelatedLink {
                label: l.label.clone(),
                url: l.url.trim().to_string(),
            })
            .collect(),
        published_at: dates::normalize_opt(&input.published_at)?,
        embargo_until: dates::normalize_opt(&input.embargo_until)?,
        lead_photo: match &input.lead_photo {
            None => None,
            Some(p) => {
                let over = |v: &Option<String>, name: &str| -> Result<Option<String>> {
                    match v.as_deref() {
                        None => Ok(None),
                        Some(t) if t.trim().is_empty() => Ok(None),
                        Some(t) => check(name, t, MAX_TEASER).map(|_| Some(t.to_string())),
                    }
                };
                Some(LeadPhoto {
                    photo_id: p.photo_id,
                    caption: over(&p.caption, "lead photo caption")?,
                    alt_text: over(&p.alt_text, "lead photo alt text")?,
                })
            }
        },
        ..input.clone()
    })
}

/// Tags and keywords: whitespace collapsed, empties dropped, each at most `max_len` bytes, and
/// de-duplicated ignoring case and diacritics (first spelling wins).
pub(crate) fn clean_tags(v: &[String], what: &str, max_len: usize) -> Result<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for t in v {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            continue;
        }
        if t.len() > max_len {
            return Err(Error::invalid(format!(
                "{what} is too long ({} bytes, at most {max_len})",
                t.len()
            )));
        }
        if seen.insert(search::fold(&t)) {
            out.push(t);
        }
    }
    Ok(out)
}

const ARTICLE_COLS: &str = "id, kicker, headline, teaser, body, published_at, embargo_until, \
                            author, contact, state, created_at, updated_at, \
                            lead_photo_id, lead_caption, lead_alt_text, exported_at, exported_to";

fn parse_state(s: &str) -> rusqlite::Result<ArticleState> {
    s.parse().map_err(|e: Error| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn article_from_row(r: &Row<'_>) -> rusqlite::Result<Article> {
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
        state: parse_state(&r.get::<_, String>(9)?)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        related_links: vec![],
        topics: vec![],
        places: vec![],
        lead_photo: match r.get::<_, Option<i64>>(12)? {
            Some(photo_id) => Some(LeadPhoto {
                photo_id,
                caption: r.get(13)?,
                alt_text: r.get(14)?,
            }),
            None => None,
        },
        exported_at: r.get(15)?,
        exported_to: r.get(16)?,
    })
}

fn load_article(conn: &rusqlite::Connection, id: i64) -> Result<Article> {
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
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT kind, name FROM article_tags WHERE article_id = ?1 ORDER BY kind, position",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(1)?;
        match r.get::<_, String>(0)?.as_str() {
            "topic" => a.topics.push(name),
            _ => a.places.push(name),
        }
    }
    Ok(a)
}

/// Writes content fields, links, tags and the search index of an existing article row.
fn write_content(tx: &Transaction<'_>, id: i64, input: &ArticleInput, now: &str) -> Result<()> {
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
             lead_photo_id = ?11, lead_caption = ?12, lead_alt_text = ?13
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
        ],
    )?;
    if n == 0 {
        return Err(Error::ArticleNotFound(id));
    }
    tx.execute("DELETE FROM related_links WHERE article_id = ?1", [id])?;
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO related_links (article_id, position, label, url) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, l) in input.related_links.iter().enumerate() {
            ins.execute(params![id, i as i64, l.label, l.url])?;
        }
    }
    tx.execute("DELETE FROM article_tags WHERE article_id = ?1", [id])?;
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO article_tags (article_id, kind, position, name) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (kind, list) in [("topic", &input.topics), ("place", &input.places)] {
            for (i, t) in list.iter().enumerate() {
                ins.execute(params![id, kind, i as i64, t])?;
            }
        }
    }
    crate::photos::write_figures(tx, id, &input.body)?;
    tx.prepare_cached("INSERT OR IGNORE INTO fts_pending (article_id) VALUES (?1)")?
        .execute([id])?;
    Ok(())
}

/// Brings the search index up to date for every article marked stale. Returns how many.
pub(crate) fn flush_pending(tx: &Transaction<'_>) -> Result<usize> {
    let ids: Vec<i64> = tx
        .prepare_cached("SELECT article_id FROM fts_pending")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &id in &ids {
        match load_article(tx, id) {
            Ok(a) => index(tx, id, &a.input())?,
            Err(Error::ArticleNotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    tx.execute("DELETE FROM fts_pending", [])?;
    Ok(ids.len())
}

fn index(tx: &Transaction<'_>, id: i64, input: &ArticleInput) -> Result<()> {
    tx.execute("DELETE FROM article_fts WHERE rowid = ?1", [id])?;
    let mut tags = input.kicker.clone();
    for t in input.topics.iter().chain(&input.places) {
        tags.push(' ');
        tags.push_str(t);
    }
    tx.prepare_cached(
        "INSERT INTO article_fts (rowid, headline, teaser, body, tags) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
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
pub(crate) fn reindex_all(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM article_fts", [])?;
    tx.execute(
        "INSERT OR IGNORE INTO fts_pending (article_id) SELECT id FROM articles",
        [],
    )?;
    flush_pending(tx).map(drop)
}

fn add_revision(
    tx: &Transaction<'_>,
    id: i64,
    reason: RevisionReason,
    state: ArticleState,
    input: &ArticleInput,
    now: &str,
) -> Result<i64> {
    let rev: i64 = tx.query_row(
        "SELECT coalesce(max(rev), 0) + 1 FROM revisions WHERE article_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let snapshot = serde_json::to_string(input).expect("ArticleInput serializes");
    tx.prepare_cached(
        "INSERT INTO revisions (article_id, rev, created_at, reason, state, headline, snapshot)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        rev,
        now,
        reason.as_str(),
        state.as_str(),
        input.headline,
        snapshot
    ])?;
    Ok(rev)
}

/// The newest revision's time and content.
fn last_revision(tx: &Transaction<'_>, id: i64) -> Result<Option<(String, ArticleInput)>> {
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

fn parse_snapshot(s: &str) -> Result<ArticleInput> {
    serde_json::from_str(s).map_err(|e| Error::Migration(format!("unreadable revision: {e}")))
}

/// Keeps the current content as an edit revision if the newest revision doesn't hold it yet,
/// so that state changes and restores never lose typing that happened between revisions.
fn keep_current(tx: &Transaction<'_>, cur: &Article, now: &str) -> Result<()> {
    let input = cur.input();
    match last_revision(tx, cur.id)? {
        Some((_, snap)) if snap == input => Ok(()),
        _ => add_revision(tx, cur.id, RevisionReason::Edit, cur.state, &input, now).map(drop),
    }
}

impl Library {
    pub fn create_article(&mut self, input: &ArticleInput) -> Result<Article> {
        self.create_article_at(input, ArticleState::Draft, Utc::now())
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
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(items.len());
        for (state, input) in items {
            let input = normalize_input(input)?;
            tx.prepare_cached(
                "INSERT INTO articles (state, created_at, updated_at) VALUES (?1, ?2, ?2)",
            )?
            .execute(params![state.as_str(), now])?;
            let id = tx.last_insert_rowid();
            write_content(&tx, id, &input, &now)?;
            add_revision(&tx, id, RevisionReason::Create, *state, &input, &now)?;
            ids.push(id);
        }
        flush_pending(&tx)?;
        tx.commit()?;
        Ok(ids)
    }

    pub fn get_article(&self, id: i64) -> Result<Article> {
        load_article(&self.conn, id)
    }

    /// The autosave: stores the content if it changed, and keeps a revision per the policy.
    pub fn save_article(&mut self, id: i64, input: &ArticleInput) -> Result<Article> {
        self.save_article_at(id, input, Utc::now())
    }

    pub fn save_article_at(
        &mut self,
        id: i64,
        input: &ArticleInput,
        now: DateTime<Utc>,
    ) -> Result<Article> {
        let input = normalize_input(input)?;
        let tx = self.conn.transaction()?;
        let cur = load_article(&tx, id)?;
        if cur.input() == input {
            return Ok(cur);
        }
        let stamp = dates::stamp(now);
        write_content(&tx, id, &input, &stamp)?;
        let due = match last_revision(&tx, id)? {
            None => true,
            Some((at, _)) => dates::parse(&at)
                .map(|t| (now - t).num_seconds() >= REVISION_INTERVAL_SECS)
                .unwrap_or(true),
        };
        if due {
            add_revision(&tx, id, RevisionReason::Edit, cur.state, &input, &stamp)?;
        }
        tx.commit()?;
        self.get_article(id)
    }

    pub fn delete_article(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM article_fts WHERE rowid = ?1", [id])?;
        tx.execute("DELETE FROM fts_pending WHERE article_id = ?1", [id])?;
        if tx.execute("DELETE FROM articles WHERE id = ?1", [id])? == 0 {
            return Err(Error::ArticleNotFound(id));
        }
        tx.commit()?;
        Ok(())
    }

    /// Moves an article through the workflow (any direction). Always keeps a revision.
    pub fn set_state(&mut self, id: i64, state: ArticleState) -> Result<Article> {
        self.set_state_at(id, state, Utc::now())
    }

    pub fn set_state_at(
        &mut self,
        id: i64,
        state: ArticleState,
        now: DateTime<Utc>,
    ) -> Result<Article> {
        let stamp = dates::stamp(now);
        let tx = self.conn.transaction()?;
        let cur = load_article(&tx, id)?;
        if cur.state == state {
            return Ok(cur);
        }
        keep_current(&tx, &cur, &stamp)?;
        tx.execute(
            "UPDATE articles SET state = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, state.as_str(), stamp],
        )?;
        add_revision(&tx, id, RevisionReason::State, state, &cur.input(), &stamp)?;
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
        let tx = self.conn.transaction()?;
        let cur = load_article(&tx, id)?;
        if cur.state != ArticleState::Exported {
            keep_current(&tx, &cur, &stamp)?;
            add_revision(
                &tx,
                id,
                RevisionReason::State,
                ArticleState::Exported,
                &cur.input(),
                &stamp,
            )?;
        }
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
            .conn
            .prepare_cached("SELECT exported_to, id FROM articles WHERE exported_to IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Revisions, newest first.
    pub fn list_revisions(&self, id: i64) -> Result<Vec<RevisionSummary>> {
        load_article(&self.conn, id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT rev, created_at, state, headline, reason FROM revisions
             WHERE article_id = ?1 ORDER BY rev DESC",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                let reason: String = r.get(4)?;
                Ok(RevisionSummary {
                    rev: r.get(0)?,
                    created_at: r.get(1)?,
                    state: parse_state(&r.get::<_, String>(2)?)?,
                    headline: r.get(3)?,
                    reason: match reason.as_str() {
                        "create" => RevisionReason::Create,
                        "state" => RevisionReason::State,
                        "restore" => RevisionReason::Restore,
                        _ => RevisionReason::Edit,
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The article as it was at `rev` (content of that revision; id, times and state of the
    /// revision). Nothing is saved.
    pub fn get_revision(&self, id: i64, rev: i64) -> Result<Article> {
        let cur = load_article(&self.conn, id)?;
        let (at, state, snap): (String, String, String) = self
            .conn
            .query_row(
                "SELECT created_at, state, snapshot FROM revisions WHERE article_id = ?1 AND rev = ?2",
                params![id, rev],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(Error::RevisionNotFound { id, rev })?;
        let i = parse_snapshot(&snap)?;
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
        })
    }

    /// Brings back the content of `rev` as a new revision. The workflow state stays as it is;
    /// the content being replaced is kept as a revision first if no revision holds it.
    pub fn restore_revision(&mut self, id: i64, rev: i64) -> Result<Article> {
        self.restore_revision_at(id, rev, Utc::now())
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
            if !crate::photos::exists(&self.conn, p.photo_id)? {
                old.lead_photo = None;
            }
        }
        let stamp = dates::stamp(now);
        let tx = self.conn.transaction()?;
        let cur = load_article(&tx, id)?;
        keep_current(&tx, &cur, &stamp)?;
        write_content(&tx, id, &old, &stamp)?;
        add_revision(&tx, id, RevisionReason::Restore, cur.state, &old, &stamp)?;
        tx.commit()?;
        self.get_article(id)
    }

    /// The article list: newest first, or best match first when `text` is given.
    pub fn list_articles(&self, q: &ListQuery) -> Result<ArticlePage> {
        let limit = q.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE) as i64;
        let offset = q.offset.unwrap_or(0) as i64;
        let state = q.state.map(ArticleState::as_str);
        let topic = q.topic.as_deref().filter(|t| !t.is_empty());
        let fts = q.text.as_deref().and_then(search::fts_query);
        if fts.is_some() {
            self.flush_index()?;
        }
        let filter = "(?1 IS NULL OR a.state = ?1) AND (?2 IS NULL OR EXISTS (
                SELECT 1 FROM article_tags t
                WHERE t.article_id = a.id AND t.kind = 'topic' AND t.name = ?2))";
        let cols = "a.id, a.kicker, a.headline, a.teaser, a.state, a.published_at, a.updated_at, \
                    a.lead_photo_id";
        let newest = "ORDER BY coalesce(a.published_at, a.created_at) DESC, a.id DESC";
        let mut ranked = false;
        let (rows, total) = match &fts {
            None => {
                let mut stmt = self.conn.prepare_cached(&format!(
                    "SELECT {cols} FROM articles a WHERE {filter} {newest} LIMIT ?3 OFFSET ?4"
                ))?;
                let rows = stmt
                    .query_map(params![state, topic, limit, offset], summary_from_row)?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                let total: i64 = self
                    .conn
                    .prepare_cached(&format!("SELECT count(*) FROM articles a WHERE {filter}"))?
                    .query_row(params![state, topic], |r| r.get(0))?;
                (rows, total)
            }
            Some(m) => {
                let matches = "a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?5)";
                let total: i64 = if state.is_none() && topic.is_none() {
                    self.conn
                        .prepare_cached(
                            "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?1",
                        )?
                        .query_row([m], |r| r.get(0))?
                } else {
                    self.conn
                        .prepare_cached(&format!(
                            "SELECT count(*) FROM articles a WHERE {matches} AND {filter}"
                        ))?
                        .query_row(params![state, topic, None::<i64>, None::<i64>, m], |r| {
                            r.get(0)
                        })?
                };
                ranked = total <= RANK_LIMIT;
                let sql = if !ranked {
                    // Matches most of the archive: relevance means little, newest first helps.
                    // `+a.id` makes SQLite walk the date index and stop after one page
                    // instead of fetching every match and sorting.
                    format!(
                        "SELECT {cols} FROM articles a WHERE +{matches} AND {filter} {newest}
                         LIMIT ?3 OFFSET ?4"
                    )
                } else if state.is_none() && topic.is_none() {
                    // Rank inside FTS5 and join only the page.
                    format!(
                        "WITH hits AS (
                             SELECT rowid AS id, rank FROM article_fts WHERE article_fts MATCH ?5
                             ORDER BY rank LIMIT ?3 OFFSET ?4)
                         SELECT {cols} FROM hits JOIN articles a ON a.id = hits.id
                         ORDER BY hits.rank, a.id DESC"
                    )
                } else {
                    format!(
                        "SELECT {cols} FROM article_fts f JOIN articles a ON a.id = f.rowid
                         WHERE article_fts MATCH ?5 AND {filter}
                         ORDER BY f.rank, a.id DESC LIMIT ?3 OFFSET ?4"
                    )
                };
                let rows = self
                    .conn
                    .prepare_cached(&sql)?
                    .query_map(params![state, topic, limit, offset, m], summary_from_row)?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                (rows, total)
            }
        };
        let mut items = rows;
        self.fill_tags(&mut items)?;
        Ok(ArticlePage {
            items,
            total: total as u64,
            ranked,
        })
    }

    fn fill_tags(&self, items: &mut [ArticleSummary]) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let placeholders = vec!["?"; items.len()].join(",");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT article_id, kind, name FROM article_tags WHERE article_id IN ({placeholders})
             ORDER BY article_id, kind, position"
        ))?;
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        let mut rows = stmt.query(rusqlite::params_from_iter(ids.iter()))?;
        let pos: std::collections::HashMap<i64, usize> =
            items.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        while let Some(r) = rows.next()? {
            let item = &mut items[pos[&r.get::<_, i64>(0)?]];
            let name: String = r.get(2)?;
            match r.get::<_, String>(1)?.as_str() {
                "topic" => item.topics.push(name),
                _ => item.places.push(name),
            }
        }
        Ok(())
    }

    /// Brings the search index up to date with recent saves (see `fts_pending`). Cheap when
    /// nothing is pending; the app calls it when idle, searches call it first.
    pub fn flush_index(&self) -> Result<usize> {
        let pending: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM fts_pending)")?
            .query_row([], |r| r.get(0))?;
        if !pending {
            return Ok(0);
        }
        let tx = self.conn.unchecked_transaction()?;
        let n = flush_pending(&tx)?;
        tx.commit()?;
        Ok(n)
    }

    /// Existing topics or places that start with `prefix` (ignoring case and diacritics),
    /// most used first.
    pub fn suggest(&self, kind: TagKind, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, count(*) AS n FROM article_tags WHERE kind = ?1
             GROUP BY name ORDER BY n DESC, name",
        )?;
        let want = search::fold(prefix.trim());
        let mut out = Vec::new();
        let mut rows = stmt.query([kind.as_str()])?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(0)?;
            if search::fold(&name).starts_with(&want) {
                out.push(name);
                if out.len() >= limit {
                    break;
                }
            }
        }
        Ok(out)
    }
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        kicker: r.get(1)?,
        headline: r.get(2)?,
        teaser: r.get(3)?,
        state: parse_state(&r.get::<_, String>(4)?)?,
        published_at: r.get(5)?,
        updated_at: r.get(6)?,
        lead_photo_id: r.get(7)?,
        topics: vec![],
        places: vec![],
    })
}
