// Not a test binary of its own: `mod common;` in the test files.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use newsroom_core::export::ExportReport;
use newsroom_core::server::testing::TestServer;
use newsroom_core::server::ServerUrl;
use newsroom_core::{ArticleInput, Library, OpenOptions, RelatedLink};

/// The conformance switch: with `NEWSROOM_TEST_BACKEND=postgres` the suites that open their
/// libraries through [`open_at`] run on a shared library (a fresh schema of the test
/// PostgreSQL server per library), else on library folders. The test script runs them both
/// ways, so the two backends cannot drift.
pub fn on_server() -> bool {
    std::env::var("NEWSROOM_TEST_BACKEND").is_ok_and(|b| b == "postgres")
}

/// Opens the test library kept at `root`: the folder itself, or on the server the schema
/// this root was given first (so reopening a root reopens the same library), with `root` as
/// this desk's cache.
pub fn open_at(root: impl AsRef<Path>, opts: OpenOptions) -> Library {
    try_open_at(root, opts).unwrap()
}

pub fn try_open_at(root: impl AsRef<Path>, opts: OpenOptions) -> newsroom_core::Result<Library> {
    let root = root.as_ref();
    if !on_server() {
        return Library::open(root, opts);
    }
    static SCHEMAS: Mutex<Option<HashMap<PathBuf, String>>> = Mutex::new(None);
    let url = SCHEMAS
        .lock()
        .unwrap()
        .get_or_insert_with(HashMap::new)
        .entry(root.to_path_buf())
        .or_insert_with(|| TestServer::shared().fresh_url())
        .clone();
    Library::open_server(&ServerUrl::parse(&url).unwrap(), Some(root), opts)
}

pub fn empty_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = open_at(
        dir.path().join("lib"),
        OpenOptions {
            seed_samples: false,
        },
    );
    (dir, lib)
}

pub fn full_input() -> ArticleInput {
    ArticleInput {
        kicker: "Stadtleben".into(),
        headline: "Großes Straßenfest in Hörde".into(),
        teaser: "Zwei Tage Musik, Flohmarkt und Spiele am Hafen.".into(),
        body: "Einleitung.\n\n## Programm\n\nMit **Musik** und [Infos](https://example.org/fest).\n\n> Ein Zitat der Bezirksbürgermeisterin.\n\n- Bühne\n- Flohmarkt\n".into(),
        related_links: vec![
            RelatedLink { label: "Programm".into(), url: "https://example.org/programm".into() },
            RelatedLink { label: "Anfahrt".into(), url: "https://example.org/anfahrt".into() },
        ],
        topics: vec!["Freizeit".into(), "Familie".into()],
        places: vec!["Hörde".into()],
        published_at: Some("2025-11-12T10:30:00+01:00".into()),
        embargo_until: Some("2025-11-12T08:00:00Z".into()),
        author: "Pressestelle".into(),
        contact: "Presse\npresse@example.org".into(),
        lead_photo: None,
    }
}

/// The folder of `id`'s bundle in an export report.
pub fn bundle_dir(report: &ExportReport, id: i64) -> PathBuf {
    report
        .exported
        .iter()
        .find(|b| b.article_id == id)
        .unwrap_or_else(|| panic!("{id} not exported: {report:#?}"))
        .folder
        .clone()
}

/// Every regular file under `dir`, sorted (none if it does not exist).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
