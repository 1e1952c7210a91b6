//! The rendition cache is safe to share: workers making the same set at once never clear each
//! other's work; an export that holds a photo's set keeps it while a preview or an import of
//! the same photo makes a new one; and a cache file changed on disk (same size, other bytes)
//! is made again, checked by the SHA-256 recorded when it was written, before it is linked
//! into a bundle.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::Utc;
use common::full_input;
use newsroom_core::export::{write_bundle, Content, ExportFormat, Plan};
use newsroom_core::photos::PhotoUpdate;
use newsroom_core::{ArticleState, LeadPhoto, Library, OpenOptions};
use sha2::{Digest, Sha256};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images")
        .join(rel)
}

fn open(root: &Path) -> Library {
    common::open_at(
        root,
        OpenOptions {
            seed_samples: false,
        },
    )
}

/// A library with one credited photo and a Freigegeben article showing it as the lead.
fn library(root: &Path) -> (Library, i64, i64) {
    let mut lib = open(root);
    let photo = lib
        .import_photo(&fixture("gps/DSCN0010.jpg"))
        .unwrap()
        .photo;
    lib.update_photo(
        photo.id,
        &PhotoUpdate {
            credit: Some("Bild: Stadt Dortmund / Anna Beispiel".into()),
            alt_text: Some("Eine Straße".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let mut a = full_input();
    a.lead_photo = Some(LeadPhoto {
        photo_id: photo.id,
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    let id = lib.create_article(&a).unwrap().id;
    lib.set_state(id, ArticleState::Ready).unwrap();
    (lib, id, photo.id)
}

fn sha256(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn cached_sources(files: &[newsroom_core::export::BundleFile]) -> Vec<PathBuf> {
    files
        .iter()
        .filter_map(|f| match &f.content {
            Content::Cached(p) => Some(p.clone()),
            Content::Bytes(_) => None,
        })
        .collect()
}

#[test]
fn workers_making_the_same_set_at_once_all_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _, photo) = library(&dir.path().join("lib"));
    let job = lib.rendition_job(photo).unwrap();
    // Not made yet (the credit changed after the import): eight workers make it at once.
    assert!(job.cached().unwrap().is_none());
    let sets: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8).map(|_| s.spawn(|| job.run())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let first = sets[0].as_ref().unwrap();
    for set in &sets {
        let set = set
            .as_ref()
            .unwrap_or_else(|e| panic!("a worker failed: {e}"));
        assert_eq!(set.len(), first.len());
        for f in set {
            assert_eq!(sha256(&f.path), f.sha256, "{}", f.path.display());
        }
    }
}

#[test]
fn an_export_keeps_its_set_while_a_new_one_is_made_for_the_same_photo() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let (lib, id, photo) = library(&root);
    let Plan::Export(job) = lib.plan_export(id, Utc::now()).unwrap() else {
        panic!("the article may leave");
    };
    let built = job.build(ExportFormat::Html, false).unwrap();
    let sources = cached_sources(&built.files);
    assert!(!sources.is_empty());

    // Meanwhile the photo desk changes the credit and a preview makes the new set, which
    // clears the photo's older sets.
    let done = Arc::new(AtomicBool::new(false));
    let other = {
        let (root, done) = (root.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            let mut desk = open(&root);
            desk.update_photo(
                photo,
                &PhotoUpdate {
                    credit: Some("Bild: Stadt Dortmund / Bernd Muster".into()),
                    ..Default::default()
                },
            )
            .unwrap();
            desk.renditions(photo).unwrap();
            done.store(true, Ordering::SeqCst);
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(800));
    for s in &sources {
        assert!(s.exists(), "{} removed under the export", s.display());
    }
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    write_bundle(&out, &job.name, &built.files, false).unwrap();
    assert!(
        !done.load(Ordering::SeqCst),
        "the new set waits for the export"
    );
    drop(built);
    other.join().unwrap();
    assert!(done.load(Ordering::SeqCst));
    // The old set is gone now; the bundle keeps its own links.
    assert!(sources.iter().all(|s| !s.exists()));
    assert!(out.join(&job.name).join("index.html").is_file());
}

#[test]
fn a_cache_file_changed_on_disk_is_made_again_before_it_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, id, photo) = library(&dir.path().join("lib"));
    // The lead photo leaves in its crops too: all its sets, made now.
    let frames = ["original", "wide", "social", "classic", "square"];
    let files: Vec<_> = newsroom_core::photos::run_many(&lib.crop_jobs(photo, &frames).unwrap())
        .unwrap()
        .into_iter()
        .flatten()
        .collect();
    let victim = files
        .iter()
        .find(|f| f.path.extension().is_some_and(|e| e == "jpg"))
        .unwrap();
    let recorded = victim.sha256.clone();
    // Someone forces the read-only cache file and changes bytes in the middle: same size.
    let mut bytes = std::fs::read(&victim.path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xFF;
    let mut perm = std::fs::metadata(&victim.path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perm.set_readonly(false);
    std::fs::set_permissions(&victim.path, perm).unwrap();
    std::fs::write(&victim.path, &bytes).unwrap();
    assert_ne!(sha256(&victim.path), recorded);

    let Plan::Export(job) = lib.plan_export(id, Utc::now()).unwrap() else {
        panic!("the article may leave");
    };
    let built = job.build(ExportFormat::Html, false).unwrap();
    let sources = cached_sources(&built.files);
    assert!(
        sources.contains(&victim.path),
        "the set is made again in its place"
    );
    for src in sources {
        let made = files.iter().find(|f| f.path == src).unwrap();
        assert_eq!(
            sha256(&src),
            made.sha256,
            "{} leaves as it was made",
            src.display()
        );
    }
}
