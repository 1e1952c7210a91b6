//! Full-text search on the shared library: the SQL that writes an article's entry in
//! `article_search` and the SQL that searches it, with the meaning search has in a library
//! folder (see [`crate::search`] and the SQLite `article_fts`).
//!
//! The Rust side folds as before: every field is passed as its [`search::index_text`]
//! (headline, teaser, the body's [`search::plain_text`], and the tags: kicker, topics and
//! places joined by spaces), and the query as [`search::ts_query`]. PostgreSQL only splits the
//! folded text into words (`'simple'`: no stemming, no stop words) and weighs them by field.
//! The weights keep the order and proportions of the SQLite ranking `bm25(10, 5, 1, 4)` over
//! (headline, teaser, body, tags): headline `A` = 1.0, teaser `B` = 0.5, tags `C` = 0.4,
//! body `D` = 0.1, passed to `ts_rank` as `{D, C, B, A}`.
//!
//! Statements use SQLite's `?N` placeholders (the SQL layer turns them into `$N`). PostgreSQL
//! must infer the type of every parameter up to the highest one used, so each statement uses
//! all of its parameters; a parameter that may be NULL is cast (`CAST(?1 AS TEXT) IS NULL`).
//!
//! [`search::index_text`]: crate::search::index_text
//! [`search::plain_text`]: crate::search::plain_text
//! [`search::ts_query`]: crate::search::ts_query

/// Writes (or replaces) one article's search entry.
/// ?1 article id, ?2 headline, ?3 teaser, ?4 body, ?5 tags: the order of the SQLite insert
/// into `article_fts`.
pub const INDEX_ENTRY: &str = "INSERT INTO article_search (article_id, doc)
VALUES (?1,
    setweight(to_tsvector('simple', ?2), 'A')
    || setweight(to_tsvector('simple', ?3), 'B')
    || setweight(to_tsvector('simple', ?5), 'C')
    || setweight(to_tsvector('simple', ?4), 'D'))
ON CONFLICT (article_id) DO UPDATE SET doc = EXCLUDED.doc";

/// Removes one article's entry (deleting the article removes it too, by cascade).
/// ?1 article id.
pub const DELETE_ENTRY: &str = "DELETE FROM article_search WHERE article_id = ?1";

/// Empties the index before a rebuild. No parameters.
pub const CLEAR_INDEX: &str = "DELETE FROM article_search";

/// Marks every article stale, for a rebuild by the next flush. No parameters.
pub const MARK_ALL_PENDING: &str =
    "INSERT INTO fts_pending (article_id) SELECT id FROM articles WHERE TRUE ON CONFLICT DO NOTHING";

/// Marks one article stale. ?1 article id.
pub const MARK_PENDING: &str =
    "INSERT INTO fts_pending (article_id) VALUES (?1) ON CONFLICT DO NOTHING";

/// How many articles match, in a state and/or topic (server migration 8).
/// ?1 state or NULL, ?2 topic or NULL, ?3 query. (The SQLite count binds the query as ?5 with
/// ?3 and ?4 unused; PostgreSQL cannot type unused parameters, so here it is ?3.)
pub const COUNT_MATCHES: &str =
    "SELECT newsroom_count_matches(to_tsquery('simple', ?3), CAST(?1 AS TEXT), CAST(?2 AS TEXT))";

/// One page of matches, best first (for up to `store::list::RANK_LIMIT` matches), with the
/// article list's summary columns (id, kicker, headline, teaser, state, published_at,
/// updated_at, lead_photo_id). ?1 state or NULL, ?2 topic or NULL, ?3 limit, ?4 offset,
/// ?5 query: the order of the SQLite search.
pub const SEARCH_RANKED: &str = "SELECT a.id, a.kicker, a.headline, a.teaser, a.state,
    a.published_at, a.updated_at, a.lead_photo_id
FROM to_tsquery('simple', ?5) AS q
JOIN article_search s ON s.doc @@ q
JOIN articles a ON a.id = s.article_id
WHERE (CAST(?1 AS TEXT) IS NULL OR a.state = ?1)
  AND (CAST(?2 AS TEXT) IS NULL OR EXISTS (
      SELECT 1 FROM article_tags t
      WHERE t.article_id = a.id AND t.kind = 'topic' AND t.name = ?2))
ORDER BY ts_rank('{0.1, 0.4, 0.5, 1.0}', s.doc, q) DESC, a.id DESC
LIMIT ?3 OFFSET ?4";

/// One page of matches, newest first: for searches matching more than
/// `store::list::RANK_LIMIT` articles, where relevance means little. Same columns and
/// parameters as [`SEARCH_RANKED`].
pub const SEARCH_NEWEST: &str = "SELECT a.id, a.kicker, a.headline, a.teaser, a.state,
    a.published_at, a.updated_at, a.lead_photo_id
FROM articles a
JOIN article_search s ON s.article_id = a.id
WHERE s.doc @@ to_tsquery('simple', ?5)
  AND (CAST(?1 AS TEXT) IS NULL OR a.state = ?1)
  AND (CAST(?2 AS TEXT) IS NULL OR EXISTS (
      SELECT 1 FROM article_tags t
      WHERE t.article_id = a.id AND t.kind = 'topic' AND t.name = ?2))
ORDER BY coalesce(a.published_at, a.created_at) DESC, a.id DESC
LIMIT ?3 OFFSET ?4";
