// Not a test binary of its own: `mod common;` in the test files.
#![allow(dead_code)]

use std::path::PathBuf;

use newsroom_core::export::ExportReport;
use newsroom_core::{ArticleInput, Library, OpenOptions, RelatedLink};

pub fn empty_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(
        dir.path().join("lib"),
        OpenOptions {
            seed_samples: false,
        },
    )
    .unwrap();
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
