//! The shared library's PostgreSQL schema and search, against a real throwaway cluster.

use newsroom_core::search;
use newsroom_core::server::schema::{self, SCHEMA_VERSION};
use newsroom_core::server::search_sql;
use newsroom_core::Error;
use postgres::types::ToSql;
use postgres::Client;

/// The domain SQL is written with SQLite's `?N`; PostgreSQL wants `$N`.
fn pg(sql: &str) -> String {
    newsroom_core::sql::to_dollar_placeholders(sql)
}

/// Each test's databases are fresh schemas on the shared throwaway server.
mod pg {
    use newsroom_core::server::testing::TestServer;
    use newsroom_core::server::{connect, ServerUrl};

    pub struct Cluster;

    impl Cluster {
        pub fn start() -> Cluster {
            Cluster
        }

        /// A new, empty database (a schema of its own): its address.
        pub fn database(&self) -> String {
            TestServer::shared().fresh_url()
        }

        pub fn url(&self, db: &str) -> String {
            db.to_string()
        }

        pub fn connect(&self, db: &str) -> postgres::Client {
            connect(&ServerUrl::parse(db).unwrap()).unwrap()
        }
    }
}

fn tables(c: &mut Client) -> Vec<String> {
    c.query(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = current_schema() ORDER BY 1",
        &[],
    )
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect()
}

