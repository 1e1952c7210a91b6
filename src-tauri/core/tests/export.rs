//! The export on real libraries with real photos: what a bundle holds, the standards (W3C Nu
//! HTML checker, IPTC ninjs 3.1 schema and IPTC's own suite), hostile text, determinism,
//! replacing bundles, failures that leave nothing half-written.

mod common;
#[path = "support/ninjs.rs"]
mod ninjs;
#[path = "support/nu.rs"]
mod nu;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use common::{bundle_dir, full_input};
use newsroom_core::export::{self, ExportFormat, ExportReport, ExportRequest};
use newsroom_core::photos::PhotoUpdate;
use newsroom_core::{ArticleInput, ArticleState, LeadPhoto, Library, OpenOptions, RelatedLink};
use ninjs::errors;
use serde_json::Value;

/// The repository's test fixtures (`tests/fixtures/`).
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
fn fixture(rel: &str) -> PathBuf {
    Path::new(FIXTURES).join("images").join(rel)
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-05T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

struct Fixture {
    _dir: tempfile::TempDir,
    lib: Mutex<Library>,
    /// Lead photo from the IPTC reference image and a body figure from a GPS-tagged photo.
    with_photos: i64,
    /// No photos.
    plain: i64,
    /// Its lead photo has no credit: held back.
    uncredited: i64,
    /// Complete, but a draft.
    draft: i64,
    uncredited_photo: i64,
}

fn library() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = common::open_at(
        dir.path().join("lib"),
        OpenOptions {
            seed_samples: false,
        },
    );
    let mut settings = lib.credit_settings().unwrap();
    settings.organisation = "Stadt Dortmund".into();
    lib.set_credit_settings(&settings).unwrap();

    let iptc = lib
        .import_photo(&fixture("iptc/IPTC-PhotometadataRef-Std2021.1.jpg"))
        .unwrap()
        .photo;
    let gps = lib
        .import_photo(&fixture("gps/DSCN0010.jpg"))
        .unwrap()
        .photo;
    assert!(gps.has_gps, "fixture changed");
    lib.update_photo(
        gps.id,
        &PhotoUpdate {
            credit: Some("Bild: Stadt Dortmund / Anna Beispiel".into()),
            creator: Some("Anna Beispiel".into()),
            alt_text: Some("Eine Straße mit parkenden Autos".into()),
            caption: Some("Die Straße vor dem Umbau".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let bare = lib
        .import_photo(&fixture("orientation/landscape_3.jpg"))
        .unwrap()
        .photo;
    assert_eq!(bare.credit, "", "fixture changed");

    let mut a = full_input();
    a.lead_photo = Some(LeadPhoto {
        photo_id: iptc.id,
        caption: None,
        alt_text: Some("Ein Testbild der IPTC".into()),
        crop: None,
        crops: Default::default(),
    });
    a.body = format!(
        "Einleitung.\n\n## Umbau\n\nText mit [Link](https://example.org/umbau).\n\n![](photo:{} \"Vorher\")\n\nNachher.",
        gps.id
    );
    let with_photos = ready(&mut lib, &a);

    let mut b = full_input();
    b.headline = "Stadtbibliothek öffnet samstags länger".into();
    b.published_at = Some("2025-11-14T08:00:00Z".into());
    let plain = ready(&mut lib, &b);

    let mut c = full_input();
    c.headline = "Ein Artikel mit Bild ohne Credit".into();
    c.lead_photo = Some(LeadPhoto {
        photo_id: bare.id,
        caption: None,
        alt_text: Some("Landschaft".into()),
        crop: None,
        crops: Default::default(),
    });
    let uncredited = ready(&mut lib, &c);

    let mut d = full_input();
    d.headline = "Noch ein Entwurf".into();
    let draft = lib.create_article(&d).unwrap().id;

    Fixture {
        _dir: dir,
        lib: Mutex::new(lib),
        with_photos,
        plain,
        uncredited,
        draft,
        uncredited_photo: bare.id,
    }
}

fn ready(lib: &mut Library, input: &ArticleInput) -> i64 {
    let id = lib.create_article(input).unwrap().id;
    lib.set_state(id, ArticleState::Ready).unwrap();
    id
}

fn request(ids: Option<Vec<i64>>, format: ExportFormat, out: &Path) -> ExportRequest {
    ExportRequest {
        ids,
        format,
        fragment: false,
        out: out.to_path_buf(),
        force: false,
        include_embargoed: false,
        base_url: None,
    }
}

fn run(f: &Fixture, req: &ExportRequest) -> ExportReport {
    export::export_at(&f.lib, req, now(), |_| {}).unwrap()
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(base).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// Every URL in `src`, `srcset` and `href` attributes of the page.
fn referenced(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut out = vec![];
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for (name, value) in el.value().attrs() {
            match name {
                "src" | "href" => out.push(value.to_string()),
                "srcset" => out.extend(
                    value
                        .split(',')
                        .map(|c| c.split_whitespace().next().unwrap_or("").to_string()),
                ),
                _ => {}
            }
        }
    }
    out
}

#[test]
fn ready_articles_become_bundles_and_the_rest_is_held_back() {
    let f = library();
    let out = tempfile::tempdir().unwrap();
    let report = run(&f, &request(None, ExportFormat::Both, out.path()));

    let exported: BTreeSet<i64> = report.exported.iter().map(|b| b.article_id).collect();
    assert_eq!(
        exported,
        BTreeSet::from([f.with_photos, f.plain]),
        "{report:#?}"
    );
    assert_eq!(report.held_back.len(), 1);
    let held = &report.held_back[0];
    assert_eq!(held.article_id, f.uncredited);
    let codes: Vec<(&str, &str, Option<i64>)> = held
        .checks
        .iter()
        .map(|c| (c.code.as_str(), c.field.as_str(), c.photo_id))
        .collect();
    assert_eq!(
        codes,
        vec![("photo_no_credit", "lead_photo", Some(f.uncredited_photo))]
    );
    assert!(report.failed.is_empty() && report.skipped_existing.is_empty());
    assert!(!report.complete());
    assert_eq!(report.listing, vec!["feed.json", "index.html"]);

    // The bundle holds the two documents and exactly the renditions they reference.
    let dir = bundle_dir(&report, f.with_photos);
    assert_eq!(
        dir.file_name().unwrap(),
        "2025-11-12-grosses-strassenfest-in-hoerde"
    );
    let files = tree(&dir);
    let names: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    assert!(names.contains("index.html") && names.contains("article.json"));
    let html = String::from_utf8(files["index.html"].clone()).unwrap();
    let ninjs: Value = serde_json::from_slice(&files["article.json"]).unwrap();
    let mut wanted: BTreeSet<String> = referenced(&html)
        .into_iter()
        .filter(|u| u.starts_with("images/"))
        .collect();
    for assoc in ninjs["associations"].as_array().unwrap() {
        for r in assoc["renditions"].as_array().into_iter().flatten() {
            wanted.insert(r["href"].as_str().unwrap().to_string());
            let bytes = &files[r["href"].as_str().unwrap()];
            assert_eq!(r["sizeInBytes"].as_u64().unwrap(), bytes.len() as u64);
        }
    }
    let images: BTreeSet<String> = names
        .iter()
        .filter(|n| n.starts_with("images/"))
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        images, wanted,
        "images/ holds exactly what the documents reference"
    );
    assert_eq!(names.len(), images.len() + 2, "nothing else: {names:?}");
    assert!(
        images.iter().any(|n| n.ends_with(".webp")) && images.iter().any(|n| n.ends_with(".jpg"))
    );

    // No original and no GPS left the building; the credit did.
    for (name, bytes) in files.iter().filter(|(n, _)| n.starts_with("images/")) {
        let meta = newsroom_core::imaging::meta::read(bytes);
        assert!(!meta.has_gps, "{name} carries GPS");
        assert!(
            meta.credit.as_deref().is_some_and(|c| !c.is_empty()),
            "{name} has no credit"
        );
    }
    let originals: Vec<Vec<u8>> = [
        "iptc/IPTC-PhotometadataRef-Std2021.1.jpg",
        "gps/DSCN0010.jpg",
    ]
    .iter()
    .map(|p| std::fs::read(fixture(p)).unwrap())
    .collect();
    assert!(files.values().all(|b| !originals.contains(b)));

    // The page: figure with picture, srcset, sizes, credit in the figcaption, time element.
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let lead = doc
        .select(&sel("article > figure.lead"))
        .next()
        .expect("lead figure");
    let img = lead.select(&sel("picture > img")).next().unwrap();
    for attr in ["src", "srcset", "sizes", "width", "height", "alt"] {
        assert!(
            img.value().attr(attr).is_some_and(|v| !v.is_empty()),
            "img without {attr}"
        );
    }
    assert_eq!(img.value().attr("alt"), Some("Ein Testbild der IPTC"));
    assert!(lead
        .select(&sel("picture > source[type='image/webp'][srcset]"))
        .next()
        .is_some());
    let credit: String = lead
        .select(&sel("figcaption .credit"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(credit, "Credit Line (ref2021.1)");
    let body_fig = doc
        .select(&sel("div.body figure"))
        .next()
        .expect("body figure");
    let caption: String = body_fig
        .select(&sel("figcaption"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(caption, "Vorher Bild: Stadt Dortmund / Anna Beispiel");
    assert_eq!(
        body_fig
            .select(&sel("img"))
            .next()
            .unwrap()
            .value()
            .attr("loading"),
        Some("lazy")
    );
    let time = doc.select(&sel("article header time")).next().unwrap();
    assert_eq!(time.value().attr("datetime"), Some("2025-11-12T09:30:00Z"));
    assert_eq!(time.text().collect::<String>(), "Mi 12. November 2025");
    let aside: Vec<String> = doc
        .select(&sel("aside.related a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        aside,
        [
            "https://example.org/programm",
            "https://example.org/anfahrt"
        ]
    );
    let tags: Vec<String> = doc
        .select(&sel("footer .tags li"))
        .map(|d| d.text().collect())
        .collect();
    assert_eq!(tags, ["Freizeit", "Familie", "Hörde"]);
    let mail = doc.select(&sel("footer address a")).next().unwrap();
    assert_eq!(mail.value().attr("href"), Some("mailto:presse@example.org"));

    // JSON-LD: a NewsArticle with ImageObjects.
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "Großes Straßenfest in Hörde");
    assert_eq!(ld["datePublished"], "2025-11-12T09:30:00Z");
    assert_eq!(ld["articleSection"], "Stadtleben");
    assert_eq!(ld["keywords"], serde_json::json!(["Freizeit", "Familie"]));
    assert_eq!(ld["contentLocation"][0]["name"], "Hörde");
    assert_eq!(ld["author"]["name"], "Pressestelle");
    // The lead in the crops search engines ask for (16:9, 4:3, 1:1), then the body figure.
    let imgs = ld["image"].as_array().unwrap();
    assert_eq!(imgs.len(), 4);
    for (i, (crop, w, h)) in [("wide", 16, 9), ("classic", 4, 3), ("square", 1, 1)]
        .into_iter()
        .enumerate()
    {
        let url = imgs[i]["contentUrl"].as_str().unwrap();
        assert!(url.contains(&format!("-{crop}-")), "{url}");
        let (iw, ih) = (
            imgs[i]["width"].as_u64().unwrap(),
            imgs[i]["height"].as_u64().unwrap(),
        );
        assert_eq!(
            ih,
            (iw * h * 2 + w) / (2 * w),
            "{url}: {iw}x{ih} is not {w}:{h}"
        );
    }
    assert_eq!(
        imgs[3]["creditText"],
        "Bild: Stadt Dortmund / Anna Beispiel"
    );
    assert_eq!(imgs[3]["creator"]["name"], "Anna Beispiel");
    for i in imgs {
        for k in [
            "contentUrl",
            "width",
            "height",
            "caption",
            "creditText",
            "copyrightNotice",
        ] {
            assert!(!i[k].is_null(), "ImageObject without {k}: {i}");
        }
        assert!(files.contains_key(i["contentUrl"].as_str().unwrap()));
    }

    // ninjs: the fields the web desk relies on.
    assert_eq!(ninjs["type"], "text");
    assert_eq!(ninjs["language"], "de");
    assert_eq!(ninjs["pubStatus"], "usable");
    assert_eq!(ninjs["embargoedUntil"], "2025-11-12T08:00:00Z");
    assert_eq!(
        ninjs["headlines"][0],
        serde_json::json!({"role": "main", "contentType": "text/plain", "value": "Großes Straßenfest in Hörde"})
    );
    assert_eq!(ninjs["headlines"][1]["role"], "kicker");
    assert_eq!(
        ninjs["descriptions"][0]["value"],
        "Zwei Tage Musik, Flohmarkt und Spiele am Hafen."
    );
    let body = &ninjs["bodies"][0];
    assert_eq!(body["contentType"], "text/html");
    assert_eq!(
        body["wordCount"], 6,
        "Einleitung. Umbau Text mit Link. Nachher."
    );
    assert_eq!(
        body["charCount"],
        "Einleitung. Umbau Text mit Link. Nachher.".chars().count()
    );
    assert_eq!(ninjs["subjects"][1]["name"], "Familie");
    assert_eq!(ninjs["places"][0]["name"], "Hörde");
    assert_eq!(ninjs["by"], "Pressestelle");
    let assoc = ninjs["associations"].as_array().unwrap();
    let names: Vec<&str> = assoc.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["lead", "figure-1", "related-1", "related-2"]);
    let fig = &assoc[1];
    assert_eq!(fig["type"], "picture");
    let roles: Vec<(&str, &str)> = fig["descriptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["role"].as_str().unwrap(), d["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        [
            ("caption", "Vorher"),
            ("alt", "Eine Straße mit parkenden Autos"),
            ("creditline", "Bild: Stadt Dortmund / Anna Beispiel")
        ]
    );
    assert_eq!(fig["by"], "Anna Beispiel");
    assert_eq!(assoc[2]["uri"], "https://example.org/programm");

    // The state moved, with the time and the folder; held-back and draft did not.
    let lib = f.lib.lock().unwrap();
    let a = lib.get_article(f.with_photos).unwrap();
    assert_eq!(a.state, ArticleState::Exported);
    assert_eq!(a.exported_at.as_deref(), Some("2026-01-05T10:00:00Z"));
    assert_eq!(a.exported_to.as_deref(), Some(dir.to_str().unwrap()));
    assert_eq!(
        lib.get_article(f.uncredited).unwrap().state,
        ArticleState::Ready
    );
    assert_eq!(lib.get_article(f.uncredited).unwrap().exported_at, None);
    assert_eq!(lib.get_article(f.draft).unwrap().state, ArticleState::Draft);
}

fn json_ld(html: &str) -> Value {
    let doc = scraper::Html::parse_document(html);
    let s = scraper::Selector::parse("script[type='application/ld+json']").unwrap();
    let text: String = doc.select(&s).next().expect("JSON-LD").text().collect();
    serde_json::from_str(&text).expect("JSON-LD parses")
}

#[test]
fn a_draft_given_by_id_is_held_back_as_not_ready() {
    let f = library();
    let out = tempfile::tempdir().unwrap();
    let report = run(
        &f,
        &request(Some(vec![f.draft, f.plain]), ExportFormat::Html, out.path()),
    );
    assert_eq!(report.exported.len(), 1);
    assert_eq!(report.held_back[0].checks[0].code, "not_ready");
    assert_eq!(report.exported[0].files, ["index.html"]);
}

#[test]
fn pages_fragments_and_listings_pass_the_nu_html_checker() {
    let f = library();
    let out = tempfile::tempdir().unwrap();
    let report = run(&f, &request(None, ExportFormat::Html, out.path()));
    assert_eq!(report.exported.len(), 2);
    let mut pages: Vec<PathBuf> = report
        .exported
        .iter()
        .map(|b| b.folder.join("index.html"))
        .collect();
    pages.push(out.path().join("index.html"));

    // Fragments: the <article> alone; checked inside a minimal document.
    let frag_out = tempfile::tempdir().unwrap();
    let mut req = request(
        Some(vec![f.with_photos]),
        ExportFormat::Html,
        frag_out.path(),
    );
    req.fragment = true;
    let report = run(&f, &req);
    let fragment =
        std::fs::read_to_string(report.exported[0].folder.join("fragment.html")).unwrap();
    assert!(fragment.starts_with("<article") && fragment.trim_end().ends_with("</article>"));
    assert!(!fragment.contains("<script") && !fragment.contains("<style"));
    assert_eq!(
        report.exported[0]
            .files
            .iter()
            .filter(|f| !f.starts_with("images/"))
            .collect::<Vec<_>>(),
        ["fragment.html"]
    );
    let wrapped = frag_out.path().join("wrapped.html");
    std::fs::write(&wrapped, format!("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>CMS</title></head><body><main>{fragment}</main></body></html>\n")).unwrap();
    pages.push(wrapped);
    // The listing of a fragment batch links the fragments.
    let listing = std::fs::read_to_string(frag_out.path().join("index.html")).unwrap();
    assert!(listing.contains("/fragment.html\""));
    pages.push(frag_out.path().join("index.html"));

    pages.push(hostile_export().1);
    nu::check(&pages);
}

fn with_ninjs_validator<T>(formats: bool, f: impl FnOnce(&jsonschema::Validator) -> T) -> T {
    ninjs::with_validator(&Path::new(FIXTURES).join("ninjs"), formats, f)
}

#[test]
fn the_ninjs_validator_agrees_with_iptcs_own_suite() {
    let suite = Path::new(FIXTURES).join("ninjs/test_suite");
    let mut counted = (0, 0);
    with_ninjs_validator(false, |v| {
        for version in ["3.0", "3.1"] {
            for (kind, must_pass) in [("should_pass", true), ("should_fail", false)] {
                for e in std::fs::read_dir(suite.join(version).join(kind))
                    .unwrap()
                    .flatten()
                {
                    let doc: Value =
                        serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
                    assert_eq!(
                        v.is_valid(&doc),
                        must_pass,
                        "{}: {:?}",
                        e.path().display(),
                        errors(v, &doc)
                    );
                    if must_pass {
                        counted.0 += 1
                    } else {
                        counted.1 += 1
                    }
                }
            }
        }
        for e in std::fs::read_dir(Path::new(FIXTURES).join("ninjs/examples"))
            .unwrap()
            .flatten()
        {
            let doc: Value = serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
            assert!(
                v.is_valid(&doc),
                "{}: {:?}",
                e.path().display(),
                errors(v, &doc)
            );
        }
    });
    assert!(
        counted.0 >= 20 && counted.1 >= 9,
        "suite not found whole: {counted:?}"
    );
}

#[test]
fn every_article_json_is_valid_ninjs_3_1() {
    let f = library();
    let out = tempfile::tempdir().unwrap();
    let report = run(&f, &request(None, ExportFormat::Ninjs, out.path()));
    let (hostile_dir, _) = hostile_export();
    let mut docs: Vec<PathBuf> = report
        .exported
        .iter()
        .map(|b| b.folder.join("article.json"))
        .collect();
    docs.push(hostile_dir.join("article.json"));
    assert_eq!(docs.len(), 3);
    with_ninjs_validator(false, |v| {
        for d in &docs {
            let doc: Value = serde_json::from_slice(&std::fs::read(d).unwrap()).unwrap();
            assert_eq!(errors(v, &doc), vec![], "{}", d.display());
        }
    });
    // With format assertions on too, the only complaints are the renditions' hrefs, which
    // the issue asks to be relative to the bundle (JSON Schema's "uri" format wants a scheme).
    with_ninjs_validator(true, |v| {
        for d in &docs {
            let doc: Value = serde_json::from_slice(&std::fs::read(d).unwrap()).unwrap();
            for (path, msg) in errors(v, &doc) {
                assert!(
                    path.contains("/renditions/") && path.ends_with("/href"),
                    "{path}: {msg}"
                );
                let href = doc.pointer(&path).unwrap().as_str().unwrap();
                assert!(href.starts_with("images/"), "{href}");
            }
        }
    });
}

/// Text that tries to break out: markup, attribute breakouts, script URLs, a `</script>` for
/// the JSON-LD, Unicode direction marks.
const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)> javascript:alert(3) </script><!-- \u{202E}gnp.exe\u{202C} &amp; 'q'";

/// A library whose every text field is hostile, exported; returns the bundle and the page.
fn hostile_export() -> (PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap().keep();
    let mut lib = common::open_at(
        dir.join("lib"),
        OpenOptions {
            seed_samples: false,
        },
    );
    let mut s = lib.credit_settings().unwrap();
    s.organisation = format!("Org {HOSTILE}");
    lib.set_credit_settings(&s).unwrap();
    let photo = lib
        .import_photo(&fixture("gps/DSCN0010.jpg"))
        .unwrap()
        .photo;
    lib.update_photo(
        photo.id,
        &PhotoUpdate {
            credit: Some(format!("Bild: {HOSTILE}")),
            creator: Some(format!("Creator {HOSTILE}")),
            caption: Some(format!("Caption {HOSTILE}")),
            alt_text: Some(format!("Alt {HOSTILE}")),
            copyright: Some(format!("© {HOSTILE}")),
            ..Default::default()
        },
    )
    .unwrap();
    let input = ArticleInput {
        kicker: format!("Kicker {HOSTILE}"),
        headline: format!("Headline {HOSTILE}"),
        teaser: format!("Teaser {HOSTILE}"),
        body: format!(
            "Body {HOSTILE}\n\n<script>alert(4)</script>\n\n<img src=x onerror=alert(5)>\n\n[click](javascript:alert(6)) <a href=\"javascript:alert(7)\" onclick=\"x()\">a</a>\n\n![{HOSTILE}](photo:{} \"{}\")\n\n<iframe src=\"https://evil.example\"></iframe><svg onload=alert(8)></svg>",
            photo.id,
            "Fig \\\"caption\\\" </script>"
        ),
        related_links: vec![RelatedLink {
            label: format!("Link {HOSTILE}"),
            url: "https://example.org/?q=\"><script>alert(9)</script>".into(),
        }],
        topics: vec![format!("Topic {HOSTILE}")],
        places: vec![format!("Place {HOSTILE}")],
        published_at: Some("2025-11-12T09:30:00Z".into()),
        embargo_until: None,
        author: format!("Author {HOSTILE}"),
        contact: format!("Contact {HOSTILE}\nline 2"),
        lead_photo: Some(LeadPhoto { photo_id: photo.id, caption: None, alt_text: None, crop: None, crops: Default::default() }),
    };
    let id = lib.create_article(&input).unwrap().id;
    lib.set_state(id, ArticleState::Ready).unwrap();
    // A javascript: link in the body holds the article back ...
    let pre = lib.preflight(id).unwrap();
    let blocking: Vec<&str> = pre
        .checks
        .iter()
        .filter(|c| c.level == newsroom_core::preflight::Level::Error)
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(blocking, ["bad_link"], "{pre:#?}");
    // ... the rest (raw HTML with javascript: and handlers included) is made harmless.
    let mut fixed = input.clone();
    fixed.body = fixed
        .body
        .replace("(javascript:alert(6))", "(https://example.org/ok)");
    lib.save_article(id, &fixed).unwrap();
    let pre = lib.preflight(id).unwrap();
    assert!(pre.ok, "{pre:#?}");
    let lib = Mutex::new(lib);
    let out = dir.join("out");
    let report = export::export(
        &lib,
        &request(Some(vec![id]), ExportFormat::Both, &out),
        |_| {},
    )
    .unwrap();
    let bundle = report.exported[0].folder.clone();
    (bundle.clone(), bundle.join("index.html"))
}

#[test]
fn hostile_text_stays_text() {
    let (bundle, page) = hostile_export();
    let out = bundle.parent().unwrap();
    for file in [page.clone(), out.join("index.html")] {
        let html = std::fs::read_to_string(&file).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let scripts: Vec<_> = doc
            .select(&scraper::Selector::parse("script").unwrap())
            .collect();
        let is_page = file == page;
        assert_eq!(
            scripts.len(),
            usize::from(is_page),
            "{}: only the JSON-LD block",
            file.display()
        );
        for s in &scripts {
            assert_eq!(s.value().attr("type"), Some("application/ld+json"));
        }
        for tag in ["iframe", "svg", "object", "embed", "style"] {
            let n = doc.select(&scraper::Selector::parse(tag).unwrap()).count();
            assert_eq!(
                n,
                usize::from(tag == "style"),
                "{tag} in {}",
                file.display()
            );
        }
        for el in doc
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            for (name, value) in el.value().attrs() {
                assert!(
                    !name.to_ascii_lowercase().starts_with("on"),
                    "event handler {name}={value:?}"
                );
                if [
                    "href",
                    "src",
                    "srcset",
                    "action",
                    "formaction",
                    "poster",
                    "data",
                    "xlink:href",
                ]
                .contains(&name)
                {
                    let v: String = value
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    assert!(
                        !v.contains("javascript:"),
                        "a javascript: URL: {name}={value:?}"
                    );
                }
            }
        }
        // The images are still the bundle's only.
        for u in referenced(&html) {
            assert!(
                u.starts_with("images/")
                    || u.contains("/images/")
                    || u.starts_with("https://example.org/")
                    || u == "feed.json"
                    || u == "index.html"
                    || u.ends_with("/index.html"),
                "{u}"
            );
        }
        if is_page {
            // The text arrives verbatim, as text.
            let sel = |s: &str| scraper::Selector::parse(s).unwrap();
            let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
            assert_eq!(h1, format!("Headline {HOSTILE}"));
            let credit: String = doc
                .select(&sel("figure.lead .credit"))
                .next()
                .unwrap()
                .text()
                .collect();
            assert_eq!(credit, format!("Bild: {HOSTILE}"));
            let alt = doc
                .select(&sel("figure.lead img"))
                .next()
                .unwrap()
                .value()
                .attr("alt")
                .unwrap()
                .to_string();
            assert_eq!(alt, format!("Alt {HOSTILE}"));
            let link = doc.select(&sel("aside a")).next().unwrap();
            assert_eq!(link.text().collect::<String>(), format!("Link {HOSTILE}"));
            assert_eq!(
                link.value().attr("href"),
                Some("https://example.org/?q=%22%3E%3Cscript%3Ealert(9)%3C/script%3E")
            );
            let ld = json_ld(&html);
            assert_eq!(ld["headline"], format!("Headline {HOSTILE}"));
            assert_eq!(ld["description"], format!("Teaser {HOSTILE}"));
            assert_eq!(ld["image"][0]["creditText"], format!("Bild: {HOSTILE}"));
            // The lead's three crops, then the figure.
            assert_eq!(ld["image"][3]["caption"], "Fig \"caption\" </script>");
            assert_eq!(ld["publisher"]["name"], format!("Org {HOSTILE}"));
            assert!(
                !html.to_ascii_lowercase().contains("</script><"),
                "only the JSON-LD's own end tag"
            );
        }
    }
    let ninjs: Value =
        serde_json::from_slice(&std::fs::read(bundle.join("article.json")).unwrap()).unwrap();
    assert_eq!(
        ninjs["headlines"][0]["value"],
        format!("Headline {HOSTILE}")
    );
    let body = ninjs["bodies"][0]["value"].as_str().unwrap();
    let frag = scraper::Html::parse_fragment(body);
    for el in frag
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        assert!(
            !["script", "iframe", "svg"].contains(&el.value().name()),
            "{body}"
        );
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "{name}={value}");
            if ["href", "src", "srcset"].contains(&name) {
                assert!(
                    !value.to_ascii_lowercase().contains("javascript:"),
                    "{name}={value}"
                );
            }
        }
    }
    // The bundle name is a plain slug.
    let name = bundle.file_name().unwrap().to_str().unwrap();
    assert!(
        name.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "{name}"
    );
}

