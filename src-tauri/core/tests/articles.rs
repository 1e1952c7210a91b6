//! Articles on real SQLite files: every field round-trips, revisions follow the policy,
//! restore never overwrites, the workflow moves both ways.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::*;
use newsroom_core::{ArticleState, Error, Library, OpenOptions, RevisionReason, TagKind};

#[test]
fn create_and_read_every_field_after_reopen() {
    let (dir, mut lib) = empty_library();
    let a = lib.create_article(&full_input()).unwrap();
    drop(lib);
    let lib = common::open_at(dir.path().join("lib"), OpenOptions::default());
    let b = lib.get_article(a.id).unwrap();
    assert_eq!(b, a);
    let want = full_input();
    assert_eq!(b.kicker, want.kicker);
    assert_eq!(b.headline, want.headline);
    assert_eq!(b.teaser, want.teaser);
    assert_eq!(b.body, want.body);
    assert_eq!(b.related_links, want.related_links);
    assert_eq!(b.topics, want.topics);
    assert_eq!(b.places, want.places);
    // Stored in UTC.
    assert_eq!(b.published_at.as_deref(), Some("2025-11-12T09:30:00Z"));
    assert_eq!(b.embargo_until.as_deref(), Some("2025-11-12T08:00:00Z"));
    assert_eq!(b.author, want.author);
    assert_eq!(b.contact, want.contact);
    assert_eq!(b.state, ArticleState::Draft);
    assert!(b.created_at.ends_with('Z') && b.updated_at.ends_with('Z'));
    assert_eq!(b.lead_photo, None);
    // A reopened library is not seeded again.
    assert_eq!(lib.article_count().unwrap(), 1);
}

#[test]
fn update_replaces_every_field_and_order() {
    let (_d, mut lib) = empty_library();
    let a = lib.create_article(&full_input()).unwrap();
    let mut i = a.input();
    i.kicker = "Bildung".into();
    i.headline = "Neu".into();
    i.teaser = "T".into();
    i.body = "B".into();
    i.related_links.reverse();
    i.topics = vec!["Wirtschaft".into()];
    i.places = vec!["Nordstadt".into(), "Eving".into()];
    i.published_at = None;
    i.embargo_until = None;
    i.author = "X".into();
    i.contact = "Y".into();
    let b = lib.save_article(a.id, &i).unwrap();
    assert_eq!(b.input(), i);
    assert_eq!(lib.get_article(a.id).unwrap().input(), i);
}

#[test]
fn tags_are_trimmed_and_deduplicated_ignoring_case_and_accents() {
    let (_d, mut lib) = empty_library();
    let mut i = full_input();
    i.topics = vec![
        " Familie ".into(),
        "familie".into(),
        "".into(),
        "Kultur  und   Freizeit".into(),
    ];
    i.places = vec!["Hörde".into(), "HORDE".into()];
    let a = lib.create_article(&i).unwrap();
    assert_eq!(a.topics, vec!["Familie", "Kultur und Freizeit"]);
    assert_eq!(a.places, vec!["Hörde"]);
}

