//! Files left behind are found and removed, and nothing else: an original, a thumbnail and a
//! rendition set of a photo that has no row, and temp files of a process that is gone, once
//! they are older than ten minutes. A photo's own files, and anything fresh (an import running
//! now), stay.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use newsroom_core::photos::ORPHAN_MIN_AGE;
use newsroom_core::OpenOptions;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images")
        .join(rel)
}

fn put(path: &Path, age: Duration) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, b"left behind").unwrap();
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - age).unwrap();
}

#[test]
fn files_nobody_claims_are_removed_and_reported_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = common::open_at(
        dir.path().join("lib"),
        OpenOptions {
            seed_samples: false,
        },
    );
    let photo = lib
        .import_photo(&fixture("gps/DSCN0010.jpg"))
        .unwrap()
        .photo;
    // Make a rendition set too (a preview).
    lib.rendition_job(photo.id).unwrap().run().unwrap();
    let own_before = {
        let mut v = common::files_under(&lib.photos_dir());
        v.extend(common::files_under(&lib.thumbs_dir()));
        v.extend(common::files_under(&lib.renditions_dir()));
        v.sort();
        v
    };
    assert!(own_before.len() >= 3, "{own_before:?}");

    let old = ORPHAN_MIN_AGE + Duration::from_secs(60);
    let gone = "ab".repeat(32);
    let fresh = "cd".repeat(32);
    let dead_pid = 999_999_999u32;
    let left = [
        lib.photos_dir().join("ab").join(format!("{gone}.jpg")),
        lib.thumbs_dir().join("ab").join(format!("{gone}.jpg")),
        lib.renditions_dir()
            .join("ab")
            .join(&gone)
            .join("k1")
            .join("640.jpg"),
        lib.photos_dir()
            .join("ab")
            .join(format!(".part-{gone}.jpg-{dead_pid}-0")),
        lib.photos_dir().join(".incoming").join("import-1.part"),
    ];
    for p in &left {
        put(p, old);
    }
    // The folder of the orphan set is old too.
    let set_dir = lib.renditions_dir().join("ab").join(&gone);
    std::fs::File::open(&set_dir)
        .and_then(|f| f.set_modified(SystemTime::now() - old))
        .ok();
    // Fresh: an import writing right now.
    let running = lib.photos_dir().join("cd").join(format!("{fresh}.jpg"));
    put(&running, Duration::ZERO);
    // Our own temp file, however old: this process is alive.
    let ours = lib
        .thumbs_dir()
        .join("ab")
        .join(format!(".tmp-x.jpg-{}-0", std::process::id()));
    put(&ours, old);

    let found = lib.orphan_files().unwrap();
    let expected: Vec<PathBuf> = {
        let mut v = vec![
            left[0].clone(),
            left[1].clone(),
            set_dir.clone(),
            left[3].clone(),
            left[4].clone(),
        ];
        v.sort();
        v
    };
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(sorted, expected);

    let mut removed = lib.repair_files().unwrap();
    removed.sort();
    assert_eq!(removed, expected);
    for p in &expected {
        assert!(!p.exists(), "{} still there", p.display());
    }
    assert!(running.exists() && ours.exists());
    for p in &own_before {
        assert!(p.exists(), "the photo's own {} was removed", p.display());
    }
    assert!(
        lib.repair_files().unwrap().is_empty(),
        "nothing left the second time"
    );
    assert!(lib
        .rendition_job(photo.id)
        .unwrap()
        .cached()
        .unwrap()
        .is_some());
}
