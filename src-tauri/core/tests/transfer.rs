//! Copying a library between backends: a desk folder pushed into a shared library on the test
//! PostgreSQL server, then pulled back into a new folder, keeps everything (ids, revisions,
//! photos and their originals, settings, words); a target that is not empty is refused.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{Duration, TimeZone, Utc};
use newsroom_core::export::{self, ExportFormat, ExportRequest};
use newsroom_core::photos::{CreditSettings, PhotoQuery, PhotoUpdate};
use newsroom_core::server::testing::TestServer;
use newsroom_core::server::ServerUrl;
use newsroom_core::transfer::copy_library;
use newsroom_core::{ArticleInput, ArticleState, LeadPhoto, Library, OpenOptions};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const EMPTY: OpenOptions = OpenOptions {
    seed_samples: false,
};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images")
        .join(rel)
}

fn server(cache: &Path) -> Library {
    let url = ServerUrl::parse(&TestServer::shared().fresh_url()).unwrap();
    Library::open_server(&url, Some(cache), EMPTY).unwrap()
}

/// A desk library with articles in every state (several revisions each, tags, links, held
/// fields, an export mark), photos as lead and body figures, settings and a user's word.
fn desk_library(root: &Path) -> Library {
    let mut lib = Library::open(root, EMPTY).unwrap();
    let mut photos = Vec::new();
    for (i, f) in ["color/jpg-srgb-icc.jpg", "color/jpg-gray.jpg"]
        .iter()
        .enumerate()
    {
        let p = lib.import_photo(&fixture(f)).unwrap().photo;
        let update = PhotoUpdate {
            credit: Some(format!("Bild: Stadt Dortmund / Fotograf {i}")),
            alt_text: Some(format!("Beschreibung {i}")),
            caption: Some(format!("Bildunterschrift {i}")),
            ..Default::default()
        };
        photos.push(lib.update_photo(p.id, &update).unwrap());
    }
    lib.set_credit_settings(&CreditSettings {
        organisation: "Stadt Dortmund".into(),
        template: "Foto: {organisation} / {creator}".into(),
    })
    .unwrap();
    lib.set_setting("ui.theme", "dark").unwrap();
    lib.add_dictionary_word("Quatschkopfweg").unwrap();

    let t0 = Utc.with_ymd_and_hms(2025, 11, 12, 9, 0, 0).unwrap();
    let states = [
        ArticleState::Draft,
        ArticleState::Review,
        ArticleState::Ready,
        ArticleState::Exported,
    ];
    for i in 0..7i64 {
        let t = t0 + Duration::days(i);
        let mut input = common::full_input();
        input.headline = format!("Meldung {i}: Straßenfest in Hörde");
        let a = lib
            .create_article_at(&input, ArticleState::Draft, t)
            .unwrap();
        input.body.push_str(&format!(
            "\n![Bühne](photo:{} \"Die Bühne am Hafen\")\n",
            photos[1].id
        ));
        input.lead_photo = Some(LeadPhoto {
            photo_id: photos[0].id,
            caption: Some("Der Hafen".into()),
            alt_text: None,
            crop: None,
            crops: Default::default(),
        });
        lib.save_article_at(a.id, &input, t + Duration::hours(1))
            .unwrap();
        input.teaser.push_str(" Mit Feuerwerk.");
        lib.save_article_at(a.id, &input, t + Duration::hours(2))
            .unwrap();
        let state = states[i as usize % states.len()];
        if state != ArticleState::Draft {
            lib.set_state_at(a.id, state, t + Duration::hours(3))
                .unwrap();
        }
        if state == ArticleState::Exported {
            lib.mark_exported_at(a.id, &format!("meldung-{i}"), t + Duration::hours(4))
                .unwrap();
        }
    }
    let held = lib.create_article(&ArticleInput::default()).unwrap();
    let typed = ArticleInput {
        headline: "Termin folgt".into(),
        published_at: Some("31.02.2026".into()),
        ..Default::default()
    };
    assert_eq!(lib.autosave(held.id, &typed).unwrap().held.len(), 1);
    lib
}

