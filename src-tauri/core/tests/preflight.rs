//! The export preflight on a real library: every code, both levels, the order.

mod common;

use chrono::{DateTime, Utc};
use common::full_input;
use newsroom_core::photos::PhotoUpdate;
use newsroom_core::preflight::{Level, Preflight};
use newsroom_core::{ArticleInput, LeadPhoto, Library, RelatedLink};

const LANDSCAPE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/images/orientation/landscape_3.jpg"
);
const IPTC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/images/iptc/IPTC-PhotometadataRef-Std2021.1.jpg"
);

/// A library of an office that set its public base URL and wants no crop at a given width:
/// these tests are about the text and photo checks, and their fixture photos are small. The
/// crop checks have their own tests (below, with the office's default crop set).
fn empty_library() -> (tempfile::TempDir, Library) {
    let (d, lib) = common::empty_library();
    lib.set_public_base_url("https://www.example.org/presse/")
        .unwrap();
    let mut shapes = newsroom_core::photos::default_shapes();
    for s in &mut shapes {
        s.target_width = 0;
    }
    lib.set_crop_shapes(&shapes).unwrap();
    (d, lib)
}

fn clock(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// After the embargo in `full_input` (2025-11-12T08:00Z).
fn later() -> DateTime<Utc> {
    clock("2026-01-01T00:00:00Z")
}

fn codes(p: &Preflight) -> Vec<&str> {
    p.checks.iter().map(|c| c.code.as_str()).collect()
}

fn fields(p: &Preflight) -> Vec<(&str, &str, Option<i64>)> {
    p.checks
        .iter()
        .map(|c| (c.code.as_str(), c.field.as_str(), c.photo_id))
        .collect()
}

/// A photo with no credit and no alt text (the file has neither).
fn bare_photo(lib: &mut Library) -> i64 {
    let p = lib.import_photo(LANDSCAPE.as_ref()).unwrap().photo;
    assert_eq!(
        (p.credit.as_str(), p.alt_text.as_str()),
        ("", ""),
        "fixture changed"
    );
    p.id
}

/// A photo with credit, alt text and a caption different from the alt text.
fn good_photo(lib: &mut Library) -> i64 {
    let p = lib.import_photo(IPTC.as_ref()).unwrap().photo;
    assert!(!p.credit.is_empty() && !p.alt_text.is_empty() && p.alt_text != p.caption);
    p.id
}

fn check(lib: &mut Library, input: &ArticleInput) -> Preflight {
    let id = lib.create_article(input).unwrap().id;
    lib.preflight_at(id, later()).unwrap()
}

#[test]
fn full_valid_article_has_no_checks() {
    let (_d, mut lib) = empty_library();
    let photo = good_photo(&mut lib);
    let mut input = full_input();
    input.lead_photo = Some(LeadPhoto {
        photo_id: photo,
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    input.related_links.truncate(1);
    let id = lib.create_article(&input).unwrap().id;
    let p = lib.preflight_at(id, later()).unwrap();
    assert_eq!(
        p,
        Preflight {
            article_id: id,
            ok: true,
            checks: vec![]
        }
    );
    // The real clock is past the 2025 embargo too.
    assert_eq!(lib.preflight(id).unwrap(), p);
}

#[test]
fn empty_article_fails_with_errors_first() {
    let (_d, mut lib) = empty_library();
    let p = check(
        &mut lib,
        &ArticleInput {
            headline: "   ".into(),
            teaser: "\n".into(),
            ..Default::default()
        },
    );
    assert!(!p.ok);
    assert_eq!(
        codes(&p),
        vec![
            "no_headline",
            "no_teaser",
            "no_published_at",
            "no_related_links"
        ]
    );
    let levels: Vec<Level> = p.checks.iter().map(|c| c.level).collect();
    assert_eq!(
        levels,
        vec![Level::Error, Level::Error, Level::Error, Level::Warning]
    );
    assert_eq!(
        p.checks
            .iter()
            .map(|c| c.field.as_str())
            .collect::<Vec<_>>(),
        vec!["headline", "teaser", "published_at", "related_links"]
    );
}

#[test]
fn warnings_alone_do_not_block() {
    let (_d, mut lib) = empty_library();
    let mut input = full_input();
    input.related_links.clear();
    input.embargo_until = Some("2026-06-01T10:00:00+02:00".into());
    let p = check(&mut lib, &input);
    assert!(p.ok);
    assert_eq!(codes(&p), vec!["no_related_links", "embargo_pending"]);
    assert!(p.checks.iter().all(|c| c.level == Level::Warning));
    assert_eq!(p.checks[1].field, "embargo_until");
    assert_eq!(p.checks[1].detail, "embargoed until 2026-06-01T08:00:00Z");
    assert_eq!(p.checks[1].until.as_deref(), Some("2026-06-01T08:00:00Z"));
    assert_eq!(
        (p.checks[0].chars, p.checks[0].until.as_deref()),
        (None, None)
    );
}

#[test]
fn embargo_past_and_future_with_fixed_clock() {
    let (_d, mut lib) = empty_library();
    let id = lib.create_article(&full_input()).unwrap().id; // embargo 2025-11-12T08:00:00Z
    let before = lib.preflight_at(id, clock("2025-11-12T07:59:59Z")).unwrap();
    assert_eq!(codes(&before), vec!["embargo_pending"]);
    assert!(before.ok);
    let at = lib.preflight_at(id, clock("2025-11-12T08:00:00Z")).unwrap();
    assert_eq!(codes(&at), Vec::<&str>::new());
    let after = lib
        .preflight_at(id, clock("2025-11-12T09:00:00+01:00"))
        .unwrap();
    assert_eq!(codes(&after), Vec::<&str>::new());
}

#[test]
fn lengths_count_characters_not_bytes() {
    let (_d, mut lib) = empty_library();
    let mut input = full_input();
    input.headline = "ä".repeat(90);
    input.teaser = "ö".repeat(300);
    assert_eq!(codes(&check(&mut lib, &input)), Vec::<&str>::new());
    input.headline = "ä".repeat(91);
    input.teaser = "ö".repeat(301);
    let p = check(&mut lib, &input);
    assert!(p.ok);
    assert_eq!(codes(&p), vec!["headline_long", "teaser_long"]);
    assert_eq!(p.checks[0].detail, "91 characters, at most 90");
    assert_eq!(p.checks[1].detail, "301 characters, at most 300");
    assert_eq!((p.checks[0].chars, p.checks[0].limit), (Some(91), Some(90)));
    assert_eq!(
        (p.checks[1].chars, p.checks[1].limit),
        (Some(301), Some(300))
    );
    // On the wire the values are there only when they mean something.
    let wire = serde_json::to_value(&p.checks[0]).unwrap();
    assert_eq!(
        (wire["chars"].as_u64(), wire["limit"].as_u64()),
        (Some(91), Some(90))
    );
    assert!(wire.get("until").is_none());
}

#[test]
fn lead_photo_needs_credit_and_effective_alt() {
    let (_d, mut lib) = empty_library();
    let photo = bare_photo(&mut lib);
    let mut input = full_input();
    input.lead_photo = Some(LeadPhoto {
        photo_id: photo,
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    let id = lib.create_article(&input).unwrap().id;
    let p = lib.preflight_at(id, later()).unwrap();
    assert!(!p.ok);
    assert_eq!(
        fields(&p),
        vec![
            ("photo_no_credit", "lead_photo", Some(photo)),
            ("photo_no_alt", "lead_photo", Some(photo)),
        ]
    );

    // The article's alt text override fixes the missing alt text.
    input.lead_photo = Some(LeadPhoto {
        photo_id: photo,
        caption: None,
        alt_text: Some("Menschen am Hafen".into()),
        crop: None,
        crops: Default::default(),
    });
    lib.save_article(id, &input).unwrap();
    assert_eq!(
        codes(&lib.preflight_at(id, later()).unwrap()),
        vec!["photo_no_credit"]
    );

    // A credit on the photo fixes the rest.
    lib.update_photo(
        photo,
        &PhotoUpdate {
            credit: Some("Bild: Stadt".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let p = lib.preflight_at(id, later()).unwrap();
    assert!(p.ok);
    assert_eq!(codes(&p), Vec::<&str>::new());

    // Without the override, the photo's own alt text counts.
    input.lead_photo = Some(LeadPhoto {
        photo_id: photo,
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    lib.save_article(id, &input).unwrap();
    assert_eq!(
        codes(&lib.preflight_at(id, later()).unwrap()),
        vec!["photo_no_alt"]
    );
    lib.update_photo(
        photo,
        &PhotoUpdate {
            alt_text: Some("Hafen".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(lib.preflight_at(id, later()).unwrap().ok);
}

#[test]
fn alt_equal_to_caption_and_long_alt_warn() {
    let (_d, mut lib) = empty_library();
    let photo = good_photo(&mut lib);
    let mut input = full_input();
    // Override caption equal to the override alt, up to case and spaces.
    input.lead_photo = Some(LeadPhoto {
        photo_id: photo,
        caption: Some("  Der Hafen  ".into()),
        alt_text: Some("der HAFEN".into()),
        crop: None,
        crops: Default::default(),
    });
    let id = lib.create_article(&input).unwrap().id;
    let p = lib.preflight_at(id, later()).unwrap();
    assert!(p.ok);
    assert_eq!(
        fields(&p),
        vec![("alt_equals_caption", "lead_photo", Some(photo))]
    );
    assert_eq!(p.checks[0].level, Level::Warning);

    // Override alt equal to the photo's own caption.
    let own_caption = lib.get_photo(photo).unwrap().caption;
    input.lead_photo = Some(LeadPhoto {
        photo_id: photo,
        caption: None,
        alt_text: Some(own_caption.to_uppercase()),
        crop: None,
        crops: Default::default(),
    });
    lib.save_article(id, &input).unwrap();
    assert_eq!(
        codes(&lib.preflight_at(id, later()).unwrap()),
        vec!["alt_equals_caption"]
    );

    // 250 characters (umlauts) are fine, 251 warn.
    input.lead_photo = Some(LeadPhoto {
        photo_id: photo,
        caption: None,
        alt_text: Some("ü".repeat(250)),
        crop: None,
        crops: Default::default(),
    });
    lib.save_article(id, &input).unwrap();
    assert_eq!(
        codes(&lib.preflight_at(id, later()).unwrap()),
        Vec::<&str>::new()
    );
    input.lead_photo = Some(LeadPhoto {
        photo_id: photo,
        caption: None,
        alt_text: Some("ü".repeat(251)),
        crop: None,
        crops: Default::default(),
    });
    lib.save_article(id, &input).unwrap();
    let p = lib.preflight_at(id, later()).unwrap();
    assert!(p.ok);
    assert_eq!(fields(&p), vec![("alt_long", "lead_photo", Some(photo))]);
    assert_eq!(
        p.checks[0].detail,
        "alt text has 251 characters, at most 250"
    );
    assert_eq!(
        (p.checks[0].chars, p.checks[0].limit),
        (Some(251), Some(250))
    );
}

#[test]
fn body_figures_are_checked_once_per_use() {
    let (_d, mut lib) = empty_library();
    let bare = bare_photo(&mut lib);
    let good = good_photo(&mut lib);
    let mut input = full_input();
    input.lead_photo = Some(LeadPhoto {
        photo_id: bare,
        caption: None,
        alt_text: Some("Hafen".into()),
        crop: None,
        crops: Default::default(),
    });
    input.body = format!(
        "Text.\n\n![](photo:{bare})\n\n![Figur mit Alt](photo:{bare} \"Unterschrift\")\n\n\
         ![](photo:{good})\n\n![](photo:9999)\n\n![Gleich](photo:{good} \"gleich\")\n"
    );
    let p = check(&mut lib, &input);
    assert!(!p.ok);
    assert_eq!(
        fields(&p),
        vec![
            ("photo_no_credit", "lead_photo", Some(bare)),
            ("photo_no_credit", "body", Some(bare)),
            ("photo_no_alt", "body", Some(bare)),
            ("photo_no_credit", "body", Some(bare)),
            ("photo_missing", "body", Some(9999)),
            ("alt_equals_caption", "body", Some(good)),
        ]
    );
    assert_eq!(p.checks[4].detail, "photo 9999 does not exist");
    assert_eq!(p.checks[5].level, Level::Warning);
}

#[test]
fn bad_links_in_body_and_related_links() {
    let (_d, mut lib) = empty_library();
    let mut input = full_input();
    input.body = "Gut: [a](https://dortmund.example/a), <https://b.example>, \
                  [Mail](mailto:presse@example.org), <presse@example.org>.\n\n\
                  Schlecht: [x](javascript:alert(1)), [rel](/intern/seite), <ftp://files.example>, \
                  [leer](http://).\n"
        .into();
    input.related_links = vec![
        RelatedLink {
            label: "ok".into(),
            url: "https://example.org/programm".into(),
        },
        RelatedLink {
            label: "js".into(),
            url: "javascript:alert(1)".into(),
        },
        RelatedLink {
            label: "mail".into(),
            url: "mailto:presse@example.org".into(),
        },
        RelatedLink {
            label: "rel".into(),
            url: "programm.html".into(),
        },
    ];
    let p = check(&mut lib, &input);
    assert!(!p.ok);
    assert_eq!(
        fields(&p),
        vec![
            ("bad_link", "body", None),
            ("bad_link", "body", None),
            ("bad_link", "body", None),
            ("bad_link", "body", None),
            ("bad_link", "related_links[1]", None),
            ("bad_link", "related_links[3]", None),
        ]
    );
    let details: Vec<&str> = p.checks.iter().map(|c| c.detail.as_str()).collect();
    for (d, url) in details.iter().zip([
        "javascript:alert(1)",
        "/intern/seite",
        "ftp://files.example",
        "http://",
        "javascript:alert(1)",
        "programm.html",
    ]) {
        assert!(
            d.starts_with(&format!("{url}: ")),
            "{d:?} should name {url}"
        );
    }
}

#[test]
fn all_codes_in_order() {
    let (_d, mut lib) = empty_library();
    let bare = bare_photo(&mut lib);
    let input = ArticleInput {
        headline: "x".repeat(91),
        teaser: String::new(),
        body: format!("![](photo:{bare})\n\n[x](javascript:void(0))\n"),
        embargo_until: Some("2030-01-01T00:00:00Z".into()),
        lead_photo: Some(LeadPhoto {
            photo_id: bare,
            caption: Some("A".into()),
            alt_text: Some("a".into()),
            crop: None,
            crops: Default::default(),
        }),
        ..Default::default()
    };
    let p = check(&mut lib, &input);
    assert_eq!(
        codes(&p),
        vec![
            "no_teaser",
            "no_published_at",
            "photo_no_credit",
            "photo_no_credit",
            "photo_no_alt",
            "bad_link",
            "headline_long",
            "alt_equals_caption",
            "no_related_links",
            "embargo_pending",
        ]
    );
}

#[test]
fn unknown_article_is_not_found_and_json_is_stable() {
    let (_d, mut lib) = empty_library();
    assert_eq!(lib.preflight(4711).unwrap_err().code(), "not_found");
    let p = check(
        &mut lib,
        &ArticleInput {
            headline: "Titel".into(),
            ..Default::default()
        },
    );
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(
        json["checks"][0],
        serde_json::json!({
            "level": "error", "code": "no_teaser", "field": "teaser",
            "photo_id": null, "detail": "the teaser is empty"
        })
    );
    assert_eq!(json["checks"][2]["level"], "warning");
    let back: Preflight = serde_json::from_value(json).unwrap();
    assert_eq!(back, p);
}

#[test]
fn the_teaser_pictures_crops_and_the_base_url_are_checked() {
    use newsroom_core::imaging::crop::{CropRect, FocalPoint};
    let (_d, mut lib) = common::empty_library();
    // 2000 × 1000: wide, social and classic reach 1,200 px, the square only 1,000.
    let photo = good_photo(&mut lib);
    let mut input = full_input();
    input.lead_photo = Some(LeadPhoto {
        photo_id: photo,
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    input.related_links.truncate(1);
    let id = lib.create_article(&input).unwrap().id;
    let p = lib.preflight_at(id, later()).unwrap();
    assert!(p.ok, "warnings only: {p:?}");
    assert_eq!(
        fields(&p),
        [
            ("no_base_url", "base_url", None),
            ("crop_narrow", "lead_photo", Some(photo)),
        ]
    );
    let narrow = &p.checks[1];
    assert_eq!(
        (narrow.crop.as_deref(), narrow.width, narrow.limit),
        (Some("square"), Some(1000), Some(1200))
    );

    // A hand-set crop that leaves out the focal point is worth a look.
    lib.set_public_base_url("https://www.example.org/presse")
        .unwrap();
    lib.set_photo_focus(photo, FocalPoint::new(0.9, 0.5), false)
        .unwrap();
    lib.set_photo_crop(
        photo,
        "wide",
        Some(CropRect {
            x: 0,
            y: 0,
            width: 1600,
            height: 900,
        }),
    )
    .unwrap();
    let p = lib.preflight_at(id, later()).unwrap();
    assert_eq!(codes(&p), ["crop_off_focus", "crop_narrow"]);
    assert_eq!(p.checks[0].crop.as_deref(), Some("wide"));

    // The office changed the wide shape: the hand-set crop no longer fits it, and the article
    // is held back until it is set again.
    let mut shapes = newsroom_core::photos::default_shapes();
    shapes[0].aspect = newsroom_core::imaging::crop::Aspect::new(2, 1);
    lib.set_crop_shapes(&shapes).unwrap();
    let p = lib.preflight_at(id, later()).unwrap();
    assert!(!p.ok);
    assert_eq!(codes(&p)[0], "crop_degenerate");
    lib.set_photo_crop(photo, "wide", None).unwrap();
    assert!(lib.preflight_at(id, later()).unwrap().ok);
}
