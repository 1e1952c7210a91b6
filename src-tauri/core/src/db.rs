//! The SQLite side: connection settings and the numbered schema migrations.
//!
//! Migrations are append-only: never edit one that has shipped, add the next number.
//! `PRAGMA user_version` records how far a library file has been migrated.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// Dortmund's names the spelling dictionary is seeded with (districts, streets, places), as
/// the rows of an SQL `VALUES` list. Both schemas seed from it: SQLite's migration 6 and the
/// shared library's first migration ([`crate::server::schema`]).
macro_rules! dictionary_seed_rows {
    () => {
        r#"('Innenstadt-West'),
('Innenstadt-Nord'),
('Innenstadt-Ost'),
('Eving'),
('Scharnhorst'),
('Brackel'),
('Aplerbeck'),
('Hörde'),
('Hombruch'),
('Lütgendortmund'),
('Huckarde'),
('Mengede'),
('Asseln'),
('Wickede'),
('Kirchderne'),
('Derne'),
('Husen'),
('Kurl'),
('Lanstrop'),
('Grevel'),
('Brechten'),
('Lindenhorst'),
('Kemminghausen'),
('Körne'),
('Wambel'),
('Schüren'),
('Sölde'),
('Sölderholz'),
('Berghofen'),
('Benninghofen'),
('Wellinghofen'),
('Wichlinghofen'),
('Syburg'),
('Kirchhörde'),
('Lücklemberg'),
('Löttringhausen'),
('Eichlinghofen'),
('Barop'),
('Menglinghausen'),
('Persebeck'),
('Bövinghausen'),
('Kirchlinde'),
('Jungferntal'),
('Marten'),
('Oespel'),
('Westerfilde'),
('Bodelschwingh'),
('Deusen'),
('Dorstfeld'),
('Hacheney'),
('Borsigplatz'),
('Westenhellweg'),
('Ostenhellweg'),
('Rheinlanddamm'),
('Wallring'),
('Brückstraße'),
('Hansaplatz'),
('Friedensplatz'),
('Phoenix-See'),
('Westfalenhallen'),
('Westfalenpark'),
('Signal-Iduna-Park'),
('Rombergpark'),
('Fredenbaumpark'),
('Florianturm'),
('Nordstadt'),
('Dortmunder')"#
    };
}
pub(crate) use dictionary_seed_rows;

