//! A shared library as the desks meet it: two desks on one server share photos through the
//! database, a server that goes away costs nothing already saved, a newer server schema is
//! refused, and the office's library never gets sample articles. Real PostgreSQL throughout.

use std::path::Path;

use newsroom_core::library::Location;
use newsroom_core::server::testing::{Cluster, TestServer};
use newsroom_core::server::{connect, ServerUrl};
use newsroom_core::{ArticleInput, ErrorCode, Library, OpenOptions};

fn no_samples() -> OpenOptions {
    OpenOptions {
        seed_samples: false,
    }
}

fn desk(url: &str, cache: &Path) -> Library {
    Library::open_server(&ServerUrl::parse(url).unwrap(), Some(cache), no_samples()).unwrap()
}

fn sha256_of(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(std::fs::read(path).unwrap());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// A PNG of noise: it does not compress, so it is several chunks long.
fn big_png(path: &Path) {
    let mut seed = 0x2545_f491_u32;
    let img = image::RgbImage::from_fn(1200, 1000, |_, _| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let [a, b, c, _] = seed.to_le_bytes();
        image::Rgb([a, b, c])
    });
    img.save(path).unwrap();
}

#[test]
fn two_desks_share_photos_through_the_database() {
    let tmp = tempfile::tempdir().unwrap();
    let url = TestServer::shared().fresh_url();
    let src = tmp.path().join("rathaus.png");
    big_png(&src);
    let size = std::fs::metadata(&src).unwrap().len();
    assert!(
        size > 3 << 20,
        "the test photo spans several chunks: {size}"
    );

    let mut photographer = desk(&url, &tmp.path().join("desk-a"));
    let photo = photographer.import_photo(&src).unwrap().photo;
    let mut c = connect(&ServerUrl::parse(&url).unwrap()).unwrap();
    let row = c
        .query_one(
            "SELECT b.bytes, b.chunks, b.complete, (SELECT count(*) FROM photo_chunks k
             WHERE k.sha256 = b.sha256), (SELECT max(length(data)) FROM photo_chunks k
             WHERE k.sha256 = b.sha256) FROM photo_blobs b WHERE b.sha256 = $1",
            &[&photo.sha256],
        )
        .unwrap();
    let (bytes, chunks, complete, stored, largest): (i64, i64, bool, i64, i32) =
        (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4));
    assert_eq!(bytes as u64, size);
    assert_eq!(chunks, stored);
    assert!(
        chunks >= 4 && complete,
        "{chunks} chunks, complete: {complete}"
    );
    assert_eq!(largest, 1 << 20, "no chunk is larger than 1 MiB");

    // The web desk, on another machine (another cache), has never seen the file.
    let web_desk = desk(&url, &tmp.path().join("desk-b"));
    let seen = web_desk.get_photo(photo.id).unwrap();
    assert_eq!(seen.sha256, photo.sha256);
    let files = web_desk.renditions(photo.id).unwrap();
    assert!(!files.is_empty());
    let cached = web_desk.original_file(&seen.sha256, seen.format).unwrap();
    assert!(cached.starts_with(tmp.path().join("desk-b")));
    assert_eq!(
        sha256_of(&cached),
        photo.sha256,
        "the fetched original is byte for byte"
    );

    // Deleting the photo removes the shared original too.
    photographer.delete_photo(photo.id).unwrap();
    let left: i64 = c
        .query_one("SELECT count(*) FROM photo_chunks", &[])
        .unwrap()
        .get(0);
    assert_eq!(left, 0);
}

fn headline(h: &str) -> ArticleInput {
    ArticleInput {
        headline: h.into(),
        ..Default::default()
    }
}

#[test]
fn a_server_that_goes_away_costs_nothing_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cluster = Cluster::start(None);
    let url = cluster.url();
    let mut lib = desk(&url, tmp.path());
    let id = lib.create_article(&headline("Gespeichert")).unwrap().id;

    // The server drops every connection (a restart, a network blip): the next save fails
    // clearly, the one after connects again and lands.
    let mut admin = connect(&ServerUrl::parse(&url).unwrap()).unwrap();
    admin
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'",
        )
        .unwrap();
    let err = lib.save_article(id, &headline("Verloren?")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ServerUnreachable, "{err}");
    assert_eq!(lib.get_article(id).unwrap().headline, "Gespeichert");
    lib.save_article(id, &headline("Wieder da")).unwrap();
    assert_eq!(
        desk(&url, tmp.path()).get_article(id).unwrap().headline,
        "Wieder da"
    );

    // The server is gone for good: a clear error, fast.
    cluster.stop();
    let started = std::time::Instant::now();
    let err = lib.save_article(id, &headline("Ins Leere")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ServerUnreachable, "{err}");
    assert!(started.elapsed().as_secs() < 15, "{:?}", started.elapsed());
}

#[test]
fn a_server_with_a_newer_schema_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let url = TestServer::shared().fresh_url();
    drop(desk(&url, tmp.path()));
    let mut c = connect(&ServerUrl::parse(&url).unwrap()).unwrap();
    c.batch_execute("INSERT INTO newsroom_schema (version) VALUES (99)")
        .unwrap();
    let err = Library::open_server(
        &ServerUrl::parse(&url).unwrap(),
        Some(tmp.path()),
        no_samples(),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::LibraryTooNew);
    assert!(err.to_string().contains("newer"), "{err}");
    let versions: i64 = c
        .query_one("SELECT max(version) FROM newsroom_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(versions, 99);
}

#[test]
fn the_offices_library_gets_no_sample_articles() {
    let url = TestServer::shared().fresh_url();
    let lib =
        Library::open_location(&Location::parse(&url).unwrap(), OpenOptions::default()).unwrap();
    assert!(lib.location().is_server());
    assert!(!lib.location().display().is_empty());
    assert_eq!(lib.article_count().unwrap(), 0);
}

#[test]
fn a_save_is_in_the_search_index_when_it_commits() {
    // Thirty desks save while others search: a search must not first index everyone's
    // saves, so on a server the save itself brings its index entry up to date.
    let tmp = tempfile::tempdir().unwrap();
    let url = TestServer::shared().fresh_url();
    let mut lib = desk(&url, tmp.path());
    let id = lib.create_article(&headline("Alt")).unwrap().id;
    lib.save_article(id, &headline("Wochenmarkt zieht um"))
        .unwrap();

    let parsed = ServerUrl::parse(&url).unwrap();
    let mut sql = connect(&parsed).unwrap();
    let count =
        |sql: &mut postgres::Client, q: &str| -> i64 { sql.query_one(q, &[]).unwrap().get(0) };
    assert_eq!(count(&mut sql, "SELECT count(*) FROM fts_pending"), 0);
    assert_eq!(
        count(
            &mut sql,
            "SELECT count(*) FROM article_search WHERE doc @@ to_tsquery('simple', 'wochenmarkt')"
        ),
        1
    );
    assert_eq!(
        count(
            &mut sql,
            "SELECT count(*) FROM article_search WHERE doc @@ to_tsquery('simple', 'alt')"
        ),
        0
    );
    assert_eq!(lib.flush_index().unwrap(), 0, "nothing left to index");
}
