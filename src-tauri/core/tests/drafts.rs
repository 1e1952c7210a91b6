//! A new article left without a single character typed is discarded; nothing with content,
//! photos, a history with content, a later state or an export is ever deleted.

mod common;

use std::path::Path;

use chrono::{Duration, TimeZone, Utc};
use common::*;
use newsroom_core::{ArticleInput, ArticleState, Error, LeadPhoto, RelatedLink};

fn landscape() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images/orientation/landscape_6.jpg")
}

#[test]
fn an_untouched_new_article_is_discarded() {
    let (_d, mut lib) = empty_library();
    let a = lib.create_article(&ArticleInput::default()).unwrap();
    assert!(lib.discard_empty_draft(a.id).unwrap());
    assert!(matches!(
        lib.get_article(a.id),
        Err(Error::ArticleNotFound(_))
    ));
    // Whitespace is not content either.
    let blank = ArticleInput {
        headline: "  ".into(),
        ..Default::default()
    };
    let b = lib.create_article(&blank).unwrap();
    assert!(lib.discard_empty_draft(b.id).unwrap());
    assert!(lib
        .list_articles(&Default::default())
        .unwrap()
        .items
        .is_empty());
}

/// Sets one field of an input.
type SetField = Box<dyn Fn(&mut ArticleInput)>;

#[test]
fn never_deletes_an_article_with_any_content() {
    let (_d, mut lib) = empty_library();
    let photo = lib.import_photo(&landscape()).unwrap().photo;
    let one_field: Vec<(&str, SetField)> = vec![
        ("kicker", Box::new(|i| i.kicker = "K".into())),
        ("headline", Box::new(|i| i.headline = "x".into())),
        ("teaser", Box::new(|i| i.teaser = "T".into())),
        ("body", Box::new(|i| i.body = "a".into())),
        ("author", Box::new(|i| i.author = "A".into())),
        ("contact", Box::new(|i| i.contact = "C".into())),
        ("topics", Box::new(|i| i.topics = vec!["Verkehr".into()])),
        ("places", Box::new(|i| i.places = vec!["Hörde".into()])),
        (
            "published_at",
            Box::new(|i| i.published_at = Some("2025-11-12T09:30:00Z".into())),
        ),
        (
            "embargo_until",
            Box::new(|i| i.embargo_until = Some("2025-11-12T09:30:00Z".into())),
        ),
        (
            "related_links",
            Box::new(|i| {
                i.related_links = vec![RelatedLink {
                    label: "L".into(),
                    url: "https://example.org".into(),
                }]
            }),
        ),
        (
            "lead_photo",
            Box::new(move |i| {
                i.lead_photo = Some(LeadPhoto {
                    photo_id: photo.id,
                    caption: None,
                    alt_text: None,
                    crop: None,
                    crops: Default::default(),
                })
            }),
        ),
    ];
    for (name, set) in &one_field {
        let mut input = ArticleInput::default();
        set(&mut input);
        let a = lib.create_article(&input).unwrap();
        assert!(!lib.discard_empty_draft(a.id).unwrap(), "{name} is content");
        assert_eq!(
            lib.get_article(a.id).unwrap().input(),
            a.input(),
            "{name} kept as it was"
        );
    }
    let full = lib.create_article(&full_input()).unwrap();
    assert!(!lib.discard_empty_draft(full.id).unwrap());
    assert_eq!(
        lib.get_article(full.id).unwrap().headline,
        full_input().headline
    );
}

#[test]
fn a_held_value_is_content() {
    let (_d, mut lib) = empty_library();
    let a = lib.create_article(&ArticleInput::default()).unwrap();
    let typed = ArticleInput {
        published_at: Some("31.02.2026".into()),
        ..Default::default()
    };
    let saved = lib.autosave(a.id, &typed).unwrap();
    assert_eq!(saved.held.len(), 1);
    assert!(!lib.discard_empty_draft(a.id).unwrap());
    assert!(lib.get_article(a.id).is_ok());
}

#[test]
fn typed_then_cleared_is_kept_when_its_history_has_content() {
    let (_d, mut lib) = empty_library();
    let t0 = Utc.with_ymd_and_hms(2025, 11, 12, 9, 0, 0).unwrap();
    let a = lib
        .create_article_at(&ArticleInput::default(), ArticleState::Draft, t0)
        .unwrap();
    let typed = ArticleInput {
        headline: "Neuer Radweg".into(),
        ..Default::default()
    };
    lib.save_article_at(a.id, &typed, t0 + Duration::hours(1))
        .unwrap();
    lib.save_article_at(a.id, &ArticleInput::default(), t0 + Duration::hours(2))
        .unwrap();
    assert!(lib
        .list_revisions(a.id)
        .unwrap()
        .iter()
        .any(|r| r.headline == "Neuer Radweg"));
    assert!(!lib.discard_empty_draft(a.id).unwrap());
    assert!(lib.get_article(a.id).is_ok());
}

#[test]
fn an_empty_article_past_the_draft_is_kept() {
    let (_d, mut lib) = empty_library();
    let a = lib.create_article(&ArticleInput::default()).unwrap();
    lib.set_state(a.id, ArticleState::Review).unwrap();
    assert!(!lib.discard_empty_draft(a.id).unwrap());
    assert!(lib.get_article(a.id).is_ok());
    assert!(matches!(
        lib.discard_empty_draft(9999),
        Err(Error::ArticleNotFound(9999))
    ));
}
