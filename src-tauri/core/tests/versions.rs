//! Versions and merged saves: every stored change counts the version up; a save based on an
//! older version merges with what another writer stored since, and text that loses a
//! concurrent edit of the same field is kept as a `conflict` revision with its author. Runs on
//! both backends (see `common::open_at`).

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::{empty_library, full_input, open_at};
use newsroom_core::store::KEEP_VERSIONS;
use newsroom_core::{ArticleInput, ArticleState, OpenOptions, RevisionReason};

fn quiet() -> OpenOptions {
    OpenOptions {
        seed_samples: false,
    }
}

#[test]
fn every_stored_change_counts_the_version_up() {
    let (_dir, mut lib) = empty_library();
    let t = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let a = lib
        .create_article_at(&full_input(), ArticleState::Draft, t)
        .unwrap();
    assert_eq!(a.version, 1);
    let mut input = a.input();
    input.headline = "Neu".into();
    let a = lib.save_article_at(a.id, &input, t).unwrap();
    assert_eq!(a.version, 2);
    // Nothing changed: nothing stored, the version stays.
    let a = lib.save_article_at(a.id, &input, t).unwrap();
    assert_eq!(a.version, 2);
    let a = lib.set_state_at(a.id, ArticleState::Ready, t).unwrap();
    assert_eq!(a.version, 3);
    let a = lib.restore_revision_at(a.id, 1, t).unwrap();
    assert_eq!(a.version, 4);
    let a = lib.mark_exported_at(a.id, "/tmp/out/x", t).unwrap();
    assert_eq!(a.version, 5);
    assert_eq!(lib.get_article(a.id).unwrap().version, 5);
    // The content of each version is kept, the base of a late save.
    assert_eq!(
        lib.article_version(a.id, 2).unwrap().unwrap().headline,
        "Neu"
    );
    assert_eq!(
        lib.article_version(a.id, 1).unwrap().unwrap().headline,
        full_input().headline
    );
}

#[test]
fn saves_of_different_fields_from_one_base_both_land() {
    let (_dir, mut lib) = empty_library();
    let a = lib.create_article(&full_input()).unwrap();
    let base = a.version;

    let mut mine = a.input();
    mine.headline = "Meine Überschrift".into();
    let first = lib.save_article_from(a.id, &mine, base).unwrap();
    assert!(first.conflicts.is_empty());
    assert!(!first.merged, "nobody stored anything since");
    assert_eq!(first.changed_by, None);

    let mut theirs = a.input();
    theirs.body = "Ein anderer Text.".into();
    theirs.topics = vec!["Kultur".into()];
    let second = lib.autosave_from(a.id, &theirs, base).unwrap();
    assert!(second.conflicts.is_empty(), "{:?}", second.conflicts);
    assert_eq!(second.conflict_rev, None);
    assert!(second.merged, "the first save was merged in");
    let now = lib.get_article(a.id).unwrap();
    assert_eq!(now.headline, "Meine Überschrift");
    assert_eq!(now.body, "Ein anderer Text.");
    assert_eq!(now.topics, vec!["Kultur"]);
    assert_eq!(now.teaser, full_input().teaser);
    assert_eq!(now.version, base + 2);
}

#[test]
fn the_same_field_changed_twice_keeps_the_later_text_as_a_conflict_revision() {
    let (_dir, mut lib) = empty_library();
    let a = lib.create_article(&full_input()).unwrap();
    let base = a.version;

    lib.set_user("anna");
    let mut anna = a.input();
    anna.headline = "Annas Überschrift".into();
    lib.autosave_from(a.id, &anna, base).unwrap();

    lib.set_user("ben");
    let mut ben = a.input();
    ben.headline = "Bens Überschrift".into();
    ben.kicker = "Bens Dachzeile".into();
    let out = lib.autosave_from(a.id, &ben, base).unwrap();
    assert_eq!(out.conflicts, ["headline"]);
    // Ben is told whose change his save met.
    assert_eq!(out.changed_by.as_deref(), Some("anna"));
    // Anna's headline stays, Ben's other change lands.
    assert_eq!(out.article.headline, "Annas Überschrift");
    assert_eq!(out.article.kicker, "Bens Dachzeile");

    let rev = out.conflict_rev.expect("a conflict revision");
    let revs = lib.list_revisions(a.id).unwrap();
    let kept = revs.iter().find(|r| r.rev == rev).unwrap();
    assert_eq!(kept.reason, RevisionReason::Conflict);
    assert_eq!(kept.author, "ben");
    assert_eq!(kept.headline, "Bens Überschrift");
    let text = lib.get_revision(a.id, rev).unwrap();
    assert_eq!(text.headline, "Bens Überschrift");
    assert_eq!(text.kicker, "Bens Dachzeile");
    // Nothing lost: restoring Ben's text brings it back (as a new revision).
    let restored = lib.restore_revision(a.id, rev).unwrap();
    assert_eq!(restored.headline, "Bens Überschrift");
}