/// The schema, in order. Index + 1 is the `user_version` after applying it.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: articles, their ordered links and tags, revisions, and the folded full-text index.
    r#"
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    kicker        TEXT NOT NULL DEFAULT '',
    headline      TEXT NOT NULL DEFAULT '',
    teaser        TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL DEFAULT '',
    published_at  TEXT,
    embargo_until TEXT,
    author        TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT 'draft'
                  CHECK (state IN ('draft', 'review', 'ready', 'exported')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- The index page: newest first by publication date, else creation date.
CREATE INDEX articles_newest ON articles (coalesce(published_at, created_at) DESC, id DESC);
CREATE INDEX articles_state ON articles (state);

CREATE TABLE related_links (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL,
    url        TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('topic', 'place')),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (article_id, kind, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_tags_by_name ON article_tags (kind, name, article_id);

CREATE TABLE revisions (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    rev        INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('create', 'edit', 'state', 'restore')),
    state      TEXT NOT NULL,
    headline   TEXT NOT NULL,
    snapshot   TEXT NOT NULL, -- JSON of ArticleInput
    PRIMARY KEY (article_id, rev)
) STRICT, WITHOUT ROWID;

-- Holds text folded by search::fold (case, diacritics, ß -> ss); rowid = articles.id.
CREATE VIRTUAL TABLE article_fts USING fts5 (
    headline, teaser, body, tags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
"#,
    // 2: the search index gets prefix indexes (search-as-you-type) and its ranking weights.
    // It is derived data: emptied here and rebuilt by Library::open (search_index_version).
    r#"
DROP TABLE article_fts;
CREATE VIRTUAL TABLE article_fts USING fts5 (
    headline, teaser, body, tags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
-- Headline matches weigh most, then tags (kicker, topics, places), teaser, body.
INSERT INTO article_fts (article_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0, 4.0)');
DELETE FROM settings WHERE key = 'search_index_version';

-- Articles whose search entry is stale. Autosave only marks them here (cheap, in the same
-- transaction); Library::flush_index brings the index up to date before a search and in the
-- app's idle maintenance, so FTS segment merges never sit on the typing path.
CREATE TABLE fts_pending (article_id INTEGER PRIMARY KEY) STRICT;
"#,
    // 3: the photo desk. Originals live in LIBRARY/photos by SHA-256; a row holds what the file
    // said (file_meta, as read at import) and what the office made of it (the edited fields).
    r#"
CREATE TABLE photos (
    id             INTEGER PRIMARY KEY,
    sha256         TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    format         TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'webp', 'tiff')),
    bytes          INTEGER NOT NULL,
    -- pixel size after EXIF orientation
    width          INTEGER NOT NULL,
    height         INTEGER NOT NULL,
    orientation    INTEGER NOT NULL DEFAULT 1,
    original_name  TEXT NOT NULL DEFAULT '',
    caption        TEXT NOT NULL DEFAULT '',
    credit         TEXT NOT NULL DEFAULT '',
    creator        TEXT NOT NULL DEFAULT '',
    copyright      TEXT NOT NULL DEFAULT '',
    alt_text       TEXT NOT NULL DEFAULT '',
    headline       TEXT NOT NULL DEFAULT '',
    date_created   TEXT,
    city           TEXT NOT NULL DEFAULT '',
    location       TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    keywords       TEXT NOT NULL DEFAULT '[]',
    camera         TEXT NOT NULL DEFAULT '',
    has_gps        INTEGER NOT NULL DEFAULT 0,
    -- where the credit came from: the file, the office template, or a person
    credit_source  TEXT NOT NULL DEFAULT 'none'
                   CHECK (credit_source IN ('none', 'file', 'template', 'edited')),
    file_meta      TEXT NOT NULL DEFAULT '{}',
    phash          INTEGER,
    imported_at    TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX photos_newest ON photos (imported_at DESC, id DESC);

ALTER TABLE articles ADD COLUMN lead_photo_id INTEGER REFERENCES photos (id);
ALTER TABLE articles ADD COLUMN lead_caption TEXT;
ALTER TABLE articles ADD COLUMN lead_alt_text TEXT;
CREATE INDEX articles_lead_photo ON articles (lead_photo_id) WHERE lead_photo_id IS NOT NULL;

-- Derived from the body's `![alt](photo:ID "caption")` references on every save.
CREATE TABLE article_figures (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    photo_id   INTEGER NOT NULL REFERENCES photos (id),
    caption    TEXT,
    alt_text   TEXT,
    PRIMARY KEY (article_id, position)
) STRICT;
CREATE INDEX article_figures_photo ON article_figures (photo_id);
"#,
    // 4: the export. When an article last left the building and into which bundle folder.
    // Written by Library::mark_exported; not part of the article's content or revisions.
    r#"
ALTER TABLE articles ADD COLUMN exported_at TEXT;
ALTER TABLE articles ADD COLUMN exported_to TEXT;
"#,
    // 5: field values an autosave could not take as typed (a date that is no date, a text over
    // its limit), kept as typed until they are fixed: a JSON array of model::HeldField. The
    // article's columns keep the last valid value of those fields.
    r#"
ALTER TABLE articles ADD COLUMN held TEXT NOT NULL DEFAULT '[]';
"#,
    // 6: the press office's spelling word list: names of districts, streets, places and people
    // the spell checker should accept. Seeded with Dortmund's names; the user adds more.
    concat!(
        r#"
CREATE TABLE dictionary_words (
    word   TEXT PRIMARY KEY,
    source TEXT NOT NULL DEFAULT 'user' CHECK (source IN ('seed', 'user'))
) STRICT, WITHOUT ROWID;
INSERT INTO dictionary_words (word, source)
SELECT column1, 'seed' FROM (VALUES
"#,
        dictionary_seed_rows!(),
        ");\n"
    ),
    // 7: versions, so that saves from several desks merge instead of overwriting each other.
    // Every stored change counts an article's `version` up; `article_versions` keeps the
    // content of its recent versions (the base a late save is merged against). Revisions
    // record who wrote them (`author`) and may be a 'conflict': text that lost a concurrent
    // edit of the same field, kept. SQLite cannot change a CHECK in place: the revisions
    // table is rebuilt (new table, copy, drop, rename), keeping every row.
    r#"
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE revisions_v7 (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    rev        INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    reason     TEXT NOT NULL
               CHECK (reason IN ('create', 'edit', 'state', 'restore', 'conflict')),
    state      TEXT NOT NULL,
    headline   TEXT NOT NULL,
    snapshot   TEXT NOT NULL, -- JSON of ArticleInput
    author     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, rev)
) STRICT, WITHOUT ROWID;
INSERT INTO revisions_v7 (article_id, rev, created_at, reason, state, headline, snapshot)
SELECT article_id, rev, created_at, reason, state, headline, snapshot FROM revisions;
DROP TABLE revisions;
ALTER TABLE revisions_v7 RENAME TO revisions;

-- The content (JSON of ArticleInput, as typed) of an article's recent versions.
CREATE TABLE article_versions (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    snapshot   TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
) STRICT, WITHOUT ROWID;
"#,
    // 8: who is editing an article's text: a soft lock held as a lease (`store::locks`). The
    // holder is the person's name, the session the editor window that holds it; a lock that
    // ran out (`expires_at`, RFC 3339 UTC) is free.
    r#"
CREATE TABLE article_locks (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    holder     TEXT NOT NULL,
    session    TEXT NOT NULL,
    since      TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;
"#,
    // 9: live updates. Every change to articles or photos, and every edit lock taken, given up
    // or taken over (not a renewal), counts up its kind in `library_changes`; a window watching
    // the library (`watch.rs`) compares the counts to learn what others changed.
    r#"
CREATE TABLE library_changes (
    kind TEXT PRIMARY KEY CHECK (kind IN ('articles', 'photos', 'locks')),
    n    INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO library_changes (kind) VALUES ('articles'), ('photos'), ('locks');
CREATE TRIGGER articles_changed_insert AFTER INSERT ON articles
BEGIN UPDATE library_changes SET n = n + 1 WHERE kind = 'articles'; END;
CREATE TRIGGER articles_changed_update AFTER UPDATE ON articles
BEGIN UPDATE library_changes SET n = n + 1 WHERE kind = 'articles'; END;
CREATE TRIGGER articles_changed_delete AFTER DELETE ON articles
BEGIN UPDATE library_changes SET n = n + 1 WHERE kind = 'articles'; END;
CREATE TRIGGER photos_changed_insert AFTER INSERT ON photos
BEGIN UPDATE library_changes SET n = n + 1 WHERE kind = 'photos'; END;
CREATE TRIGGER photos_changed_update AFTER UPDATE ON photos
BEGIN UPDATE library_changes SET n = n + 1 WHERE kind = 'photos'; END;
CREATE TRIGGER photos_changed_delete AFTER DELETE ON photos
BEGIN UPDATE library_changes SET n = n + 1 WHERE kind = 'photos'; END;
CREATE TRIGGER locks_changed_insert AFTER INSERT ON article_locks
BEGIN UPDATE library_changes SET n = n + 1 WHERE kind = 'locks'; END;
CREATE TRIGGER locks_changed_update AFTER UPDATE OF session ON article_locks
WHEN OLD.session IS NOT NEW.session
BEGIN UPDATE library_changes SET n = n + 1 WHERE kind = 'locks'; END;
CREATE TRIGGER locks_changed_delete AFTER DELETE ON article_locks
BEGIN UPDATE library_changes SET n = n + 1 WHERE kind = 'locks'; END;
"#,
    // 10: who stored an article's current version, so that a writer whose save met a
    // colleague's change is told whose it was.
    r#"
ALTER TABLE articles ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
"#,
    // 11: framing: a photo's focal point and its hand-set crops, JSON
    // (`{"focus": {"x", "y"} | null, "crops": {"wide": {"x", "y", "width", "height"}}}`).
    r#"
ALTER TABLE photos ADD COLUMN framing TEXT NOT NULL DEFAULT '{}';
"#,
    // 12: the lead photo's framing in one article: the crop its page shows and the crops set
    // for this article only, JSON (`{"crop": "wide" | null, "crops": {"wide": {…}}}`).
    r#"
ALTER TABLE articles ADD COLUMN lead_framing TEXT NOT NULL DEFAULT '{}';
"#,
];

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// Connection settings every connection gets: WAL, foreign keys, a busy timeout.
pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Migration(format!(
            "could not switch to WAL (journal_mode={mode})"
        )));
    }
    // NORMAL is durable against process crashes in WAL mode; only power loss can roll back
    // the last transactions.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Applies pending migrations. Returns the schema version found before migrating.
pub(crate) fn migrate(conn: &mut Connection) -> Result<i64> {
    let before: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if before > known {
        return Err(Error::LibraryTooNew {
            found: before,
            known,
        });
    }
    migrations()
        .to_latest(conn)
        .map_err(|e| Error::Migration(e.to_string()))?;
    Ok(before)
}

/// Only for tests: bring a database to exactly `version`.
#[doc(hidden)]
pub fn migrate_to(conn: &mut Connection, version: usize) -> Result<()> {
    migrations()
        .to_version(conn, version)
        .map_err(|e| Error::Migration(e.to_string()))
}

pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// Checks that the migrations apply cleanly (used by the tests).
pub fn validate() -> Result<()> {
    migrations()
        .validate()
        .map_err(|e| Error::Migration(e.to_string()))
}
