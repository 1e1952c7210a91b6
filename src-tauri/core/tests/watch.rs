//! Live updates: a watcher on a library learns which kinds of rows another handle (another
//! desk, the CLI) wrote, and stays quiet when nothing changed. Runs on both backends (see
//! `common::open_at`): on a folder through SQLite's data_version, on a server through the
//! notifications its triggers send.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{full_input, open_at};
use newsroom_core::photos::PhotoUpdate;
use newsroom_core::watch::{Changed, Watcher};
use newsroom_core::OpenOptions;

const WAIT: Duration = Duration::from_secs(5);

fn quiet() -> OpenOptions {
    OpenOptions {
        seed_samples: false,
    }
}

/// What the watcher reports for the next change (within 5 s), all of it.
fn next_change(w: &mut Watcher) -> Changed {
    let start = Instant::now();
    loop {
        if let Some(c) = w.next(Duration::from_millis(500)).unwrap() {
            return c;
        }
        assert!(start.elapsed() < WAIT, "no change reported within {WAIT:?}");
    }
}

#[test]
fn a_watcher_sees_which_kind_of_rows_another_writer_changed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let mut desk = open_at(&root, quiet());
    let mut w = Watcher::open(desk.location()).unwrap();
    assert_eq!(
        w.next(Duration::from_millis(300)).unwrap(),
        None,
        "nothing happened yet"
    );

    let a = desk.create_article(&full_input()).unwrap();
    let c = next_change(&mut w);
    assert!(c.articles && !c.photos && !c.locks, "{c:?}");

    let mut input = a.input();
    input.teaser = "Neu".into();
    desk.save_article(a.id, &input).unwrap();
    assert!(next_change(&mut w).articles);

    desk.lock_article(a.id, "desk-1").unwrap();
    let c = next_change(&mut w);
    assert!(c.locks && !c.articles, "{c:?}");
    // Renewing only extends the lease: nobody needs to hear of it.
    desk.renew_lock(a.id, "desk-1").unwrap();
    assert_eq!(w.next(Duration::from_millis(600)).unwrap(), None);
    desk.release_lock(a.id, "desk-1").unwrap();
    assert!(next_change(&mut w).locks);

    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images/orientation/landscape_3.jpg");
    let photo = desk.import_photo(&fixture).unwrap().photo;
    assert!(next_change(&mut w).photos);
    desk.update_photo(
        photo.id,
        &PhotoUpdate {
            alt_text: Some("Ein Bild".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(next_change(&mut w).photos);

    desk.delete_article(a.id).unwrap();
    assert!(next_change(&mut w).articles);
    assert_eq!(w.next(Duration::from_millis(300)).unwrap(), None);
}
