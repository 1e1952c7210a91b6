//! The export folder is the user's: an export replaces only what it wrote itself. An
//! `index.html` or `feed.json` without Newsroom's mark stays unless the export is told to
//! replace it; a folder that merely has a bundle's name is never replaced, the bundle takes
//! its id instead; and the listing's temp file is made new, never written through a link.

mod common;

use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use common::{bundle_dir, full_input};
use newsroom_core::export::{self, ExportFormat, ExportReport, ExportRequest};
use newsroom_core::{ArticleState, Library, OpenOptions};
use serde_json::Value;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-05T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// One article in Freigegeben; its bundle is called `2025-11-12-grosses-strassenfest-in-hoerde`.
fn library(dir: &Path) -> (Mutex<Library>, i64) {
    let mut lib = common::open_at(
        dir.join("lib"),
        OpenOptions {
            seed_samples: false,
        },
    );
    let id = lib.create_article(&full_input()).unwrap().id;
    assert_eq!(id, 1, "the first article of a new library");
    lib.set_state(id, ArticleState::Ready).unwrap();
    (Mutex::new(lib), id)
}

const NAME: &str = "2025-11-12-grosses-strassenfest-in-hoerde";

fn export(lib: &Mutex<Library>, out: &Path, force: bool) -> ExportReport {
    let req = ExportRequest {
        ids: Some(vec![1]),
        format: ExportFormat::Both,
        fragment: false,
        out: out.to_path_buf(),
        force,
        include_embargoed: false,
        base_url: None,
    };
    export::export_at(lib, &req, now(), |_| {}).unwrap()
}

fn conflicts(lib: &Mutex<Library>, out: &Path) -> Vec<String> {
    let req = ExportRequest {
        ids: Some(vec![1]),
        format: ExportFormat::Both,
        fragment: false,
        out: out.to_path_buf(),
        force: false,
        include_embargoed: false,
        base_url: None,
    };
    export::conflicts(&lib.lock().unwrap(), &req).unwrap()
}

#[test]
fn a_listing_newsroom_did_not_write_is_kept_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = library(dir.path());
    let out = dir.path().join("website");
    std::fs::create_dir_all(&out).unwrap();
    let theirs_html = "<!DOCTYPE html><title>Unsere Startseite</title><p>Handgemacht.</p>\n";
    let theirs_feed = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}\n";
    std::fs::write(out.join("index.html"), theirs_html).unwrap();
    std::fs::write(out.join("feed.json"), theirs_feed).unwrap();

    // The app asks first: both files are named.
    assert_eq!(conflicts(&lib, &out), ["index.html", "feed.json"]);

    // Without force: the bundle is written, the listing is not, and the report says so.
    let report = export(&lib, &out, false);
    assert_eq!(report.exported.len(), 1);
    assert!(report.listing.is_empty(), "{report:?}");
    assert_eq!(report.listing_kept, ["index.html", "feed.json"]);
    assert!(!report.complete());
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        theirs_html
    );
    assert_eq!(
        std::fs::read_to_string(out.join("feed.json")).unwrap(),
        theirs_feed
    );

    // Told to replace them: ours now, with our mark, and the next export needs no asking.
    let report = export(&lib, &out, true);
    assert_eq!(report.listing, ["feed.json", "index.html"]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("<meta name=\"generator\" content=\"Newsroom\">"),
        "{index}"
    );
    let feed: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("feed.json")).unwrap()).unwrap();
    assert_eq!(feed["_newsroom"]["generator"], "Newsroom");
    assert_eq!(
        conflicts(&lib, &out),
        [NAME],
        "only the article's own bundle"
    );
}

#[test]
fn a_folder_that_only_has_the_bundles_name_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, id) = library(dir.path());
    let out = dir.path().join("website");
    // Someone's own folder with the bundle's name, and one with the first fallback name too.
    for name in [NAME.to_string(), format!("{NAME}-{id}")] {
        std::fs::create_dir_all(out.join(&name)).unwrap();
        std::fs::write(out.join(&name).join("notizen.txt"), "meins").unwrap();
    }

    // Not the article's: nothing to ask about, even with force it stays untouched.
    assert!(conflicts(&lib, &out).is_empty());
    let report = export(&lib, &out, true);
    let bundle = bundle_dir(&report, id);
    assert_eq!(
        bundle.file_name().unwrap().to_str().unwrap(),
        format!("{NAME}-{id}-2")
    );
    assert!(!report.exported[0].replaced);
    for name in [NAME.to_string(), format!("{NAME}-{id}")] {
        let entries: Vec<_> = std::fs::read_dir(out.join(&name))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(entries, ["notizen.txt"], "{name}");
    }

    // The article's own bundle is found again and replaced (asked about first).
    assert_eq!(conflicts(&lib, &out), [format!("{NAME}-{id}-2")]);
    let again = export(&lib, &out, true);
    assert_eq!(bundle_dir(&again, id), bundle);
    assert!(again.exported[0].replaced);
}

#[cfg(unix)]
#[test]
fn the_listing_is_never_written_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = library(dir.path());
    let out = dir.path().join("website");
    std::fs::create_dir_all(&out).unwrap();
    let victim = dir.path().join("wichtig.txt");
    std::fs::write(&victim, "nicht überschreiben").unwrap();
    // A link where the listing's temp files go.
    for name in [".newsroom-tmp-index.html", ".newsroom-tmp-feed.json"] {
        std::os::unix::fs::symlink(&victim, out.join(name)).unwrap();
    }

    let report = export(&lib, &out, false);
    assert_eq!(report.listing, ["feed.json", "index.html"]);
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "nicht überschreiben"
    );
    for name in ["index.html", "feed.json"] {
        let meta = std::fs::symlink_metadata(out.join(name)).unwrap();
        assert!(meta.is_file(), "{name} is a plain file");
    }
}
