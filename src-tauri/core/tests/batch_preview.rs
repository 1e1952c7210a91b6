//! Seeing a batch edit before it writes: which photos and fields change (old → new), whether
//! anything there now would be overwritten, and captions that would name a different
//! photographer than the new credit. Real photos from `tests/fixtures/images`.

mod common;

use std::path::{Path, PathBuf};

use newsroom_core::photos::{
    caption_warning, credit_name, mentions, BatchEdit, BatchField, CreditSettings, Photo,
    PhotoUpdate,
};
use newsroom_core::Library;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images")
        .join(rel)
}

fn import(lib: &mut Library, rel: &str) -> Photo {
    lib.import_photo(&fixture(rel)).unwrap().photo
}

fn office(lib: &Library) {
    lib.set_credit_settings(&CreditSettings {
        organisation: "Stadt Dortmund".into(),
        template: "Bild: {organisation} / {creator}".into(),
    })
    .unwrap();
}

/// Photo `id` as the database holds it, for comparing before and after.
fn row(lib: &Library, id: i64) -> Photo {
    lib.get_photo(id).unwrap()
}

#[test]
fn preview_lists_what_would_be_overwritten_and_writes_nothing() {
    let (_d, mut lib) = common::empty_library();
    office(&lib);
    let credited = import(&mut lib, "orientation/landscape_3.jpg");
    let bare = import(&mut lib, "orientation/portrait_8.jpg");
    lib.update_photo(
        credited.id,
        &PhotoUpdate {
            creator: Some("Anna Schmidt".into()),
            credit: Some("Foto: Anna Schmidt".into()),
            caption: Some("Der neue Spielplatz. Foto: Anna Schmidt".into()),
            ..Default::default()
        },
    )
    .unwrap();
    // `bare` has neither creator nor caption of ours; clear what the file may have carried.
    lib.update_photo(
        bare.id,
        &PhotoUpdate {
            creator: Some(String::new()),
            caption: Some("Blick über den Phoenix-See".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let bare_before = row(&lib, bare.id);
    let credited_before = row(&lib, credited.id);

    let edit = BatchEdit {
        ids: vec![credited.id, bare.id],
        creator: Some("Max Muster".into()),
        caption: None,
        apply_template: true,
    };
    let p = lib.preview_batch_edit(&edit).unwrap();

    // Nothing was written.
    assert_eq!(row(&lib, credited.id), credited_before);
    assert_eq!(row(&lib, bare.id), bare_before);

    let of = |id: i64, f: BatchField| {
        p.changes
            .iter()
            .find(|c| c.photo_id == id && c.field == f)
            .map(|c| (c.before.as_str(), c.after.as_str()))
    };
    assert_eq!(
        of(credited.id, BatchField::Credit),
        Some(("Foto: Anna Schmidt", "Bild: Stadt Dortmund / Max Muster"))
    );
    assert_eq!(
        of(credited.id, BatchField::Creator),
        Some(("Anna Schmidt", "Max Muster"))
    );
    assert_eq!(of(credited.id, BatchField::Caption), None, "unchanged");
    assert_eq!(of(bare.id, BatchField::Creator), Some(("", "Max Muster")));
    assert_eq!(
        of(bare.id, BatchField::Credit).map(|c| c.1),
        Some("Bild: Stadt Dortmund / Max Muster")
    );
    let names: Vec<_> = p
        .changes
        .iter()
        .filter(|c| c.photo_id == credited.id)
        .map(|c| c.name.as_str())
        .collect();
    assert!(names.iter().all(|n| *n == "landscape_3.jpg"), "{names:?}");
    assert!(p.overwrites, "Anna Schmidt's credit would be replaced");

    // The caption still credits Anna Schmidt, the new credit Max Muster: warned, for that photo.
    assert_eq!(p.caption_warnings.len(), 1, "{:?}", p.caption_warnings);
    let w = &p.caption_warnings[0];
    assert_eq!(w.photo_id, credited.id);
    assert_eq!(w.named, "Anna Schmidt");
    assert_eq!(w.credit, "Bild: Stadt Dortmund / Max Muster");

    // What the preview shows is what applying does.
    let r = lib.batch_edit(&edit).unwrap();
    for c in &p.changes {
        let after = r.updated.iter().find(|u| u.id == c.photo_id).unwrap();
        let now = match c.field {
            BatchField::Creator => &after.creator,
            BatchField::Caption => &after.caption,
            BatchField::Credit => &after.credit,
        };
        assert_eq!(now, &c.after, "{c:?}");
    }
}

#[test]
fn filling_empty_credits_overwrites_nothing() {
    let (_d, mut lib) = common::empty_library();
    office(&lib);
    let a = import(&mut lib, "orientation/landscape_3.jpg");
    let b = import(&mut lib, "progressive/progressive3.jpg");
    for id in [a.id, b.id] {
        lib.update_photo(
            id,
            &PhotoUpdate {
                creator: Some("Erika Muster".into()),
                caption: Some("Foto: Erika Muster".into()),
                ..Default::default()
            },
        )
        .unwrap();
    }
    // These fixtures carry no credit of their own.
    let empty = vec![a.id, b.id];
    for &id in &empty {
        assert_eq!(row(&lib, id).credit, "", "fixture {id} has a credit");
    }
    let p = lib
        .preview_batch_edit(&BatchEdit {
            ids: empty.clone(),
            apply_template: true,
            ..Default::default()
        })
        .unwrap();
    assert!(!p.overwrites, "{:?}", p.changes);
    assert_eq!(p.changes.len(), empty.len());
    assert!(p.changes.iter().all(|c| c.before.is_empty()));
    // The caption names the creator the new credit names too: no warning.
    assert!(p.caption_warnings.is_empty(), "{:?}", p.caption_warnings);
}

#[test]
fn the_caption_rule() {
    assert_eq!(
        credit_name("Bild: Stadt Dortmund / Anna Schmidt"),
        "Anna Schmidt"
    );
    assert_eq!(credit_name("Foto: Max Muster"), "Max Muster");
    assert_eq!(credit_name("dpa"), "dpa");
    assert!(mentions("Foto: ANNA SCHMIDT, 2025", "Anna Schmidt"));
    assert!(mentions("Jürgen Groß am See", "Jurgen Gross"));
    assert!(!mentions("Annahme im Rathaus", "Anna"), "whole words only");

    let photo = |creator: &str, credit: &str, caption: &str| Photo {
        creator: creator.into(),
        credit: credit.into(),
        caption: caption.into(),
        ..serde_json::from_value(serde_json::json!({
            "id": 7, "sha256": "", "format": "jpeg", "bytes": 0, "width": 1, "height": 1,
            "orientation": 1, "original_name": "see.jpg", "caption": "", "credit": "",
            "credit_source": "file", "creator": "", "copyright": "", "alt_text": "",
            "headline": "", "date_created": null, "city": "", "location": "", "country": "",
            "keywords": [], "camera": "", "has_gps": false, "imported_at": "", "updated_at": "",
            "usage_count": 0, "focus": null, "crops": {}
        }))
        .unwrap()
    };
    let old = photo(
        "Anna Schmidt",
        "Foto: Anna Schmidt",
        "Am See. Foto: Anna Schmidt",
    );
    // Credit now names someone else: warned.
    let new = photo(
        "Max Muster",
        "Bild: Stadt Dortmund / Max Muster",
        &old.caption,
    );
    assert_eq!(caption_warning(&old, &new).unwrap().named, "Anna Schmidt");
    // The old credit's name alone is enough (no creator recorded).
    let old_credit_only = photo("", "Bild: Anna Schmidt", &old.caption);
    assert!(caption_warning(&old_credit_only, &new).is_some());
    // The new credit still names her: no warning.
    let same = photo(
        "Anna Schmidt",
        "Bild: Stadt Dortmund / Anna Schmidt",
        &old.caption,
    );
    assert!(caption_warning(&old, &same).is_none());
    // The caption does not name her: no warning.
    let plain = photo("Max Muster", "Bild: Stadt Dortmund / Max Muster", "Am See.");
    assert!(caption_warning(&old, &plain).is_none());
    // The credit does not change: no warning, whatever the caption says.
    assert!(caption_warning(&old, &old).is_none());
}
