//! The export folder as a whole: pictures never shown wider than the original had pixels, and
//! the listing and feed that cover every bundle of the library in the folder across exports.

mod common;
#[path = "support/nu.rs"]
mod nu;

use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use common::{bundle_dir, full_input};
use newsroom_core::export::{self, ExportFormat, ExportReport, ExportRequest};
use newsroom_core::photos::PhotoUpdate;
use newsroom_core::{ArticleInput, ArticleState, LeadPhoto, Library, OpenOptions};
use serde_json::Value;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-05T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn open(dir: &Path) -> Library {
    common::open_at(
        dir.join("lib"),
        OpenOptions {
            seed_samples: false,
        },
    )
}

/// A real photo `w` pixels wide (a soft gradient, 3:2), imported and credited.
fn photo(lib: &mut Library, dir: &Path, w: u32) -> i64 {
    let h = w * 2 / 3;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x + y) * 127 / (w + h)) as u8 + 64,
        ])
    });
    let path = dir.join(format!("original-{w}.png"));
    img.save(&path).unwrap();
    let p = lib.import_photo(&path).unwrap().photo;
    lib.update_photo(
        p.id,
        &PhotoUpdate {
            credit: Some("Bild: Stadt Dortmund / Anna Beispiel".into()),
            alt_text: Some("Ein Farbverlauf".into()),
            caption: Some("Ein Verlauf".into()),
            ..Default::default()
        },
    )
    .unwrap();
    p.id
}

fn ready(lib: &mut Library, input: &ArticleInput) -> i64 {
    let id = lib.create_article(input).unwrap().id;
    lib.set_state(id, ArticleState::Ready).unwrap();
    id
}

fn run(lib: &Mutex<Library>, ids: Option<Vec<i64>>, out: &Path, force: bool) -> ExportReport {
    let req = ExportRequest {
        ids,
        format: ExportFormat::Both,
        fragment: false,
        out: out.to_path_buf(),
        force,
        include_embargoed: false,
        base_url: None,
    };
    export::export_at(lib, &req, now(), |_| {}).unwrap()
}