#[test]
fn the_same_library_exported_twice_gives_the_same_bytes() {
    let f = library();
    let ids = Some(vec![f.with_photos, f.plain]);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run(&f, &request(ids.clone(), ExportFormat::Both, a.path()));
    // The articles are Exportiert now; a second export, later, elsewhere, must not differ.
    let later = DateTime::parse_from_rfc3339("2026-02-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    export::export_at(
        &f.lib,
        &request(ids.clone(), ExportFormat::Both, b.path()),
        later,
        |_| {},
    )
    .unwrap();
    let (ta, tb) = (tree(a.path()), tree(b.path()));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs");
    }
    assert!(ta.len() > 10, "{:?}", ta.keys());
    // Into the same folder again, replacing: still the same bytes.
    let mut req = request(ids, ExportFormat::Both, a.path());
    req.force = true;
    let report = run(&f, &req);
    assert!(report.exported.iter().all(|b| b.replaced));
    assert_eq!(tree(a.path()), ta);
}

#[test]
fn existing_bundles_are_replaced_only_with_force() {
    let f = library();
    let out = tempfile::tempdir().unwrap();
    let ids = Some(vec![f.plain]);
    run(&f, &request(ids.clone(), ExportFormat::Html, out.path()));
    let lib_lock = f.lib.lock().unwrap();
    let conflicts = export::conflicts(
        &lib_lock,
        &request(ids.clone(), ExportFormat::Both, out.path()),
    )
    .unwrap();
    drop(lib_lock);
    assert_eq!(
        conflicts,
        ["2025-11-14-stadtbibliothek-oeffnet-samstags-laenger"]
    );
    let before = tree(out.path());

    let report = run(&f, &request(ids.clone(), ExportFormat::Both, out.path()));
    assert_eq!(report.skipped_existing.len(), 1);
    assert!(report.exported.is_empty() && !report.complete());
    assert_eq!(
        report.listing,
        Vec::<String>::new(),
        "nothing exported, listing untouched"
    );
    assert_eq!(tree(out.path()), before);

    let mut req = request(ids, ExportFormat::Both, out.path());
    req.force = true;
    let report = run(&f, &req);
    assert!(report.exported[0].replaced && report.complete());
    assert!(report.exported[0].folder.join("article.json").exists());
}

