//! Reading many articles: the list (newest first, filtered by state and topic), full-text
//! search (ranked by bm25 up to [`RANK_LIMIT`] hits, newest first beyond), and tag suggestions.

use crate::sql::{params, Dialect, Row};

use super::parse_state;
use crate::error::Result;
use crate::library::Library;
use crate::model::*;
use crate::search;

pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 500;
/// Searches matching more articles than this list them newest first instead of ranking them:
/// ranking costs ~2 µs an article, and relevance among thousands of hits means little.
pub const RANK_LIMIT: i64 = 2_000;

impl Library {
    /// The article list: newest first, or best match first when `text` is given.
    pub fn list_articles(&self, q: &ListQuery) -> Result<ArticlePage> {
        let limit = q.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE) as i64;
        let offset = q.offset.unwrap_or(0) as i64;
        let state = q.state.map(ArticleState::as_str);
        let topic = q.topic.as_deref().filter(|t| !t.is_empty());
        let dialect = self.db.dialect();
        let fts = q.text.as_deref().and_then(match dialect {
            Dialect::Sqlite => search::fts_query,
            Dialect::Postgres => search::ts_query,
        });
        if fts.is_some() {
            self.flush_index()?;
        }
        let filter =
            "(CAST(?1 AS TEXT) IS NULL OR a.state = ?1) AND (CAST(?2 AS TEXT) IS NULL OR EXISTS (
                SELECT 1 FROM article_tags t
                WHERE t.article_id = a.id AND t.kind = 'topic' AND t.name = ?2))";
        let cols = "a.id, a.kicker, a.headline, a.teaser, a.state, a.published_at, a.updated_at, \
                    a.lead_photo_id";
        let newest = "ORDER BY coalesce(a.published_at, a.created_at) DESC, a.id DESC";
        let mut ranked = false;
        let (rows, total) = match &fts {
            None => {
                let mut stmt = self.db.prepare_cached(&format!(
                    "SELECT {cols} FROM articles a WHERE {filter} {newest} LIMIT ?3 OFFSET ?4"
                ))?;
                let rows = stmt
                    .query_map(params![state, topic, limit, offset], summary_from_row)?
                    .collect::<crate::error::Result<Vec<_>>>()?;
                let total: i64 = self
                    .db
                    .prepare_cached(&format!("SELECT count(*) FROM articles a WHERE {filter}"))?
                    .query_row(params![state, topic], |r| r.get(0))?;
                (rows, total)
            }
            Some(m) if dialect == Dialect::Postgres => {
                use crate::server::search_sql as pg;
                let total: i64 =
                    self.db
                        .query_row(pg::COUNT_MATCHES, params![state, topic, m], |r| r.get(0))?;
                ranked = total <= RANK_LIMIT;
                let sql = if ranked {
                    pg::SEARCH_RANKED
                } else {
                    pg::SEARCH_NEWEST
                };
                let rows = self
                    .db
                    .prepare_cached(sql)?
                    .query_map(params![state, topic, limit, offset, m], summary_from_row)?
                    .collect::<Result<Vec<_>>>()?;
                (rows, total)
            }
            Some(m) => {
                let matches = "a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?5)";
                let total: i64 = if state.is_none() && topic.is_none() {
                    self.db
                        .prepare_cached(
                            "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?1",
                        )?
                        .query_row([m], |r| r.get(0))?
                } else {
                    self.db
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
                    .db
                    .prepare_cached(&sql)?
                    .query_map(params![state, topic, limit, offset, m], summary_from_row)?
                    .collect::<crate::error::Result<Vec<_>>>()?;
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
        let mut stmt = self.db.prepare(&format!(
            "SELECT article_id, kind, name FROM article_tags WHERE article_id IN ({placeholders})
             ORDER BY article_id, kind, position"
        ))?;
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        let mut rows = stmt.query(crate::sql::params_from_iter(ids.iter()))?;
        let pos: std::collections::HashMap<i64, usize> =
            items.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        while let Some(r) = rows.next()? {
            let item = &mut items[pos[&r.get::<i64>(0)?]];
            let name: String = r.get(2)?;
            match r.get::<String>(1)?.as_str() {
                "topic" => item.topics.push(name),
                _ => item.places.push(name),
            }
        }
        Ok(())
    }

    /// Existing topics or places that start with `prefix` (ignoring case and diacritics),
    /// most used first.
    pub fn suggest(&self, kind: TagKind, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self.db.prepare_cached(
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

fn summary_from_row(r: &Row) -> crate::error::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        kicker: r.get(1)?,
        headline: r.get(2)?,
        teaser: r.get(3)?,
        state: parse_state(&r.get::<String>(4)?)?,
        published_at: r.get(5)?,
        updated_at: r.get(6)?,
        lead_photo_id: r.get(7)?,
        topics: vec![],
        places: vec![],
    })
}