#[test]
fn migrates_an_empty_database_once() {
    let cluster = pg::Cluster::start();
    let mut c = cluster.connect(&cluster.database());
    assert_eq!(schema::schema_version(&mut c).unwrap(), 0);
    assert_eq!(schema::migrate(&mut c).unwrap(), 0);
    assert_eq!(
        schema::schema_version(&mut c).unwrap(),
        SCHEMA_VERSION as i64
    );

    let mut want = vec![
        "article_figures",
        "article_locks",
        "article_search",
        "article_tags",
        "article_versions",
        "articles",
        "dictionary_words",
        "fts_pending",
        "newsroom_schema",
        "photo_blobs",
        "photo_chunks",
        "photos",
        "related_links",
        "revisions",
        "settings",
    ];
    want.sort();
    assert_eq!(tables(&mut c), want);
    let mut listed = schema::TABLES.to_vec();
    listed.sort();
    assert_eq!(listed, want, "schema::TABLES lists every table");

    let seeds: i64 = c
        .query_one(
            "SELECT count(*) FROM dictionary_words WHERE source = 'seed'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(seeds, 67);
    for word in ["Hörde", "Brückstraße", "Innenstadt-West", "Dortmunder"] {
        let n: i64 = c
            .query_one(
                "SELECT count(*) FROM dictionary_words WHERE word = $1",
                &[&word],
            )
            .unwrap()
            .get(0);
        assert_eq!(n, 1, "{word}");
    }

    // Again: nothing to do, nothing recorded twice.
    assert_eq!(schema::migrate(&mut c).unwrap(), SCHEMA_VERSION as i64);
    let rows: i64 = c
        .query_one("SELECT count(*) FROM newsroom_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, SCHEMA_VERSION as i64);

    // The SQLite constraints hold here too.
    let id: i64 = c
        .query_one(
            "INSERT INTO articles (headline, created_at, updated_at)
             VALUES ('x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    let bad_state = c.execute("UPDATE articles SET state = 'gone' WHERE id = $1", &[&id]);
    assert!(bad_state.is_err());
    c.execute(
        "INSERT INTO article_tags (article_id, kind, position, name) VALUES ($1, 'topic', 0, 'a')",
        &[&id],
    )
    .unwrap();
    c.execute("DELETE FROM articles WHERE id = $1", &[&id])
        .unwrap();
    let tags: i64 = c
        .query_one("SELECT count(*) FROM article_tags", &[])
        .unwrap()
        .get(0);
    assert_eq!(tags, 0, "tags go with their article");
}

#[test]
fn refuses_a_newer_schema_and_foreign_databases() {
    let cluster = pg::Cluster::start();

    let mut c = cluster.connect(&cluster.database());
    schema::migrate(&mut c).unwrap();
    c.execute("INSERT INTO newsroom_schema (version) VALUES (99)", &[])
        .unwrap();
    let e = schema::migrate(&mut c).unwrap_err();
    assert!(
        matches!(e, Error::LibraryTooNew { found: 99, known } if known == SCHEMA_VERSION as i64),
        "{e:?}"
    );
    assert_eq!(e.code(), "library_too_new");
    let msg = e.to_string();
    assert!(
        msg.contains("99") && msg.contains("newer Newsroom"),
        "{msg}"
    );
    assert_eq!(schema::schema_version(&mut c).unwrap(), 99);

    // Someone else's database.
    let mut c = cluster.connect(&cluster.database());
    c.batch_execute("CREATE TABLE customers (id int)").unwrap();
    let e = schema::init(&mut c).unwrap_err();
    assert!(matches!(e, Error::InvalidState(_)), "{e:?}");
    assert!(e.to_string().contains("customers"), "{e}");
    assert_eq!(
        schema::schema_version(&mut c).unwrap(),
        0,
        "nothing created"
    );

    // A new database is set up; a shared library is brought up to date.
    let mut c = cluster.connect(&cluster.database());
    schema::init(&mut c).unwrap();
    assert_eq!(
        schema::schema_version(&mut c).unwrap(),
        SCHEMA_VERSION as i64
    );
    schema::init(&mut c).unwrap();
}

#[test]
fn desks_migrating_at_once_both_succeed() {
    let cluster = pg::Cluster::start();
    let db = cluster.database();
    let url = cluster.url(&db);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut c = newsroom_core::server::connect(
                    &newsroom_core::server::ServerUrl::parse(&url).unwrap(),
                )
                .unwrap();
                schema::migrate(&mut c).unwrap()
            })
        })
        .collect();
    let mut before: Vec<i64> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    before.sort();
    assert_eq!(before[0], 0, "one desk found the empty database");
    // Each migration is its own transaction: another desk may come in between two of them
    // and find the first applied, but never the empty database.
    assert!(
        before[1..]
            .iter()
            .all(|&v| (1..=SCHEMA_VERSION as i64).contains(&v)),
        "{before:?}"
    );
    let mut c = cluster.connect(&db);
    let rows: i64 = c
        .query_one("SELECT count(*) FROM newsroom_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, SCHEMA_VERSION as i64);
}

/// Inserts an article and writes its search entry the way a flush would.
fn add_article(c: &mut Client, headline: &str, teaser: &str, body: &str, tags: &str) -> i64 {
    let id: i64 = c
        .query_one(
            "INSERT INTO articles (headline, teaser, body, created_at, updated_at)
             VALUES ($1, $2, $3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
            &[&headline, &teaser, &body],
        )
        .unwrap()
        .get(0);
    let fields = [
        search::index_text(headline),
        search::index_text(teaser),
        search::index_text(&search::plain_text(body)),
        search::index_text(tags),
    ];
    let params: [&(dyn ToSql + Sync); 5] = [&id, &fields[0], &fields[1], &fields[2], &fields[3]];
    c.execute(&pg(search_sql::INDEX_ENTRY), &params).unwrap();
    id
}

/// The ids of a search, best first, and the count.
fn find(c: &mut Client, user: &str, state: Option<&str>, topic: Option<&str>) -> (Vec<i64>, i64) {
    let q = search::ts_query(user).expect("something to search");
    let (limit, offset) = (50_i64, 0_i64);
    let ids = c
        .query(
            &pg(search_sql::SEARCH_RANKED),
            &[&state, &topic, &limit, &offset, &q],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let newest: Vec<i64> = c
        .query(
            &pg(search_sql::SEARCH_NEWEST),
            &[&state, &topic, &limit, &offset, &q],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let count: i64 = c
        .query_one(&pg(search_sql::COUNT_MATCHES), &[&state, &topic, &q])
        .unwrap()
        .get(0);
    assert_eq!(newest.len() as i64, count, "{user}");
    (ids, count)
}

#[test]
fn search_folds_like_the_library_folder() {
    let cluster = pg::Cluster::start();
    let mut c = cluster.connect(&cluster.database());
    schema::migrate(&mut c).unwrap();

    let fest = add_article(
        &mut c,
        "Großes Straßenfest in Hörde",
        "„Zwei Tage“ Musik – Flohmarkt und Spiele am Phoenix-See.",
        "Mit **Musik** und [Infos](https://example.org/fest).",
        "Stadtleben Feste Hörde",
    );
    let other = add_article(
        &mut c,
        "Ratssitzung vertagt",
        "Der Rat tagt nächste Woche in Hörde.",
        "Die Sitzung fällt aus.",
        "Politik",
    );

    for q in [
        "Straße",
        "strasse",
        "STRASSENFEST",
        "Straßenf",
        "Musik",
        "zwei tage",
    ] {
        assert_eq!(find(&mut c, q, None, None), (vec![fest], 1), "{q}");
    }
    for q in ["Hörde", "hoerde", "Horde", "hör"] {
        // Both mention Hörde; the headline match ranks first.
        assert_eq!(find(&mut c, q, None, None), (vec![fest, other], 2), "{q}");
    }
    assert_eq!(find(&mut c, "Phoenix See", None, None).1, 1);
    assert_eq!(
        find(&mut c, "example", None, None).1,
        0,
        "link targets are not text"
    );
    assert_eq!(
        find(&mut c, "Straßenfest Rat", None, None).1,
        0,
        "every word must match"
    );

    // Filters, in list.rs's parameter order.
    c.execute(
        "UPDATE articles SET state = 'ready' WHERE id = $1",
        &[&other],
    )
    .unwrap();
    c.execute(
        "INSERT INTO article_tags (article_id, kind, position, name)
         VALUES ($1, 'topic', 0, 'Politik')",
        &[&other],
    )
    .unwrap();
    assert_eq!(find(&mut c, "Hörde", Some("ready"), None), (vec![other], 1));
    assert_eq!(find(&mut c, "Hörde", Some("draft"), None), (vec![fest], 1));
    assert_eq!(
        find(&mut c, "Hörde", None, Some("Politik")),
        (vec![other], 1)
    );
    assert_eq!(
        find(&mut c, "Hörde", Some("draft"), Some("Politik")),
        (vec![], 0)
    );

    // Rewriting an entry replaces it; deleting the article removes it.
    let fields = ["neu", "", "", ""].map(search::index_text);
    c.execute(
        &pg(search_sql::INDEX_ENTRY),
        &[&fest, &fields[0], &fields[1], &fields[2], &fields[3]],
    )
    .unwrap();
    assert_eq!(find(&mut c, "Straßenfest", None, None).1, 0);
    assert_eq!(find(&mut c, "neu", None, None), (vec![fest], 1));
    c.execute(&pg(search_sql::DELETE_ENTRY), &[&fest]).unwrap();
    assert_eq!(find(&mut c, "neu", None, None).1, 0);
    c.execute("DELETE FROM articles WHERE id = $1", &[&other])
        .unwrap();
    let left: i64 = c
        .query_one("SELECT count(*) FROM article_search", &[])
        .unwrap()
        .get(0);
    assert_eq!(left, 0);

    // Rebuilding: everything marked stale once.
    c.execute(&pg(search_sql::MARK_PENDING), &[&fest]).unwrap();
    c.execute(&pg(search_sql::MARK_ALL_PENDING), &[]).unwrap();
    c.execute(&pg(search_sql::MARK_ALL_PENDING), &[]).unwrap();
    c.execute(&pg(search_sql::CLEAR_INDEX), &[]).unwrap();
    let pending: i64 = c
        .query_one("SELECT count(*) FROM fts_pending", &[])
        .unwrap()
        .get(0);
    assert_eq!(pending, 1);
}

#[test]
fn hostile_queries_never_break_the_syntax() {
    let cluster = pg::Cluster::start();
    let mut c = cluster.connect(&cluster.database());
    schema::migrate(&mut c).unwrap();
    add_article(
        &mut c,
        "O'Brien & Co: 100% (fast)!",
        "a\\b",
        "x <-> y",
        "c|d",
    );
    let hostile = [
        "'",
        "''",
        "\\",
        "\\'",
        "a' | 'b",
        "a:* & !b",
        "(a | b) <-> c",
        "<2> !!! ::: ***",
        "O'Brien",
        "a\\' & b",
        "'; DROP TABLE articles; --",
        "ﬁ ǅ ½ ²",
        "日本語 テスト",
        "😀 e\u{301}",
    ];
    for q in hostile {
        let Some(tsq) = search::ts_query(q) else {
            continue;
        };
        let n: i64 = c
            .query_one(
                &pg(search_sql::COUNT_MATCHES),
                &[&None::<String>, &None::<String>, &tsq],
            )
            .unwrap_or_else(|e| panic!("{q:?} → {tsq:?}: {e}"))
            .get(0);
        assert!(n <= 1, "{q:?}");
    }
    assert_eq!(find(&mut c, "O'Brien", None, None).1, 1);
    assert_eq!(find(&mut c, "100%", None, None).1, 1);
}