#[test]
fn an_unusable_output_folder_changes_nothing() {
    let f = library();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    for out in [file.clone(), file.join("below")] {
        let err = export::export_at(
            &f.lib,
            &request(None, ExportFormat::Both, &out),
            now(),
            |_| {},
        )
        .unwrap_err();
        assert!(
            ["invalid_input", "io"].contains(&err.code().as_str()),
            "{err}"
        );
    }
    let lib = f.lib.lock().unwrap();
    assert_eq!(lib.get_article(f.plain).unwrap().state, ArticleState::Ready);
    assert_eq!(tree(dir.path()).len(), 1);
}

#[test]
fn the_listing_and_feed_list_the_batch_newest_first() {
    let f = library();
    let out = tempfile::tempdir().unwrap();
    run(&f, &request(None, ExportFormat::Both, out.path()));
    let feed: Value =
        serde_json::from_slice(&std::fs::read(out.path().join("feed.json")).unwrap()).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    let items = feed["items"].as_array().unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Stadtbibliothek öffnet samstags länger",
            "Großes Straßenfest in Hörde"
        ]
    );
    for i in items {
        assert!(i["id"].as_str().unwrap().starts_with("urn:newsroom:"));
        assert!(
            i["content_text"].is_string() || i["content_html"].is_string(),
            "JSON Feed items need content"
        );
        assert!(out.path().join(i["url"].as_str().unwrap()).exists());
    }
    assert!(out
        .path()
        .join(items[1]["image"].as_str().unwrap())
        .exists());

    let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let links: Vec<String> = doc
        .select(&sel("h2 a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(links, titles);
    let credit: String = doc
        .select(&sel("figure .credit"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(credit, "Credit Line (ref2021.1)");
    for u in referenced(&html).iter().filter(|u| *u != "feed.json") {
        assert!(out.path().join(u).exists(), "{u}");
    }
}

/// (device, inode, links, writable) of every file under `dir`, by relative path.
#[cfg(unix)]
fn inodes(dir: &Path) -> BTreeMap<String, (u64, u64, u64, bool)> {
    use std::os::unix::fs::MetadataExt;
    tree(dir)
        .keys()
        .map(|k| {
            let m = std::fs::metadata(dir.join(k)).unwrap();
            (
                k.clone(),
                (m.dev(), m.ino(), m.nlink(), m.mode() & 0o222 != 0),
            )
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn renditions_are_shared_with_the_cache_on_one_filesystem_copied_elsewhere_and_never_stale() {
    use std::os::unix::fs::MetadataExt;
    let f = library();
    let cache: BTreeMap<(u64, u64), PathBuf> = {
        let lib = f.lib.lock().unwrap();
        let a = lib.get_article(f.with_photos).unwrap();
        let ids = [
            a.lead_photo.unwrap().photo_id,
            newsroom_core::photos::figure_refs(&a.body)[0].photo_id,
        ];
        // The lead leaves in its crops too.
        let lead = lib
            .crop_jobs(ids[0], &["original", "wide", "social", "classic", "square"])
            .unwrap();
        newsroom_core::photos::run_many(&lead)
            .unwrap()
            .into_iter()
            .flatten()
            .chain(lib.renditions(ids[1]).unwrap())
            .map(|r| {
                let m = std::fs::metadata(&r.path).unwrap();
                ((m.dev(), m.ino()), r.path)
            })
            .collect()
    };
    let ids = Some(vec![f.with_photos]);

    // Beside the library (the same filesystem): every rendition is the cache's own read-only
    // file, linked; the documents are the bundle's own.
    let here = tempfile::tempdir().unwrap();
    let report = run(&f, &request(ids.clone(), ExportFormat::Both, here.path()));
    let dir = bundle_dir(&report, f.with_photos);
    let linked = inodes(&dir);
    for (name, (dev, ino, links, writable)) in &linked {
        if name.starts_with("images/") {
            assert!(
                cache.contains_key(&(*dev, *ino)),
                "{name} is not the cache's file"
            );
            assert!(
                *links >= 2 && !writable,
                "{name}: {links} links, writable {writable}"
            );
        } else {
            assert!(
                *links == 1 && *writable,
                "{name} must be the bundle's own file"
            );
        }
    }
    assert_eq!(
        linked.keys().filter(|k| k.starts_with("images/")).count(),
        cache.len()
    );
    let good = tree(&dir);

    // On another filesystem (/dev/shm, a tmpfs on Debian and Ubuntu): copies, same bytes.
    let shm = Path::new("/dev/shm");
    assert_ne!(
        std::fs::metadata(shm).expect("/dev/shm exists").dev(),
        std::fs::metadata(here.path()).unwrap().dev(),
        "this test needs /dev/shm on another filesystem than the temp folder"
    );
    let there = tempfile::tempdir_in(shm).unwrap();
    let report = run(&f, &request(ids.clone(), ExportFormat::Both, there.path()));
    let copied = bundle_dir(&report, f.with_photos);
    for (name, (_, ino, links, writable)) in inodes(&copied) {
        assert!(
            links == 1 && writable && !cache.keys().any(|k| k.1 == ino),
            "{name} must be a copy"
        );
    }
    assert_eq!(tree(&copied), good);

    // A program that writes into an exported image in place (root ignores the read-only
    // mode; anyone else is stopped by it) changes the cache through the shared inode. The next
    // export notices and makes the renditions again: it never ships the changed file.
    let victim = dir.join(linked.keys().find(|k| k.starts_with("images/")).unwrap());
    if unsafe { libc::geteuid() } != 0 {
        let err = std::fs::OpenOptions::new()
            .append(true)
            .open(&victim)
            .unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
        let mut p = std::fs::metadata(&victim).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        p.set_readonly(false);
        std::fs::set_permissions(&victim, p).unwrap();
    }
    {
        use std::io::Write;
        std::fs::OpenOptions::new()
            .append(true)
            .open(&victim)
            .unwrap()
            .write_all(b"edited")
            .unwrap();
    }
    let mut req = request(ids, ExportFormat::Both, here.path());
    req.force = true;
    let report = run(&f, &req);
    assert!(report.complete(), "{report:#?}");
    assert_eq!(
        tree(&bundle_dir(&report, f.with_photos)),
        good,
        "the renditions were made again, identical"
    );
}

#[test]
fn a_bundle_name_held_by_another_article_is_never_taken_over() {
    let f = library();
    // A second article with the plain one's date and headline, and an article whose name is
    // held by a bundle from another library.
    let (twin, stranger) = {
        let mut lib = f.lib.lock().unwrap();
        let plain = lib.get_article(f.plain).unwrap();
        let mut t = full_input();
        t.headline = plain.headline.clone();
        t.published_at = plain.published_at.clone();
        t.body = "Ein anderer Text unter derselben Überschrift.".into();
        let twin = ready(&mut lib, &t);
        let mut s = full_input();
        s.headline = "Ein Name, den schon ein anderes Archiv nutzt".into();
        (twin, ready(&mut lib, &s))
    };
    let out = tempfile::tempdir().unwrap();
    let base = "2025-11-14-stadtbibliothek-oeffnet-samstags-laenger";

    // Exported one at a time, in either order, with force: each keeps its own folder.
    let mut req = request(Some(vec![f.plain]), ExportFormat::Both, out.path());
    req.force = true;
    assert_eq!(run(&f, &req).exported[0].name, base);
    let plain_bundle = tree(&out.path().join(base));
    req.ids = Some(vec![twin]);
    let report = run(&f, &req);
    assert_eq!(report.exported[0].name, format!("{base}-{twin}"));
    assert!(!report.exported[0].replaced);
    assert_eq!(
        tree(&out.path().join(base)),
        plain_bundle,
        "the first article's bundle is untouched"
    );
    // Again, both together and the twin first: the same names.
    req.ids = Some(vec![twin, f.plain]);
    let names: BTreeSet<String> = run(&f, &req)
        .exported
        .iter()
        .map(|b| b.name.clone())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from([base.to_string(), format!("{base}-{twin}")])
    );

    // The owner is told by the bundle's own documents when this library has no record of it:
    // a bundle from another library (its article.json, or its page's JSON-LD).
    let other = tempfile::tempdir().unwrap();
    let name = "2025-11-12-ein-name-den-schon-ein-anderes-archiv-nutzt";
    let foreign = other.path().join(name);
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(
        foreign.join("article.json"),
        r#"{"uri": "urn:newsroom:elsewhere:article:1"}"#,
    )
    .unwrap();
    let mut req = request(Some(vec![stranger]), ExportFormat::Html, other.path());
    req.force = true;
    assert_eq!(run(&f, &req).exported[0].name, format!("{name}-{stranger}"));
    std::fs::remove_file(foreign.join("article.json")).unwrap();
    std::fs::remove_dir_all(other.path().join(format!("{name}-{stranger}"))).unwrap();
    std::fs::write(
        foreign.join("index.html"),
        r#"<script type="application/ld+json">{"@id": "urn:newsroom:elsewhere:article:1"}</script>"#,
    )
    .unwrap();
    assert_eq!(run(&f, &req).exported[0].name, format!("{name}-{stranger}"));
    assert!(foreign.join("index.html").exists());

    // A folder that tells nothing is no bundle of this article's either: left alone, even
    // with force, and the bundle takes the id.
    std::fs::remove_file(foreign.join("index.html")).unwrap();
    std::fs::remove_dir_all(other.path().join(format!("{name}-{stranger}"))).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    let report = run(&f, &req);
    assert_eq!(report.exported[0].name, format!("{name}-{stranger}"));
    assert!(report.skipped_existing.is_empty());
    let left: Vec<_> = std::fs::read_dir(&foreign)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["notes.txt"]);
}

#[test]
fn a_cancelled_batch_finishes_the_bundle_in_hand_and_leaves_the_rest_untouched() {
    let f = library();
    let out = tempfile::tempdir().unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let req = request(
        Some(vec![f.with_photos, f.plain, f.uncredited]),
        ExportFormat::Both,
        out.path(),
    );
    let mut seen = vec![];
    let report = export::export_cancellable(&f.lib, &req, &cancel, |p| {
        seen.push(p.article_id);
        // The user presses Abbrechen while the first article is written.
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    })
    .unwrap();
    assert_eq!(seen, [f.with_photos], "no progress after the cancel");
    assert_eq!(report.exported.len(), 1);
    let not_started: Vec<(i64, &str)> = report
        .cancelled
        .iter()
        .map(|c| (c.article_id, c.headline.as_str()))
        .collect();
    assert_eq!(
        not_started,
        [
            (f.plain, "Stadtbibliothek öffnet samstags länger"),
            (f.uncredited, "Ein Artikel mit Bild ohne Credit")
        ]
    );
    assert!(report.held_back.is_empty() && !report.complete());
    // The listing lists what was exported; the rest is as it was.
    let feed: Value =
        serde_json::from_slice(&std::fs::read(out.path().join("feed.json")).unwrap()).unwrap();
    assert_eq!(feed["items"].as_array().unwrap().len(), 1);
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".newsroom-listing.json",
            report.exported[0].name.as_str(),
            "feed.json",
            "index.html"
        ]
    );
    let lib = f.lib.lock().unwrap();
    assert_eq!(
        lib.get_article(f.with_photos).unwrap().state,
        ArticleState::Exported
    );
    assert_eq!(lib.get_article(f.plain).unwrap().state, ArticleState::Ready);
    assert_eq!(lib.get_article(f.plain).unwrap().exported_at, None);
}