/// Everything a user sees of a library, as JSON.
fn contents(lib: &Library) -> Value {
    let articles: Vec<Value> = lib
        .article_ids()
        .unwrap()
        .into_iter()
        .map(|id| {
            let revisions = lib.list_revisions(id).unwrap();
            let snapshots: Vec<Value> = revisions
                .iter()
                .map(|r| serde_json::to_value(lib.get_revision(id, r.rev).unwrap()).unwrap())
                .collect();
            json!({
                "article": lib.get_article(id).unwrap(),
                "revisions": revisions,
                "snapshots": snapshots,
            })
        })
        .collect();
    let photos = lib
        .list_photos(&PhotoQuery {
            limit: Some(500),
            ..Default::default()
        })
        .unwrap()
        .items;
    let originals: Vec<String> = photos
        .iter()
        .map(|p| {
            let bytes = std::fs::read(lib.original_file(&p.sha256, p.format).unwrap()).unwrap();
            format!("{:x}", Sha256::digest(&bytes))
        })
        .collect();
    json!({
        "articles": articles,
        "photos": photos,
        "originals": originals,
        "credits": lib.credit_settings().unwrap(),
        "theme": lib.setting("ui.theme").unwrap(),
        "words": lib.dictionary_words().unwrap(),
    })
}

#[test]
fn push_and_pull_keep_everything() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_library(&dir.path().join("desk"));
    let before = contents(&desk);
    assert_eq!(before["articles"].as_array().unwrap().len(), 8);
    assert!(before["words"].to_string().contains("Quatschkopfweg"));

    let mut shared = server(&dir.path().join("cache"));
    let pushed = copy_library(&desk, &mut shared).unwrap();
    assert_eq!(
        (pushed.articles, pushed.photos, pushed.user_words),
        (8, 2, 1)
    );
    assert!(pushed.revisions >= 8 * 3, "{pushed:?}");
    // Read through a fresh cache: the originals come from the server's chunks.
    assert!(!dir.path().join("cache/photos").exists());
    assert_eq!(contents(&shared), before);
    let found = shared
        .list_articles(&newsroom_core::ListQuery {
            text: Some("strassenfest hoerde".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 7);

    let mut copy = Library::open(dir.path().join("copy"), EMPTY).unwrap();
    let pulled = copy_library(&shared, &mut copy).unwrap();
    assert_eq!(pulled.articles, pushed.articles);
    assert_eq!(pulled.revisions, pushed.revisions);
    drop(copy);
    let mut copy = Library::open(dir.path().join("copy"), EMPTY).unwrap();
    assert_eq!(contents(&copy), before);
    assert_eq!(copy.integrity_check().unwrap(), "ok");

    // New rows continue after the copied ids, on both sides.
    let max = *desk.article_ids().unwrap().last().unwrap();
    assert!(shared.create_article(&ArticleInput::default()).unwrap().id > max);
    assert!(copy.create_article(&ArticleInput::default()).unwrap().id > max);
    let photo = shared
        .import_photo(&fixture("orientation/f3-exif.jpg"))
        .unwrap();
    assert!(photo.photo.id > 2, "{:?}", photo.photo.id);

    // The pulled copy exports its ready articles, photos included.
    let ready = copy
        .list_articles(&newsroom_core::ListQuery {
            state: Some(ArticleState::Ready),
            ..Default::default()
        })
        .unwrap();
    assert!(ready.total > 0);
    let ids: Vec<i64> = ready.items.iter().map(|s| s.id).collect();
    let lib = Mutex::new(copy);
    let report = export::export(
        &lib,
        &ExportRequest {
            ids: Some(ids.clone()),
            format: ExportFormat::Both,
            fragment: false,
            out: dir.path().join("out"),
            force: false,
            include_embargoed: false,
            base_url: None,
        },
        |_| {},
    )
    .unwrap();
    assert_eq!(report.exported.len(), ids.len(), "{report:#?}");
}

#[test]
fn a_target_that_is_not_empty_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_library(&dir.path().join("desk"));
    let mut shared = server(&dir.path().join("cache"));
    shared
        .create_article(&ArticleInput {
            headline: "Schon da".into(),
            ..Default::default()
        })
        .unwrap();
    let before = contents(&shared);
    let err = copy_library(&desk, &mut shared).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    assert_eq!(contents(&shared), before);

    let mut other = Library::open(dir.path().join("other"), OpenOptions::default()).unwrap();
    let before = contents(&other);
    assert!(copy_library(&desk, &mut other).is_err());
    assert_eq!(contents(&other), before);
}