fn attr(html: &str, sel: &str, name: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    doc.select(&scraper::Selector::parse(sel).unwrap())
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

#[test]
fn a_photo_narrower_than_the_largest_width_ships_at_its_own_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(dir.path());
    let lead = photo(&mut lib, dir.path(), 1000);
    let small = photo(&mut lib, dir.path(), 500);
    let mut a = full_input();
    a.lead_photo = Some(LeadPhoto {
        photo_id: lead,
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    a.body = format!("Einleitung.\n\n![](photo:{small} \"Klein\")\n\nEnde.");
    let id = ready(&mut lib, &a);
    let lib = Mutex::new(lib);
    let out = tempfile::tempdir().unwrap();
    let report = run(&lib, None, out.path(), false);
    let bundle = bundle_dir(&report, id);

    // The lead: a rendition at the original's 1,000 px, the widest in both srcsets and the
    // <img>, never the 640 one stretched.
    for f in [
        format!("images/photo-{lead}-1000.jpg"),
        format!("images/photo-{lead}-1000.webp"),
    ] {
        assert!(bundle.join(&f).is_file(), "{f} missing");
    }
    let page = std::fs::read_to_string(bundle.join("index.html")).unwrap();
    let srcsets = attr(&page, "figure.lead source, figure.lead img", "srcset");
    assert_eq!(srcsets.len(), 2, "{page}");
    for s in &srcsets {
        assert!(
            s.ends_with("-1000.webp 1000w") || s.ends_with("-1000.jpg 1000w"),
            "{s}"
        );
    }
    assert_eq!(attr(&page, "figure.lead img", "width"), ["1000"]);
    assert_eq!(
        attr(&page, "figure.lead img", "src"),
        [format!("images/photo-{lead}-1000.jpg")]
    );

    // The body figure from a 500 px original: one width (its own), never shown wider.
    let body_img = format!("img[src=\"images/photo-{small}-500.jpg\"]");
    assert_eq!(attr(&page, &body_img, "width"), ["500"]);
    assert_eq!(attr(&page, &body_img, "style"), ["max-width:500px"]);
    assert!(attr(&page, &body_img, "sizes")[0].starts_with("(min-width: 500px) 500px, "));
    assert!(attr(&page, "figure.lead img", "style").is_empty());

    // ninjs: the lead's renditions include the 1,000 px ones.
    let ninjs: Value =
        serde_json::from_slice(&std::fs::read(bundle.join("article.json")).unwrap()).unwrap();
    let renditions = ninjs["associations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "lead")
        .unwrap_or_else(|| panic!("{ninjs:#}"))["renditions"]
        .as_array()
        .unwrap();
    let widths: Vec<u64> = renditions
        .iter()
        .map(|r| r["width"].as_u64().unwrap())
        .collect();
    assert!(widths.contains(&1000), "{renditions:#?}");
    assert_eq!(widths.iter().max(), Some(&1000));
    nu::check(&[bundle.join("index.html")]);
}

#[test]
fn the_listing_and_feed_cover_every_bundle_of_the_library_in_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(dir.path());
    let pic = photo(&mut lib, dir.path(), 700);
    let mut a = full_input();
    a.headline = "Älterer Artikel A".into();
    a.published_at = Some("2025-11-10T09:00:00Z".into());
    a.lead_photo = Some(LeadPhoto {
        photo_id: pic,
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    let a = ready(&mut lib, &a);
    let mut b = full_input();
    b.headline = "Neuerer Artikel B".into();
    b.published_at = Some("2025-11-14T08:00:00Z".into());
    let b = ready(&mut lib, &b);
    let lib = Mutex::new(lib);
    let out = tempfile::tempdir().unwrap();

    let titles = || {
        let feed: Value =
            serde_json::from_slice(&std::fs::read(out.path().join("feed.json")).unwrap()).unwrap();
        let feed_titles: Vec<String> = feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_string())
            .collect();
        let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let links: Vec<String> = doc
            .select(&scraper::Selector::parse("h2 a").unwrap())
            .map(|a| a.text().collect())
            .collect();
        assert_eq!(links, feed_titles);
        feed_titles
    };

    let first = run(&lib, Some(vec![a]), out.path(), false);
    assert_eq!(titles(), ["Älterer Artikel A"]);
    let second = run(&lib, Some(vec![b]), out.path(), false);
    assert_eq!(titles(), ["Neuerer Artikel B", "Älterer Artikel A"]);
    // Every link and picture of the merged listing is there.
    let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    for u in attr(&html, "h2 a", "href")
        .into_iter()
        .chain(attr(&html, "img", "src"))
    {
        assert!(out.path().join(&u).exists(), "{u}");
    }
    nu::check(&[out.path().join("index.html")]);

    // Exporting A again replaces its record, never doubles it.
    run(&lib, Some(vec![a]), out.path(), true);
    assert_eq!(titles(), ["Neuerer Artikel B", "Älterer Artikel A"]);

    // Another library exporting into the folder: its bundle is kept in the manifest but not
    // listed as ours, and ours stay in the manifest for our next export.
    let other_dir = tempfile::tempdir().unwrap();
    let mut other = open(other_dir.path());
    let mut c = full_input();
    c.headline = "Artikel einer anderen Bibliothek".into();
    let c = ready(&mut other, &c);
    let other = Mutex::new(other);
    let third = run(&other, Some(vec![c]), out.path(), false);
    assert_eq!(titles(), ["Artikel einer anderen Bibliothek"]);

    // A bundle whose folder was deleted drops out at the next export.
    std::fs::remove_dir_all(bundle_dir(&first, a)).unwrap();
    run(&lib, Some(vec![b]), out.path(), true);
    assert_eq!(titles(), ["Neuerer Artikel B"]);
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.path().join(".newsroom-listing.json")).unwrap())
            .unwrap();
    let folders: Vec<&str> = manifest["bundles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["folder"].as_str().unwrap())
        .collect();
    let name = |r: &ExportReport, id| {
        bundle_dir(r, id)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string()
    };
    let mut expected = vec![name(&second, b), name(&third, c)];
    expected.sort();
    assert_eq!(folders, expected);
}
