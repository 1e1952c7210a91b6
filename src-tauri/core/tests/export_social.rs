//! What social networks, search engines and feed readers get: with the office's public base
//! URL the page carries Open Graph and Twitter card tags whose picture is the `social` crop
//! at 1,200 × 630, a canonical link, JSON-LD images in 16:9, 4:3 and 1:1; the listing and the
//! feed show the `wide` crop; ninjs lists the crops as renditions with their aspect and the
//! focal point. Every picture is checked by its pixels: the marked spot of the test image lies
//! where the focal point says. Nu and the ninjs schema (formats asserted) pass.

mod common;
#[path = "support/ninjs.rs"]
mod ninjs;
#[path = "support/nu.rs"]
mod nu;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use common::{bundle_dir, full_input};
use newsroom_core::export::{self, ExportFormat, ExportReport, ExportRequest};
use newsroom_core::imaging::crop::FocalPoint;
use newsroom_core::photos::PhotoUpdate;
use newsroom_core::{ArticleState, LeadPhoto, Library, OpenOptions};
use scraper::{Html, Selector};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
const BASE: &str = "https://www.example.org/presse/";

/// The marked spot, as fractions of the photo: near the top right, where a centre crop of
/// any shape but the widest would cut it off.
const MARK: (f64, f64) = (0.88, 0.16);

/// An 1800 × 1200 picture, grey with a red disc (radius 30 px) at [`MARK`].
fn marked_jpeg(dir: &Path) -> PathBuf {
    let (w, h) = (1800u32, 1200u32);
    let (cx, cy) = (MARK.0 * w as f64, MARK.1 * h as f64);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        if ((x as f64 - cx).powi(2) + (y as f64 - cy).powi(2)).sqrt() <= 30.0 {
            image::Rgb([230, 0, 0])
        } else {
            image::Rgb([120, 130, 140])
        }
    });
    let png = dir.join("marked.png");
    img.save(&png).unwrap();
    png
}

