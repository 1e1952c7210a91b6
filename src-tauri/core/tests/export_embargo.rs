//! An embargo (Sperrfrist) that has not passed keeps an article out of the public listing: its
//! bundle is written and says so, visibly and for machines, but `index.html` and `feed.json`
//! leave it out unless the export asks to include it; once the embargo has passed, the next
//! export lists it without a word about it.

mod common;
#[path = "support/nu.rs"]
mod nu;

use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use common::{bundle_dir, full_input};
use newsroom_core::export::{self, ExportFormat, ExportReport, ExportRequest};
use newsroom_core::{ArticleState, Library, OpenOptions};
use serde_json::Value;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-05T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Two articles in Freigegeben: one under an embargo until 12:00 UTC (13:00 in Berlin), one
/// without.
fn library(dir: &Path) -> (Mutex<Library>, i64, i64) {
    let mut lib = common::open_at(
        dir.join("lib"),
        OpenOptions {
            seed_samples: false,
        },
    );
    let mut a = full_input();
    a.headline = "Haushalt 2026: Rat berät Entwurf".into();
    a.embargo_until = Some("2026-01-05T12:00:00Z".into());
    let embargoed = lib.create_article(&a).unwrap().id;
    lib.set_state(embargoed, ArticleState::Ready).unwrap();
    let mut b = full_input();
    b.headline = "Wochenmarkt zieht um".into();
    b.embargo_until = None;
    let free = lib.create_article(&b).unwrap().id;
    lib.set_state(free, ArticleState::Ready).unwrap();
    (Mutex::new(lib), embargoed, free)
}

fn export_at(
    lib: &Mutex<Library>,
    ids: Vec<i64>,
    out: &Path,
    include_embargoed: bool,
    at: DateTime<Utc>,
) -> ExportReport {
    let req = ExportRequest {
        ids: Some(ids),
        format: ExportFormat::Both,
        fragment: false,
        out: out.to_path_buf(),
        force: true,
        include_embargoed,
        base_url: None,
    };
    export::export_at(lib, &req, at, |_| {}).unwrap()
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn feed_titles(out: &Path) -> Vec<String> {
    let feed: Value = serde_json::from_str(&read(out.join("feed.json"))).unwrap();
    feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_string())
        .collect()
}

fn json_ld(page: &str) -> Value {
    let doc = scraper::Html::parse_document(page);
    let sel = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let script = doc.select(&sel).next().expect("JSON-LD");
    serde_json::from_str(&script.inner_html()).unwrap()
}

const EMBARGO_LINE: &str = "<p class=\"embargo\"><strong>Sperrfrist</strong> bis \
     <time datetime=\"2026-01-05T12:00:00Z\">05.01.2026, 13:00 Uhr</time></p>";

#[test]
fn an_embargoed_article_is_written_marked_and_left_out_of_the_listing() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, embargoed, free) = library(dir.path());
    let out = dir.path().join("out");
    let report = export_at(&lib, vec![embargoed, free], &out, false, now());

    // Both bundles are written; the report names the one the listing leaves out.
    assert_eq!(report.exported.len(), 2, "{report:?}");
    let unlisted: Vec<i64> = report
        .unlisted_embargoed
        .iter()
        .map(|e| e.article_id)
        .collect();
    assert_eq!(unlisted, [embargoed]);
    assert_eq!(
        report.unlisted_embargoed[0].embargo_until,
        "2026-01-05T12:00:00Z"
    );

    // The listing and the feed: only the free article.
    let index = read(out.join("index.html"));
    assert!(index.contains("Wochenmarkt zieht um"), "{index}");
    assert!(!index.contains("Haushalt 2026"), "{index}");
    let bundle = bundle_dir(&report, embargoed);
    let name = bundle.file_name().unwrap().to_str().unwrap();
    assert!(!index.contains(name), "{index}");
    assert_eq!(feed_titles(&out), ["Wochenmarkt zieht um"]);

    // The page says so: visibly, in a meta element and in the JSON-LD.
    let page = read(bundle.join("index.html"));
    assert!(page.contains(EMBARGO_LINE), "{page}");
    assert!(
        page.contains("<meta name=\"dcterms.available\" content=\"2026-01-05T12:00:00Z\">"),
        "{page}"
    );
    let ld = json_ld(&page);
    assert_eq!(ld["embargoedUntil"], "2026-01-05T12:00:00Z");
    assert_eq!(ld["@context"][0], "https://schema.org");
    assert_eq!(
        ld["@context"][1]["embargoedUntil"]["@id"],
        "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#/properties/embargoedUntil"
    );
    let ninjs: Value = serde_json::from_str(&read(bundle.join("article.json"))).unwrap();
    assert_eq!(ninjs["embargoedUntil"], "2026-01-05T12:00:00Z");

    // The free article's page says nothing of the kind.
    let free_page = read(bundle_dir(&report, free).join("index.html"));
    assert!(!free_page.contains("Sperrfrist"), "{free_page}");
    assert!(!free_page.contains("dcterms.available"), "{free_page}");
    assert!(json_ld(&free_page).get("embargoedUntil").is_none());

    nu::check(&[bundle.join("index.html"), out.join("index.html")]);
}

#[test]
fn asked_to_include_it_the_listing_lists_it_with_its_embargo() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, embargoed, free) = library(dir.path());
    let out = dir.path().join("out");
    let report = export_at(&lib, vec![embargoed, free], &out, true, now());
    assert!(report.unlisted_embargoed.is_empty(), "{report:?}");

    let index = read(out.join("index.html"));
    assert!(index.contains("Haushalt 2026"), "{index}");
    assert!(index.contains(EMBARGO_LINE), "{index}");
    let feed: Value = serde_json::from_str(&read(out.join("feed.json"))).unwrap();
    let item = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Haushalt 2026: Rat berät Entwurf")
        .expect("listed");
    assert_eq!(item["_newsroom"]["embargoed_until"], "2026-01-05T12:00:00Z");
    nu::check(&[out.join("index.html")]);
}

#[test]
fn once_the_embargo_has_passed_the_next_export_lists_it_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, embargoed, free) = library(dir.path());
    let out = dir.path().join("out");
    export_at(&lib, vec![embargoed, free], &out, false, now());

    // Three hours later the free article is exported again: the folder's listing now holds
    // the embargoed bundle too, without the embargo line.
    let later = now() + Duration::hours(3);
    let report = export_at(&lib, vec![free], &out, false, later);
    assert!(report.unlisted_embargoed.is_empty());
    let index = read(out.join("index.html"));
    assert!(index.contains("Haushalt 2026"), "{index}");
    assert!(!index.contains("Sperrfrist"), "{index}");
    let mut titles = feed_titles(&out);
    titles.sort();
    assert_eq!(
        titles,
        ["Haushalt 2026: Rat berät Entwurf", "Wochenmarkt zieht um"]
    );

    // Exported after it passed, the page carries no embargo either.
    let report = export_at(&lib, vec![embargoed], &out, false, later);
    let page = read(bundle_dir(&report, embargoed).join("index.html"));
    assert!(!page.contains("Sperrfrist"), "{page}");
    assert!(!page.contains("dcterms.available"), "{page}");
}
