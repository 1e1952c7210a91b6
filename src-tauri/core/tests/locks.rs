//! Soft locks on an article's text: one editor holds a lease, the others see who and may take
//! over; a crashed editor's lock runs out; a lock never blocks a save. Two handles on one
//! library stand for two desks. Runs on both backends (see `common::open_at`).

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{full_input, open_at};
use newsroom_core::store::{Lease, LEASE_SECS};
use newsroom_core::{ErrorCode, Library, OpenOptions};

fn quiet() -> OpenOptions {
    OpenOptions {
        seed_samples: false,
    }
}

/// A desk named `user` whose clock reads `at`.
fn desk(root: &std::path::Path, user: &str, at: DateTime<Utc>) -> Library {
    let mut lib = open_at(root, quiet());
    lib.set_user(user);
    lib.set_clock(move || at);
    lib
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn holder(lease: &Lease) -> (&'static str, &str) {
    match lease {
        Lease::Held { lock } => ("held", &lock.holder),
        Lease::Busy { lock } => ("busy", &lock.holder),
        Lease::Lost { lock } => ("lost", &lock.holder),
    }
}

#[test]
fn one_editor_holds_the_text_and_another_can_take_over() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let mut anna = desk(&root, "Anna Beispiel", t0());
    let bernd = desk(&root, "Bernd Muster", t0() + Duration::seconds(5));
    let id = anna.create_article(&full_input()).unwrap().id;

    assert_eq!(
        holder(&anna.lock_article(id, "anna-1").unwrap()),
        ("held", "Anna Beispiel")
    );
    // Bernd sees who writes, and the list shows it to him but not to Anna's own editor.
    assert_eq!(
        holder(&bernd.lock_article(id, "bernd-1").unwrap()),
        ("busy", "Anna Beispiel")
    );
    let seen = bernd.edit_locks(Some("bernd-1")).unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].article_id, seen[0].holder.as_str()),
        (id, "Anna Beispiel")
    );
    assert!(anna.edit_locks(Some("anna-1")).unwrap().is_empty());
    // Renewing keeps it, with the time it was first taken.
    let Lease::Held { lock } = anna.renew_lock(id, "anna-1").unwrap() else {
        panic!("renewal refused")
    };
    assert_eq!(lock.since, "2026-03-02T09:00:00.000Z");

    // Bernd takes over; Anna learns it on her next renewal and does not get it back.
    assert_eq!(
        holder(&bernd.take_over_lock(id, "bernd-1").unwrap()),
        ("held", "Bernd Muster")
    );
    assert_eq!(
        holder(&anna.renew_lock(id, "anna-1").unwrap()),
        ("lost", "Bernd Muster")
    );
    assert_eq!(
        holder(&anna.lock_article(id, "anna-1").unwrap()),
        ("busy", "Bernd Muster")
    );
    assert_eq!(bernd.edit_lock(id).unwrap().unwrap().holder, "Bernd Muster");

    // A lock never blocks a save: Anna's last text still lands (merged against its base).
    let mut input = anna.get_article(id).unwrap().input();
    let base = anna.get_article(id).unwrap().version;
    input.teaser = "Anna speichert trotzdem.".into();
    anna.save_article_from(id, &input, base).unwrap();
    assert_eq!(
        bernd.get_article(id).unwrap().teaser,
        "Anna speichert trotzdem."
    );

    // Releasing someone else's lock does nothing; the holder's release frees the article.
    anna.release_lock(id, "anna-1").unwrap();
    assert!(bernd.edit_lock(id).unwrap().is_some());
    bernd.release_lock(id, "bernd-1").unwrap();
    assert!(anna.edit_lock(id).unwrap().is_none());
    assert_eq!(
        holder(&anna.lock_article(id, "anna-2").unwrap()),
        ("held", "Anna Beispiel")
    );
}

#[test]
fn a_crashed_editors_lock_runs_out() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let mut anna = desk(&root, "Anna Beispiel", t0());
    let id = anna.create_article(&full_input()).unwrap().id;
    anna.lock_article(id, "anna-1").unwrap();

    let before = desk(
        &root,
        "Bernd Muster",
        t0() + Duration::seconds(LEASE_SECS - 1),
    );
    assert_eq!(
        holder(&before.lock_article(id, "bernd-1").unwrap()).0,
        "busy"
    );
    let after = desk(
        &root,
        "Bernd Muster",
        t0() + Duration::seconds(LEASE_SECS + 1),
    );
    assert!(after.edit_locks(None).unwrap().is_empty());
    assert!(after.edit_lock(id).unwrap().is_none());
    assert_eq!(
        holder(&after.lock_article(id, "bernd-1").unwrap()),
        ("held", "Bernd Muster")
    );
    // Anna's editor comes back: she learns that Bernd has it now.
    assert_eq!(
        holder(&anna.renew_lock(id, "anna-1").unwrap()),
        ("lost", "Bernd Muster")
    );

    // A lock that ran out with nobody else taking it is simply taken again on renewal.
    let later = desk(
        &root,
        "Bernd Muster",
        t0() + Duration::seconds(10 * LEASE_SECS),
    );
    assert_eq!(
        holder(&later.renew_lock(id, "bernd-1").unwrap()),
        ("held", "Bernd Muster")
    );
}

#[test]
fn a_persons_own_lock_from_another_window_is_theirs_and_closing_gives_all_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let mut anna = desk(&root, "Anna Beispiel", t0());
    let id = anna.create_article(&full_input()).unwrap().id;
    let other = anna.create_article(&full_input()).unwrap().id;
    anna.lock_article(id, "crashed-window").unwrap();
    anna.lock_article(other, "crashed-window").unwrap();
    // Anna's app starts again within the lease: the article is hers, not "busy".
    let again = desk(&root, "Anna Beispiel", t0() + Duration::seconds(5));
    assert_eq!(
        holder(&again.lock_article(id, "new-window").unwrap()),
        ("held", "Anna Beispiel")
    );
    // Bernd still sees Anna.
    let bernd = desk(&root, "Bernd Muster", t0() + Duration::seconds(6));
    assert_eq!(
        holder(&bernd.lock_article(id, "bernd-1").unwrap()),
        ("busy", "Anna Beispiel")
    );
    // A window that closes gives up all it holds.
    again.release_session("crashed-window").unwrap();
    assert!(bernd.edit_lock(other).unwrap().is_none());
    assert!(
        bernd.edit_lock(id).unwrap().is_some(),
        "the new window's lock stays"
    );
    again.release_session("new-window").unwrap();
    assert!(bernd.edit_locks(None).unwrap().is_empty());
}

#[test]
fn locks_need_an_article_and_a_session_and_go_with_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let mut anna = desk(&root, "Anna Beispiel", t0());
    let id = anna.create_article(&full_input()).unwrap().id;
    assert_eq!(
        anna.lock_article(id + 100, "a").unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        anna.lock_article(id, " ").unwrap_err().code(),
        ErrorCode::InvalidInput
    );
    let long = "x".repeat(201);
    assert_eq!(
        anna.lock_article(id, &long).unwrap_err().code(),
        ErrorCode::InvalidInput
    );
    anna.lock_article(id, "anna-1").unwrap();
    anna.delete_article(id).unwrap();
    assert!(anna.edit_locks(None).unwrap().is_empty());
}
