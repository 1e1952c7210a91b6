//! Schema migrations on real SQLite files: they validate, an old library opens and keeps its
//! data, a newer or foreign file is refused with a clear error and left untouched.

use newsroom_core::db::{migrate_to, SCHEMA_VERSION};
use newsroom_core::{Library, OpenOptions};
use rusqlite::Connection;

#[test]
fn migrations_validate() {
    newsroom_core::db::validate().unwrap();
}

#[test]
fn library_created_by_migration_1_opens_after_all_later_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(newsroom_core::library::DB_FILE);
    {
        let mut conn = Connection::open(&db).unwrap();
        migrate_to(&mut conn, 1).unwrap();
        // Data as build 1 wrote it, with raw SQL (not today's code).
        conn.execute_batch(
            "INSERT INTO articles (id, kicker, headline, teaser, body, published_at, state, created_at, updated_at)
             VALUES (7, 'Bildung', 'Alte Überschrift', 'Teaser', '## Zwischentitel', '2025-11-12T09:30:00Z',
                     'review', '2025-11-01T10:00:00.000Z', '2025-11-01T10:00:00.000Z');
             INSERT INTO article_tags VALUES (7, 'topic', 0, 'Familie'), (7, 'place', 0, 'Hörde');
             INSERT INTO related_links VALUES (7, 0, 'Mehr', 'https://example.org');
             INSERT INTO revisions VALUES (7, 1, '2025-11-01T10:00:00.000Z', 'create', 'draft', 'Alte Überschrift',
                     '{\"headline\":\"Alte Überschrift\"}');
             INSERT INTO article_fts (rowid, headline, teaser, body, tags) VALUES (7, 'alte uberschrift', 'teaser', 'zwischentitel', 'bildung familie horde');",
        )
        .unwrap();
    }
    let lib = Library::open(dir.path(), OpenOptions::default()).unwrap();
    assert_eq!(lib.schema_version().unwrap(), SCHEMA_VERSION as i64);
    // Not seeded: the library already existed.
    assert_eq!(lib.article_count().unwrap(), 1);
    let a = lib.get_article(7).unwrap();
    assert_eq!(a.headline, "Alte Überschrift");
    assert_eq!(a.topics, vec!["Familie"]);
    assert_eq!(a.places, vec!["Hörde"]);
    assert_eq!(a.related_links.len(), 1);
    let found = lib
        .list_articles(&newsroom_core::ListQuery {
            text: Some("Hörde".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(lib.get_revision(7, 1).unwrap().headline, "Alte Überschrift");
}

#[test]
fn committed_v1_library_fixture_opens() {
    // A library file written by the first build (schema 1), committed so that later
    // migrations are always tested against real old bytes.
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/library-v1/newsroom.sqlite3");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&src, dir.path().join("newsroom.sqlite3")).unwrap();
    let lib = Library::open(dir.path(), OpenOptions::default()).unwrap();
    assert_eq!(lib.integrity_check().unwrap(), "ok");
    let page = lib.list_articles(&Default::default()).unwrap();
    assert_eq!(page.total, 4);
    let hits = lib
        .list_articles(&newsroom_core::ListQuery {
            text: Some("strassenfest".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(hits.total >= 1);
    // The spelling word list, added after this library was written, is there and seeded.
    let words = lib.dictionary_words().unwrap();
    assert!(words.iter().any(|w| w == "Hörde"), "{words:?}");
    assert!(lib.add_dictionary_word("Gorecki").unwrap());
}

#[test]
fn newer_library_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.sqlite3");
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let err = Library::open(dir.path(), OpenOptions::default()).unwrap_err();
    assert_eq!(err.code(), "library_too_new");
    assert!(err.to_string().contains("999"));
    let conn = Connection::open(&db).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 999);
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'articles'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
    drop(before);
}

#[test]
fn garbage_database_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.sqlite3");
    let junk = b"this is not a database, it is a press release\n".repeat(200);
    std::fs::write(&db, &junk).unwrap();
    let err = Library::open(dir.path(), OpenOptions::default()).unwrap_err();
    assert_eq!(err.code(), "not_a_library", "{err}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        junk,
        "the file must be left as it was"
    );
}

#[test]
fn library_path_that_is_a_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("file");
    std::fs::write(&f, "x").unwrap();
    let err = Library::open(&f, OpenOptions::default()).unwrap_err();
    assert_eq!(err.code(), "not_a_library");
}

#[test]
fn database_uses_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let _lib = Library::open(dir.path(), OpenOptions::default()).unwrap();
    let conn = Connection::open(dir.path().join("newsroom.sqlite3")).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn library_at_migration_6_keeps_its_revisions_and_gets_versions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(newsroom_core::library::DB_FILE);
    {
        let mut conn = Connection::open(&db).unwrap();
        migrate_to(&mut conn, 6).unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, headline, body, state, created_at, updated_at)
             VALUES (3, 'Vor den Versionen', 'Text', 'draft',
                     '2026-01-01T10:00:00.000Z', '2026-01-01T10:05:00.000Z');
             INSERT INTO revisions VALUES
               (3, 1, '2026-01-01T10:00:00.000Z', 'create', 'draft', 'Erste', '{\"headline\":\"Erste\"}'),
               (3, 2, '2026-01-01T10:05:00.000Z', 'edit', 'draft', 'Vor den Versionen',
                '{\"headline\":\"Vor den Versionen\",\"body\":\"Text\"}');",
        )
        .unwrap();
    }
    let mut lib = Library::open(dir.path(), OpenOptions::default()).unwrap();
    assert_eq!(lib.schema_version().unwrap(), SCHEMA_VERSION as i64);
    let a = lib.get_article(3).unwrap();
    assert_eq!(a.version, 1);
    let revs = lib.list_revisions(3).unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[1].headline, "Erste");
    assert_eq!(revs[1].author, "");
    assert_eq!(lib.get_revision(3, 2).unwrap().body, "Text");
    // The rebuilt table takes conflict revisions, and an old article merges from its version.
    let mut input = a.input();
    input.headline = "Nachher".into();
    let out = lib.save_article_from(3, &input, 1).unwrap();
    assert_eq!(out.article.version, 2);
    assert_eq!(out.article.headline, "Nachher");
    input.headline = "Zu spät".into();
    let out = lib.save_article_from(3, &input, 1).unwrap();
    assert_eq!(out.conflicts, ["headline"]);
    assert_eq!(lib.integrity_check().unwrap(), "ok");
    let conn = Connection::open(&db).unwrap();
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
}