fn library(dir: &Path) -> (Mutex<Library>, i64) {
    let mut lib = common::open_at(
        dir.join("lib"),
        OpenOptions {
            seed_samples: false,
        },
    );
    let photo = lib.import_photo(&marked_jpeg(dir)).unwrap().photo.id;
    lib.update_photo(
        photo,
        &PhotoUpdate {
            credit: Some("Bild: Stadt Dortmund / Roland Beispiel".into()),
            alt_text: Some("Ein roter Punkt oben rechts".into()),
            ..Default::default()
        },
    )
    .unwrap();
    lib.set_photo_focus(photo, FocalPoint::new(MARK.0, MARK.1), false)
        .unwrap();
    let mut a = full_input();
    a.lead_photo = Some(LeadPhoto {
        photo_id: photo,
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    let id = lib.create_article(&a).unwrap().id;
    lib.set_state(id, ArticleState::Ready).unwrap();
    (Mutex::new(lib), id)
}

fn export(lib: &Mutex<Library>, id: i64, out: &Path, base_url: Option<&str>) -> ExportReport {
    let req = ExportRequest {
        ids: Some(vec![id]),
        format: ExportFormat::Both,
        fragment: false,
        out: out.to_path_buf(),
        force: true,
        include_embargoed: false,
        base_url: base_url.map(str::to_string),
    };
    export::export(lib, &req, |_| {}).unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn meta(doc: &Html, attr: &str, key: &str) -> Vec<String> {
    doc.select(&sel(&format!("meta[{attr}=\"{key}\"]")))
        .map(|m| m.value().attr("content").unwrap().to_string())
        .collect()
}

/// The file an absolute URL of this export names.
fn local(out: &Path, url: &str) -> PathBuf {
    out.join(
        url.strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{url} is not under {BASE}")),
    )
}

/// Decodes a JPEG: (width, height, RGB pixels).
fn decode(path: &Path) -> (usize, usize, Vec<u8>) {
    let mut d = jpeg_decoder::Decoder::new(std::fs::File::open(path).unwrap());
    let px = d.decode().unwrap();
    let i = d.info().unwrap();
    (i.width as usize, i.height as usize, px)
}

/// Where the red mark is in a picture (the centre of its red pixels), as fractions.
fn mark_in(path: &Path) -> Option<(f64, f64)> {
    let (w, h, px) = decode(path);
    let (mut sx, mut sy, mut n) = (0usize, 0usize, 0usize);
    for y in 0..h {
        for x in 0..w {
            let p = &px[(y * w + x) * 3..][..3];
            if p[0] > 180 && p[1] < 70 && p[2] < 70 {
                sx += x;
                sy += y;
                n += 1;
            }
        }
    }
    (n > 0).then(|| {
        (
            sx as f64 / n as f64 / w as f64,
            sy as f64 / n as f64 / h as f64,
        )
    })
}

#[test]
fn social_cards_search_engines_and_the_listing_get_crops_that_keep_the_focal_point() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, id) = library(dir.path());
    lib.lock()
        .unwrap()
        .set_public_base_url("https://www.example.org/presse")
        .unwrap();
    let out = dir.path().join("out");
    let report = export(&lib, id, &out, None);
    let bundle = bundle_dir(&report, id);
    let name = bundle.file_name().unwrap().to_string_lossy().to_string();
    let page_url = format!("{BASE}{name}/");
    let html = std::fs::read_to_string(bundle.join("index.html")).unwrap();
    let doc = Html::parse_document(&html);

    // The canonical address and Open Graph.
    let canonical = doc.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(canonical.value().attr("href"), Some(page_url.as_str()));
    assert_eq!(meta(&doc, "property", "og:type"), ["article"]);
    assert_eq!(meta(&doc, "property", "og:url"), [page_url.as_str()]);
    assert_eq!(
        meta(&doc, "property", "og:title"),
        ["Großes Straßenfest in Hörde"]
    );
    assert_eq!(
        meta(&doc, "property", "og:description"),
        ["Zwei Tage Musik, Flohmarkt und Spiele am Hafen."]
    );
    assert_eq!(
        meta(&doc, "property", "article:published_time"),
        ["2025-11-12T09:30:00Z"]
    );
    assert_eq!(meta(&doc, "property", "article:section"), ["Stadtleben"]);
    assert_eq!(
        meta(&doc, "property", "article:tag"),
        ["Freizeit", "Familie"]
    );
    assert_eq!(meta(&doc, "property", "og:image:width"), ["1200"]);
    assert_eq!(meta(&doc, "property", "og:image:height"), ["630"]);
    assert_eq!(
        meta(&doc, "property", "og:image:alt"),
        ["Ein roter Punkt oben rechts"]
    );
    let og_image = meta(&doc, "property", "og:image").remove(0);
    assert!(og_image.contains("-social-1200.jpg"), "{og_image}");
    let social = local(&out, &og_image);
    let (w, h, _) = decode(&social);
    assert_eq!((w, h), (1200, 630));
    let (mx, my) = mark_in(&social).expect("the mark is in the social picture");
    assert!(mx > 0.5 && my < 0.5, "mark at {mx:.2},{my:.2}");
    assert_eq!(meta(&doc, "name", "twitter:card"), ["summary_large_image"]);
    assert_eq!(meta(&doc, "name", "twitter:image"), [og_image.as_str()]);

    // JSON-LD: absolute, in 16:9, 4:3 and 1:1, each at least 1,200 px wide, each with the
    // mark; the page's own address.
    let ld: Value = {
        let s = doc
            .select(&sel("script[type=\"application/ld+json\"]"))
            .next()
            .unwrap()
            .inner_html();
        serde_json::from_str(&s).unwrap()
    };
    assert_eq!(ld["url"], page_url.as_str());
    let imgs = ld["image"].as_array().unwrap();
    assert_eq!(imgs.len(), 3);
    for (img, (aw, ah)) in imgs.iter().zip([(16, 9), (4, 3), (1, 1)]) {
        let file = local(&out, img["contentUrl"].as_str().unwrap());
        let (w, h, _) = decode(&file);
        assert_eq!(
            (img["width"].as_u64(), img["height"].as_u64()),
            (Some(w as u64), Some(h as u64))
        );
        assert!(w >= 1200, "{}: {w} px", file.display());
        assert_eq!(
            h,
            (w * ah * 2 + aw) / (2 * aw),
            "{}: {w}x{h} is not {aw}:{ah}",
            file.display()
        );
        assert!(mark_in(&file).is_some(), "{} lost the mark", file.display());
    }

    // The listing and the feed: the wide crop (16:9), the mark inside, absolute in the feed.
    let listing = Html::parse_document(&std::fs::read_to_string(out.join("index.html")).unwrap());
    let img = listing
        .select(&sel("main img"))
        .next()
        .expect("a teaser picture");
    let (w, h) = (
        img.value().attr("width").unwrap().parse::<usize>().unwrap(),
        img.value()
            .attr("height")
            .unwrap()
            .parse::<usize>()
            .unwrap(),
    );
    assert_eq!(h, (w * 9 * 2 + 16) / 32, "the teaser is {w}x{h}");
    let src = img.value().attr("src").unwrap();
    assert!(src.contains("-wide-"), "{src}");
    assert!(mark_in(&out.join(src)).is_some());
    let feed: Value =
        serde_json::from_slice(&std::fs::read(out.join("feed.json")).unwrap()).unwrap();
    assert_eq!(feed["home_page_url"], format!("{BASE}index.html"));
    let item = &feed["items"][0];
    assert_eq!(item["url"], format!("{page_url}index.html"));
    let feed_image = item["image"].as_str().unwrap();
    assert!(feed_image.contains("-wide-"), "{feed_image}");
    assert!(local(&out, feed_image).is_file());

    // ninjs: the crops as renditions with their aspect and the focal point, absolute hrefs.
    let n: Value =
        serde_json::from_slice(&std::fs::read(bundle.join("article.json")).unwrap()).unwrap();
    let renditions = n["associations"][0]["renditions"].as_array().unwrap();
    let social_r = renditions
        .iter()
        .find(|r| r["name"] == "social-jpeg-1200")
        .expect("the social crop in ninjs");
    assert_eq!(social_r["aspectRatio"], "40:21");
    assert_eq!(social_r["href"], og_image.as_str());
    let (px, py) = (
        social_r["poi"]["x"].as_f64().unwrap() / 1200.0,
        social_r["poi"]["y"].as_f64().unwrap() / 630.0,
    );
    assert!(
        (px - mx).abs() < 0.02 && (py - my).abs() < 0.02,
        "poi {px},{py} vs mark {mx},{my}"
    );
    for crop in ["wide", "classic", "square"] {
        assert!(
            renditions
                .iter()
                .any(|r| r["name"].as_str().unwrap().starts_with(&format!("{crop}-"))),
            "{crop}"
        );
    }
    let whole = renditions.iter().find(|r| r["name"] == "jpeg-640").unwrap();
    assert!(whole["aspectRatio"].is_null());
    assert_eq!(whole["poi"]["x"], (MARK.0 * 640.0).round() as u64);
    ninjs::with_validator(&Path::new(FIXTURES).join("ninjs"), true, |v| {
        let errs = ninjs::errors(v, &n);
        assert!(errs.is_empty(), "{errs:?}");
    });
    nu::check(&[bundle.join("index.html"), out.join("index.html")]);
}

#[test]
fn a_base_url_for_one_export_wins_and_a_bad_one_stops_it_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, id) = library(dir.path());
    let out = dir.path().join("out");
    // Without any base URL: no picture for cards, no canonical link (the preflight warns).
    let report = export(&lib, id, &out, None);
    let page = std::fs::read_to_string(bundle_dir(&report, id).join("index.html")).unwrap();
    let doc = Html::parse_document(&page);
    assert!(meta(&doc, "property", "og:image").is_empty());
    assert!(doc.select(&sel("link[rel=canonical]")).next().is_none());
    assert_eq!(meta(&doc, "name", "twitter:card"), ["summary"]);
    assert_eq!(meta(&doc, "property", "og:type"), ["article"]);

    let report = export(&lib, id, &out, Some("https://presse.example.net/aktuell"));
    let page = std::fs::read_to_string(bundle_dir(&report, id).join("index.html")).unwrap();
    assert!(
        page.contains("content=\"https://presse.example.net/aktuell/"),
        "{page}"
    );

    let other = dir.path().join("other");
    let req = ExportRequest {
        ids: Some(vec![id]),
        format: ExportFormat::Both,
        fragment: false,
        out: other.clone(),
        force: false,
        include_embargoed: false,
        base_url: Some("presse.example.net".into()),
    };
    let e = export::export(&lib, &req, |_| {}).unwrap_err();
    assert_eq!(e.code().as_str(), "invalid_input");
    assert!(e.to_string().contains("https://"), "{e}");
    assert!(!other.exists());
}

