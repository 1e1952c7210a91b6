//! Typing kept on the desk's disk until it is stored: kept, replayed (merged, a colleague's
//! change to the same field kept as a conflict revision), cleared; the text of an article
//! deleted meanwhile set aside, not lost. Runs on both backends (see `common::open_at`); on a
//! server also through a real outage: the server stops, the save fails, the typing is kept,
//! the server comes back and a new handle (the restarted app) stores it.

mod common;

use common::{full_input, open_at};
use newsroom_core::server::testing::Cluster;
use newsroom_core::server::ServerUrl;
use newsroom_core::{ErrorCode, Library, OpenOptions, RevisionReason};

fn quiet() -> OpenOptions {
    OpenOptions {
        seed_samples: false,
    }
}

#[test]
fn kept_typing_is_stored_by_the_replay_and_merged_like_any_save() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let mut desk = open_at(&root, quiet());
    desk.set_user("Anna Beispiel");
    let a = desk.create_article(&full_input()).unwrap();
    let b = desk.create_article(&full_input()).unwrap();
    let gone = desk.create_article(&full_input()).unwrap();

    // Typed on each, not stored: kept.
    let mut typed_a = a.input();
    typed_a.teaser = "Annas Teaser, noch nicht gespeichert.".into();
    desk.journal_keep(a.id, &typed_a, a.version).unwrap();
    let mut typed_b = b.input();
    typed_b.headline = "Annas Überschrift".into();
    desk.journal_keep(b.id, &typed_b, b.version).unwrap();
    let mut typed_gone = gone.input();
    typed_gone.body = "Text eines Artikels, der gleich gelöscht wird.".into();
    desk.journal_keep(gone.id, &typed_gone, gone.version)
        .unwrap();
    assert_eq!(desk.journal_pending().unwrap().len(), 3);

    // Meanwhile a colleague changed b's headline and deleted the third article.
    let mut other = b.input();
    other.headline = "Bernds Überschrift".into();
    desk.save_article(b.id, &other).unwrap();
    desk.delete_article(gone.id).unwrap();

    // The app starts again (a new handle) and replays.
    drop(desk);
    let mut again = open_at(&root, quiet());
    let done = again.replay_journal().unwrap();
    assert_eq!(done.len(), 3);
    assert_eq!(
        again.get_article(a.id).unwrap().teaser,
        "Annas Teaser, noch nicht gespeichert."
    );
    // Both headlines exist: the newer stays current, Anna's is a conflict revision.
    assert_eq!(
        again.get_article(b.id).unwrap().headline,
        "Bernds Überschrift"
    );
    let revs = again.list_revisions(b.id).unwrap();
    let conflict = revs
        .iter()
        .find(|r| r.reason == RevisionReason::Conflict)
        .expect("a conflict revision");
    assert_eq!(conflict.headline, "Annas Überschrift");
    // The deleted article's text is set aside, not replayed again, not lost.
    assert!(again.journal_pending().unwrap().is_empty());
    let kept = again
        .journal_dir()
        .join(format!("{}-deleted.json.kept", gone.id));
    let text = std::fs::read_to_string(&kept).unwrap();
    assert!(text.contains("gleich gelöscht"), "{text}");
    assert!(again.replay_journal().unwrap().is_empty());
}

#[test]
fn typing_survives_a_server_outage_and_a_restart() {
    if common::on_server() {
        // Run once, with a cluster of its own to stop and start.
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut cluster = Cluster::start_durable();
    let url = ServerUrl::parse(&cluster.url()).unwrap();
    let cache = tmp.path().join("desk");
    let mut desk = Library::open_server(&url, Some(&cache), quiet()).unwrap();
    let a = desk.create_article(&full_input()).unwrap();

    cluster.pause();
    let mut typed = a.input();
    typed.body = "Geschrieben, während der Server weg war.".into();
    let err = desk.autosave_from(a.id, &typed, a.version).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ServerUnreachable, "{err}");
    // What the app does with a save that failed: keep it on this desk's disk.
    desk.journal_keep(a.id, &typed, a.version).unwrap();
    drop(desk); // the app is killed

    cluster.resume();
    let mut restarted = Library::open_server(&url, Some(&cache), quiet()).unwrap();
    let done = restarted.replay_journal().unwrap();
    assert!(done[0].outcome.is_ok(), "{:?}", done[0].outcome);
    assert_eq!(
        restarted.get_article(a.id).unwrap().body,
        "Geschrieben, während der Server weg war."
    );
    assert!(restarted.journal_pending().unwrap().is_empty());
}
