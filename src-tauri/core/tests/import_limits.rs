//! Imports leave nothing behind: a photo whose metadata runs over the library's limits (more
//! than 200 keywords, a caption of 6,000 bytes) is imported with those cut and a warning,
//! not refused after its files were written; and an import whose row fails removes the files
//! it wrote. Tools: exiftool (installed by scripts/test-all.sh).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use newsroom_core::photos::MAX_KEYWORDS;
use newsroom_core::OpenOptions;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images")
        .join(rel)
}

/// A real photo whose XMP says far too much: 350 keywords and a 6,000-byte caption.
fn overlong_photo(dir: &Path) -> PathBuf {
    let file = dir.join("zu-viel.jpg");
    std::fs::copy(fixture("gps/DSCN0010.jpg"), &file).unwrap();
    let keywords: Vec<String> = (0..350).map(|i| format!("Stichwort{i}")).collect();
    let out = Command::new("exiftool")
        .args(["-overwrite_original", "-sep", ","])
        .arg(format!("-XMP-dc:Subject={}", keywords.join(",")))
        .arg(format!("-XMP-dc:Description={}", "ä".repeat(3000)))
        .arg(&file)
        .output()
        .expect("exiftool must be installed (apt install libimage-exiftool-perl)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

#[test]
fn metadata_over_the_limits_is_cut_with_a_warning_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = common::open_at(
        dir.path().join("lib"),
        OpenOptions {
            seed_samples: false,
        },
    );
    let file = overlong_photo(dir.path());
    let out = lib.import_photo(&file).unwrap();
    assert!(!out.duplicate);
    assert_eq!(out.photo.keywords.len(), MAX_KEYWORDS);
    assert_eq!(out.photo.keywords[0], "Stichwort0");
    assert_eq!(out.photo.caption.len(), 4000);
    assert!(out.photo.caption.chars().all(|c| c == 'ä'));
    let warned: Vec<(&str, usize, usize)> = out
        .warnings
        .iter()
        .map(|w| (w.field.as_str(), w.had, w.kept))
        .collect();
    assert_eq!(
        warned,
        [("caption", 6000, 4000), ("keywords", 350, MAX_KEYWORDS)]
    );
    // The stored photo can be edited like any other (its fields are within the limits).
    let again = lib.get_photo(out.photo.id).unwrap();
    assert_eq!(again.keywords.len(), MAX_KEYWORDS);
}

#[test]
fn an_import_whose_row_fails_leaves_no_file_behind() {
    if common::on_server() {
        // The row is refused here by a trigger in the library's SQLite file.
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let mut lib = common::open_at(
        &root,
        OpenOptions {
            seed_samples: false,
        },
    );
    let before = common::files_under(&lib.photos_dir());
    // Something refuses the row after the files are written (a full disk, a constraint).
    let db = rusqlite::Connection::open(root.join("newsroom.sqlite3")).unwrap();
    db.execute_batch(
        "CREATE TRIGGER refuse_photos BEFORE INSERT ON photos
         BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
    )
    .unwrap();
    drop(db);

    let err = lib.import_photo(&fixture("gps/DSCN0010.jpg")).unwrap_err();
    assert!(err.to_string().contains("refused for the test"), "{err}");
    assert_eq!(
        common::files_under(&lib.photos_dir()),
        before,
        "nothing left behind"
    );
}