#[test]
fn an_article_shows_its_lead_in_a_crop_and_keeps_its_own_crops_to_itself() {
    use newsroom_core::imaging::crop::CropRect;
    let dir = tempfile::tempdir().unwrap();
    let (lib, id) = library(dir.path());
    let photo = {
        let mut l = lib.lock().unwrap();
        let mut a = l.get_article(id).unwrap();
        let lead = a.lead_photo.as_mut().unwrap();
        // The page shows the square; this article's wide crop is the bottom left, without the
        // mark (the photo's own wide crop keeps it, for every other article).
        lead.crop = Some("square".into());
        lead.crops.insert(
            "wide".into(),
            CropRect {
                x: 0,
                y: 500,
                width: 1200,
                height: 675,
            },
        );
        let photo = lead.photo_id;
        l.save_article(id, &a.input()).unwrap();
        let stored = l.get_article(id).unwrap().lead_photo.unwrap();
        assert_eq!(stored.crop.as_deref(), Some("square"));
        assert_eq!(stored.crops["wide"].y, 500);
        // Worth a look before it leaves: the article's wide crop leaves out the focal point.
        let p = l.preflight(id).unwrap();
        let off = p
            .checks
            .iter()
            .find(|c| c.code.as_str() == "crop_off_focus")
            .expect("the article's own wide crop is checked");
        assert_eq!(off.crop.as_deref(), Some("wide"));
        photo
    };
    let out = dir.path().join("out");
    let report = export(&lib, id, &out, Some(BASE));
    let bundle = bundle_dir(&report, id);
    let doc = Html::parse_document(&std::fs::read_to_string(bundle.join("index.html")).unwrap());

    // The page's lead picture is the square crop, with the mark.
    let img = doc.select(&sel("figure.lead img")).next().unwrap();
    let (w, h) = (
        img.value().attr("width").unwrap(),
        img.value().attr("height").unwrap(),
    );
    assert_eq!(w, h, "the lead shows square");
    let src = img.value().attr("src").unwrap();
    assert!(src.contains(&format!("photo-{photo}-square-")), "{src}");
    assert!(mark_in(&bundle.join(src)).is_some());

    // The listing shows this article's own wide crop: 16:9, and without the mark.
    let listing = Html::parse_document(&std::fs::read_to_string(out.join("index.html")).unwrap());
    let teaser = listing.select(&sel("main img")).next().unwrap();
    let tsrc = teaser.value().attr("src").unwrap();
    assert!(tsrc.contains("-wide-"), "{tsrc}");
    let (tw, th, _) = decode(&out.join(tsrc));
    assert_eq!(th, (tw * 9 * 2 + 16) / 32);
    assert!(
        mark_in(&out.join(tsrc)).is_none(),
        "the article's own wide crop is the bottom left"
    );

    // The photo's own wide crop is untouched: it still holds the mark.
    let l = lib.lock().unwrap();
    let wide = l
        .photo_crops(photo)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "wide")
        .unwrap();
    assert!(!wide.hand_set && wide.holds_focus);
    let files = newsroom_core::photos::run_many(&l.crop_jobs(photo, &["wide"]).unwrap()).unwrap();
    let own = files[0]
        .iter()
        .find(|f| f.width == 640 && f.path.extension().unwrap() == "jpg")
        .unwrap();
    assert!(mark_in(&own.path).is_some());
    nu::check(&[bundle.join("index.html")]);
}