#[test]
fn a_base_no_longer_kept_makes_every_difference_a_conflict() {
    let (_dir, mut lib) = empty_library();
    let a = lib.create_article(&full_input()).unwrap();
    let mut input = a.input();
    for i in 0..KEEP_VERSIONS + 5 {
        input.body = format!("Fassung {i}");
        lib.save_article(a.id, &input).unwrap();
    }
    assert!(lib.article_version(a.id, 1).unwrap().is_none(), "pruned");
    assert!(lib.article_version(a.id, 6).unwrap().is_none());
    assert!(
        lib.article_version(a.id, 7).unwrap().is_some(),
        "the last 50 are kept"
    );
    let current = lib.get_article(a.id).unwrap();
    assert_eq!(current.version, KEEP_VERSIONS + 6);

    // Edited from version 1: the headline changed there, the body is old.
    let mut late = a.input();
    late.headline = "Spät".into();
    let out = lib.save_article_from(a.id, &late, 1).unwrap();
    assert_eq!(out.conflicts, ["headline", "body"]);
    assert_eq!(out.article.headline, full_input().headline);
    assert_eq!(out.article.body, current.body);
    let kept = lib.get_revision(a.id, out.conflict_rev.unwrap()).unwrap();
    assert_eq!(kept.headline, "Spät");
    assert_eq!(kept.body, full_input().body);
}

#[test]
fn a_save_based_on_the_current_version_is_taken_whole() {
    let (_dir, mut lib) = empty_library();
    let a = lib.create_article(&full_input()).unwrap();
    let mut input = ArticleInput {
        headline: "Alles neu".into(),
        ..Default::default()
    };
    let out = lib.save_article_from(a.id, &input, a.version).unwrap();
    assert!(out.conflicts.is_empty());
    assert_eq!(out.article.input(), input);
    // The next save is based on the answer's version.
    input.teaser = "Und noch ein Teaser".into();
    let out = lib
        .save_article_from(a.id, &input, out.article.version)
        .unwrap();
    assert!(out.conflicts.is_empty());
    assert_eq!(out.article.teaser, "Und noch ein Teaser");
}

#[test]
fn two_handles_on_one_library_interleave_saves_without_losing_any() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let mut one = open_at(&root, quiet());
    let mut two = open_at(&root, quiet());
    one.set_user("anna");
    two.set_user("ben");
    let a = one.create_article(&full_input()).unwrap();
    let seen = two.get_article(a.id).unwrap();
    assert_eq!(seen.version, a.version);

    // Each desk edits its own field from the version it last saw.
    let (mut a1, mut a2) = (a.clone(), seen);
    for i in 0..5 {
        let mut mine = a1.input();
        mine.teaser = format!("Anna {i}");
        a1 = one.autosave_from(a.id, &mine, a1.version).unwrap().article;
        let mut mine = a2.input();
        mine.body = format!("Ben {i}");
        let out = two.autosave_from(a.id, &mine, a2.version).unwrap();
        assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
        a2 = out.article;
    }
    let end = one.get_article(a.id).unwrap();
    assert_eq!(end.teaser, "Anna 4");
    assert_eq!(end.body, "Ben 4");
    assert_eq!(end.version, 11);

    // Both change the headline from the same version: the later one is kept as a revision.
    let base = end.version;
    let mut mine = end.input();
    mine.headline = "Anna".into();
    one.autosave_from(a.id, &mine, base).unwrap();
    mine.headline = "Ben".into();
    let out = two.autosave_from(a.id, &mine, base).unwrap();
    assert_eq!(out.conflicts, ["headline"]);
    assert_eq!(one.get_article(a.id).unwrap().headline, "Anna");
    let revs = one.list_revisions(a.id).unwrap();
    assert!(revs
        .iter()
        .any(|r| r.reason == RevisionReason::Conflict && r.author == "ben" && r.headline == "Ben"));
}

#[test]
fn two_desks_saving_at_once_on_their_own_threads_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let mut lib = open_at(&root, quiet());
    let a = lib.create_article(&full_input()).unwrap();
    let desks: Vec<_> = ["teaser", "body"]
        .into_iter()
        .map(|field| {
            let mut lib = open_at(&root, quiet());
            let mut last = a.clone();
            std::thread::spawn(move || {
                for i in 0..20 {
                    let mut mine = last.input();
                    let text = format!("{field} {i}");
                    match field {
                        "teaser" => mine.teaser = text,
                        _ => mine.body = text,
                    }
                    let out = lib.autosave_from(last.id, &mine, last.version).unwrap();
                    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
                    last = out.article;
                }
            })
        })
        .collect();
    for d in desks {
        d.join().unwrap();
    }
    let end = lib.get_article(a.id).unwrap();
    assert_eq!(end.teaser, "teaser 19");
    assert_eq!(end.body, "body 19");
    assert_eq!(end.version, 41);
}

#[test]
fn revisions_record_who_wrote_them() {
    let (_dir, mut lib) = empty_library();
    lib.set_user("  pressestelle ");
    assert_eq!(lib.user(), "pressestelle");
    let t = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let a = lib
        .create_article_at(&full_input(), ArticleState::Draft, t)
        .unwrap();
    lib.set_user("web");
    let mut input = a.input();
    input.body = "Neu".into();
    lib.save_article_at(a.id, &input, t + Duration::seconds(61))
        .unwrap();
    let revs = lib.list_revisions(a.id).unwrap();
    let authors: Vec<&str> = revs.iter().map(|r| r.author.as_str()).collect();
    assert_eq!(authors, ["web", "pressestelle"]);
}