#[test]
fn bad_input_is_refused_and_loses_nothing() {
    let (_d, mut lib) = empty_library();
    let a = lib.create_article(&full_input()).unwrap();
    let mut bad = a.input();
    bad.published_at = Some("12.11.2025".into());
    bad.headline = "changed".into();
    let err = lib.save_article(a.id, &bad).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    bad.published_at = None;
    bad.body = "x".repeat(3 * 1024 * 1024);
    assert_eq!(
        lib.save_article(a.id, &bad).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(lib.get_article(a.id).unwrap(), a);
    assert_eq!(lib.get_article(999).unwrap_err().code(), "not_found");
    assert_eq!(
        lib.save_article(999, &full_input()).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn revision_policy_create_edit_interval_and_state() {
    let (_d, mut lib) = empty_library();
    let t0 = Utc.with_ymd_and_hms(2025, 11, 12, 9, 0, 0).unwrap();
    let a = lib
        .create_article_at(&full_input(), ArticleState::Draft, t0)
        .unwrap();
    let revs = lib.list_revisions(a.id).unwrap();
    assert_eq!(revs.len(), 1);
    assert_eq!(revs[0].reason, RevisionReason::Create);

    let mut i = a.input();
    // Edits within a minute of the last revision: content saved, no new revision.
    for s in 1..=5 {
        i.body.push_str(" mehr");
        lib.save_article_at(a.id, &i, t0 + Duration::seconds(s * 10))
            .unwrap();
    }
    assert_eq!(lib.list_revisions(a.id).unwrap().len(), 1);
    assert_eq!(lib.get_article(a.id).unwrap().body, i.body);
    // Unchanged content never makes a revision, however late.
    lib.save_article_at(a.id, &i, t0 + Duration::seconds(600))
        .unwrap();
    assert_eq!(lib.list_revisions(a.id).unwrap().len(), 1);
    // Changed, and a minute since the last revision: a revision.
    i.headline = "Zweite Fassung".into();
    lib.save_article_at(a.id, &i, t0 + Duration::seconds(70))
        .unwrap();
    let revs = lib.list_revisions(a.id).unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!((revs[0].rev, revs[0].reason), (2, RevisionReason::Edit));
    assert_eq!(revs[0].headline, "Zweite Fassung");
    // 30 s later: no revision...
    i.headline = "Dritte Fassung".into();
    lib.save_article_at(a.id, &i, t0 + Duration::seconds(100))
        .unwrap();
    assert_eq!(lib.list_revisions(a.id).unwrap().len(), 2);
    // ...but a state change keeps the unrevisioned typing first, then the state revision.
    let b = lib
        .set_state_at(a.id, ArticleState::Review, t0 + Duration::seconds(101))
        .unwrap();
    assert_eq!(b.state, ArticleState::Review);
    let revs = lib.list_revisions(a.id).unwrap();
    assert_eq!(revs.len(), 4);
    assert_eq!(
        (revs[1].reason, revs[1].headline.as_str()),
        (RevisionReason::Edit, "Dritte Fassung")
    );
    assert_eq!(
        (revs[0].reason, revs[0].state),
        (RevisionReason::State, ArticleState::Review)
    );
    // Setting the same state again is not a change.
    lib.set_state_at(a.id, ArticleState::Review, t0 + Duration::seconds(102))
        .unwrap();
    assert_eq!(lib.list_revisions(a.id).unwrap().len(), 4);
}

#[test]
fn restore_is_a_new_revision_and_overwrites_nothing() {
    let (_d, mut lib) = empty_library();
    let t0 = Utc.with_ymd_and_hms(2025, 11, 12, 9, 0, 0).unwrap();
    let a = lib
        .create_article_at(&full_input(), ArticleState::Draft, t0)
        .unwrap();
    let original = a.input();
    let mut i = a.input();
    i.headline = "Geändert".into();
    i.topics.push("Kultur".into());
    lib.save_article_at(a.id, &i, t0 + Duration::seconds(61))
        .unwrap();
    i.headline = "Noch einmal geändert, ohne Revision".into();
    lib.save_article_at(a.id, &i, t0 + Duration::seconds(62))
        .unwrap();
    lib.set_state_at(a.id, ArticleState::Ready, t0 + Duration::seconds(63))
        .unwrap();
    let before: Vec<_> = lib.list_revisions(a.id).unwrap();

    let restored = lib
        .restore_revision_at(a.id, 1, t0 + Duration::seconds(64))
        .unwrap();
    assert_eq!(restored.input(), original);
    // Approved text that changes needs approving again: Freigegeben goes back to In Prüfung.
    assert_eq!(restored.state, ArticleState::Review);
    let after = lib.list_revisions(a.id).unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after[0].reason, RevisionReason::Restore);
    // Every earlier revision is still there, unchanged.
    for (x, y) in after[1..].iter().zip(&before) {
        assert_eq!(
            (x.rev, &x.created_at, &x.headline),
            (y.rev, &y.created_at, &y.headline)
        );
    }
    // And the pre-restore text can itself be restored.
    let latest_before = before[0].rev;
    let back = lib.restore_revision(a.id, latest_before).unwrap();
    assert_eq!(back.headline, "Noch einmal geändert, ohne Revision");
    assert_eq!(lib.get_revision(a.id, 1).unwrap().input(), original);
    assert_eq!(
        lib.restore_revision(a.id, 99).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn restoring_into_an_approved_article_sends_it_back_to_review() {
    let (_d, mut lib) = empty_library();
    let t0 = Utc.with_ymd_and_hms(2025, 11, 12, 9, 0, 0).unwrap();
    let cases = [
        (ArticleState::Draft, ArticleState::Draft),
        (ArticleState::Review, ArticleState::Review),
        (ArticleState::Ready, ArticleState::Review),
        (ArticleState::Exported, ArticleState::Review),
    ];
    for (n, (from, to)) in cases.into_iter().enumerate() {
        let t = t0 + Duration::minutes(10 * n as i64);
        let a = lib
            .create_article_at(&full_input(), ArticleState::Draft, t)
            .unwrap();
        let mut i = a.input();
        i.headline = format!("Geändert {n}");
        lib.save_article_at(a.id, &i, t + Duration::seconds(61))
            .unwrap();
        if from == ArticleState::Exported {
            lib.mark_exported_at(a.id, "/tmp/out/x", t + Duration::seconds(62))
                .unwrap();
        } else {
            lib.set_state_at(a.id, from, t + Duration::seconds(62))
                .unwrap();
        }
        assert_eq!(lib.get_article(a.id).unwrap().state, from);

        let restored = lib
            .restore_revision_at(a.id, 1, t + Duration::seconds(63))
            .unwrap();
        assert_eq!(restored.state, to, "restore into {from:?}");
        assert_eq!(lib.get_article(a.id).unwrap().state, to);
        assert_eq!(restored.headline, full_input().headline);
        // The history shows it: the newest revision is the restore, in the state it led to.
        let newest = &lib.list_revisions(a.id).unwrap()[0];
        assert_eq!(newest.reason, RevisionReason::Restore);
        assert_eq!(newest.state, to);
        assert_eq!(newsroom_core::store::state_after_restore(from), to);
    }
}

#[test]
fn workflow_moves_forward_and_back() {
    let (_d, mut lib) = empty_library();
    let a = lib.create_article(&full_input()).unwrap();
    for s in [
        ArticleState::Review,
        ArticleState::Ready,
        ArticleState::Exported,
        ArticleState::Draft,
        ArticleState::Ready,
    ] {
        assert_eq!(lib.set_state(a.id, s).unwrap().state, s);
        assert_eq!(lib.get_article(a.id).unwrap().state, s);
    }
    assert_eq!(
        "In Prüfung".parse::<ArticleState>().unwrap(),
        ArticleState::Review
    );
    assert_eq!(
        "freigegeben".parse::<ArticleState>().unwrap(),
        ArticleState::Ready
    );
    assert!(matches!(
        "done".parse::<ArticleState>(),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn delete_removes_article_revisions_and_index() {
    let (_d, mut lib) = empty_library();
    let a = lib.create_article(&full_input()).unwrap();
    lib.delete_article(a.id).unwrap();
    assert_eq!(lib.get_article(a.id).unwrap_err().code(), "not_found");
    assert_eq!(lib.list_revisions(a.id).unwrap_err().code(), "not_found");
    let q = newsroom_core::ListQuery {
        text: Some("Straßenfest".into()),
        ..Default::default()
    };
    assert_eq!(lib.list_articles(&q).unwrap().total, 0);
    assert_eq!(lib.delete_article(a.id).unwrap_err().code(), "not_found");
}

#[test]
fn suggestions_come_from_existing_tags_most_used_first() {
    let (_d, mut lib) = empty_library();
    let mut i = full_input();
    lib.create_article(&i).unwrap();
    i.topics = vec!["Familie".into(), "Finanzen".into()];
    lib.create_article(&i).unwrap();
    assert_eq!(
        lib.suggest(TagKind::Topic, "f", 10).unwrap(),
        vec!["Familie", "Finanzen", "Freizeit"]
    );
    assert_eq!(
        lib.suggest(TagKind::Place, "ho", 10).unwrap(),
        vec!["Hörde"]
    );
    assert_eq!(lib.suggest(TagKind::Topic, "", 1).unwrap(), vec!["Familie"]);
}

#[test]
fn new_library_opens_with_samples() {
    let dir = tempfile::tempdir().unwrap();
    let lib = common::open_at(dir.path(), OpenOptions::default());
    let page = lib.list_articles(&Default::default()).unwrap();
    assert!((2..=3).contains(&page.total), "{}", page.total);
    let first = lib.get_article(page.items[0].id).unwrap();
    assert!(!first.headline.is_empty() && !first.body.is_empty() && !first.topics.is_empty());
    // Newest first.
    let dates: Vec<_> = page
        .items
        .iter()
        .map(|s| s.published_at.clone().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn article_json_patch_keeps_absent_fields_and_refuses_unknown() {
    let base = full_input();
    let (i, s) = newsroom_core::apply_article_json(
        &base,
        &serde_json::json!({"headline": "Neu", "state": "ready", "id": 5, "created_at": "x"}),
    )
    .unwrap();
    assert_eq!(i.headline, "Neu");
    assert_eq!(i.body, base.body);
    assert_eq!(s, Some(ArticleState::Ready));
    let e = newsroom_core::apply_article_json(&base, &serde_json::json!({"headlnie": "x"}))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(newsroom_core::apply_article_json(&base, &serde_json::json!([1])).is_err());
}

/// The editor's autosave: one field that cannot be taken (a date written by hand, a headline
/// pasted far too long) never stops the rest of the article from saving, and what was typed is
/// kept, across a restart and in the revisions, until it is fixed.
#[test]
fn autosave_holds_what_it_cannot_take_and_saves_the_rest() {
    let (dir, mut lib) = empty_library();
    let t0 = Utc.with_ymd_and_hms(2025, 11, 12, 9, 0, 0).unwrap();
    let a = lib
        .create_article_at(&full_input(), ArticleState::Draft, t0)
        .unwrap();
    let long = "Überschrift ".repeat(500);
    let mut typed = a.input();
    typed.embargo_until = Some("12.11.2025 10:30x".into());
    typed.headline = long.clone();
    typed.body = "Der neue Text.".into();
    let saved = lib
        .autosave_at(a.id, &typed, t0 + Duration::minutes(2))
        .unwrap();
    assert_eq!(
        saved.body, "Der neue Text.",
        "the rest of the article saved"
    );
    assert_eq!(
        saved.headline, a.headline,
        "the field keeps its last valid value"
    );
    assert_eq!(saved.embargo_until, a.embargo_until);
    let held: Vec<_> = saved
        .held
        .iter()
        .map(|h| {
            (
                h.field.as_str(),
                h.problem.as_str(),
                h.value.clone(),
                h.limit,
            )
        })
        .collect();
    assert_eq!(
        held,
        [
            ("headline", "too_long", long.clone(), Some(1000)),
            (
                "embargo_until",
                "not_a_date",
                "12.11.2025 10:30x".to_string(),
                None
            ),
        ]
    );
    // The revision kept for this edit holds the content as typed.
    let revs = lib.list_revisions(a.id).unwrap();
    let typed_rev = lib.get_revision(a.id, revs[0].rev).unwrap();
    assert_eq!(typed_rev.headline, long);
    assert_eq!(
        typed_rev.embargo_until.as_deref(),
        Some("12.11.2025 10:30x")
    );
    assert_eq!(typed_rev.held.len(), 2);
    // The preflight holds the article back while a field is held.
    let p = lib.preflight_at(a.id, t0).unwrap();
    let codes: Vec<_> = p
        .checks
        .iter()
        .map(|c| (c.code.as_str(), c.field.as_str()))
        .collect();
    assert!(codes.contains(&("field_held", "headline")), "{codes:?}");
    assert!(
        codes.contains(&("field_held", "embargo_until")),
        "{codes:?}"
    );

    // After a restart, nothing typed is gone.
    drop(lib);
    let mut lib = common::open_at(dir.path().join("lib"), OpenOptions::default());
    let again = lib.get_article(a.id).unwrap();
    assert_eq!(again.body, "Der neue Text.");
    assert_eq!(again.held, saved.held);
    assert_eq!(again.as_typed().headline, long);

    // Fixing a field takes it and lets it go.
    let mut fixed = again.as_typed();
    fixed.embargo_until = Some("2025-11-12T10:30:00+01:00".into());
    let done = lib
        .autosave_at(a.id, &fixed, t0 + Duration::minutes(3))
        .unwrap();
    assert_eq!(done.embargo_until.as_deref(), Some("2025-11-12T09:30:00Z"));
    assert_eq!(done.held.len(), 1, "the headline is still held");

    // A restore brings back content as typed, and holds again what cannot be taken.
    let restored = lib
        .restore_revision(a.id, typed_rev_rev(&lib, a.id))
        .unwrap();
    assert_eq!(restored.held.len(), 2);
    assert_eq!(
        restored.embargo_until, done.embargo_until,
        "the field keeps what it had"
    );

    // The CLI's strict save still refuses, and changes nothing.
    let before = lib.get_article(a.id).unwrap();
    assert_eq!(
        lib.save_article(a.id, &typed).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(lib.get_article(a.id).unwrap(), before);
}

/// The newest revision that holds the hand-written date.
fn typed_rev_rev(lib: &Library, id: i64) -> i64 {
    lib.list_revisions(id)
        .unwrap()
        .iter()
        .find(|r| {
            lib.get_revision(id, r.rev)
                .unwrap()
                .embargo_until
                .as_deref()
                == Some("12.11.2025 10:30x")
        })
        .unwrap()
        .rev
}

/// Limits count characters, as the counter beside the field does: a German headline of exactly
/// the limit in umlauts (twice as many bytes) is taken, one character more is refused.
#[test]
fn field_limits_count_characters_not_bytes() {
    let (_dir, mut lib) = empty_library();
    let a = lib.create_article(&full_input()).unwrap();
    let mut typed = a.input();
    typed.headline = "Ä".repeat(1000);
    let saved = lib.save_article(a.id, &typed).unwrap();
    assert_eq!(saved.headline.chars().count(), 1000);
    typed.headline.push('ö');
    let e = lib.save_article(a.id, &typed).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(
        e.to_string().contains("1001 characters, at most 1000"),
        "{e}"
    );
}