#[test]
fn body_figures_show_their_crop_and_the_article_own_rectangle_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, id) = library(dir.path());
    let photo = {
        let mut l = lib.lock().unwrap();
        let mut a = l.get_article(id).unwrap();
        let photo = a.lead_photo.as_ref().unwrap().photo_id;
        // The first figure in the photo's square crop (with the mark); the second in this
        // article's own classic crop, the left middle of the photo (without it).
        a.body = format!(
            "Vorher.\n\n![Quadrat](photo:{photo}#square \"Im Quadrat\")\n\nDazwischen.\n\n![](photo:{photo}#classic=0,300,800,600)\n"
        );
        l.save_article(id, &a.input()).unwrap();
        let figures = newsroom_core::photos::figure_refs(&l.get_article(id).unwrap().body);
        assert_eq!(figures[0].crop.as_deref(), Some("square"));
        assert_eq!(figures[1].rect.map(|r| (r.y, r.width)), Some((300, 800)));
        // The article's own classic crop leaves out the focal point: worth a look, no stop.
        let p = l.preflight(id).unwrap();
        assert!(p.ok, "{:?}", p.checks);
        assert!(p
            .checks
            .iter()
            .any(|c| c.code.as_str() == "crop_off_focus" && c.crop.as_deref() == Some("classic")));
        photo
    };
    let out = dir.path().join("out");
    let report = export(&lib, id, &out, Some(BASE));
    let bundle = bundle_dir(&report, id);
    let html = std::fs::read_to_string(bundle.join("index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let figs: Vec<_> = doc.select(&sel("div.body figure img")).collect();
    assert_eq!(figs.len(), 2, "{html}");
    let size = |i: usize| {
        let v = figs[i].value();
        let n = |k: &str| v.attr(k).unwrap().parse::<usize>().unwrap();
        (n("width"), n("height"), v.attr("src").unwrap().to_string())
    };
    let (w, h, src) = size(0);
    assert_eq!(w, h, "the first figure is square");
    assert!(src.contains(&format!("photo-{photo}-square-")), "{src}");
    assert!(mark_in(&bundle.join(&src)).is_some());
    let (w, h, src) = size(1);
    assert_eq!(h, (w * 3 * 2 + 4) / 8, "the second figure is 4:3");
    assert!(src.contains(&format!("photo-{photo}-classic-")), "{src}");
    let (fw, fh, _) = decode(&bundle.join(&src));
    assert!(fw <= 800 && fh == (fw * 3 * 2 + 4) / 8);
    assert!(
        mark_in(&bundle.join(&src)).is_none(),
        "the article's own classic crop is the left middle"
    );
    nu::check(&[bundle.join("index.html")]);

    // A crop the office's set does not have stops the export, named in the preflight.
    let mut l = lib.lock().unwrap();
    let mut a = l.get_article(id).unwrap();
    a.body = format!("Text.\n\n![](photo:{photo}#panorama)\n");
    l.save_article(id, &a.input()).unwrap();
    let p = l.preflight(id).unwrap();
    assert!(!p.ok);
    let bad = p
        .checks
        .iter()
        .find(|c| c.code.as_str() == "crop_degenerate")
        .expect("the unknown crop is an error");
    assert_eq!(
        (bad.field.as_str(), bad.crop.as_deref()),
        ("body", Some("panorama"))
    );
    // So does this article's own rectangle that has not the crop's shape.
    a.body = format!("Text.\n\n![](photo:{photo}#wide=0,0,500,500)\n");
    l.save_article(id, &a.input()).unwrap();
    let p = l.preflight(id).unwrap();
    assert!(p
        .checks
        .iter()
        .any(|c| c.code.as_str() == "crop_degenerate" && c.crop.as_deref() == Some("wide")));
    assert!(!p.ok);
}
