//! Large originals: an import copies and hashes the file piece by piece and reads it through
//! a memory map, so the heap never holds the original whole, on a desk library and on a
//! shared one (where the original also goes into the database in chunks). No staged copy is
//! left behind, whether the import succeeds or is refused.
//!
//! The file is a real camera-style JPEG: a fixture photo followed by further JPEG images after
//! its end-of-image marker, as the Multi-Picture Format stores a camera's previews.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use newsroom_core::photos::sha256_hex;
use newsroom_core::{ErrorCode, OpenOptions};

/// Counts the bytes allocated and remembers the most that were live at once.
struct PeakHeap;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::SeqCst) + by;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

unsafe impl GlobalAlloc for PeakHeap {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Ordering::SeqCst);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            LIVE.fetch_sub(l.size(), Ordering::SeqCst);
            grew(new);
        }
        q
    }
}

#[global_allocator]
static HEAP: PeakHeap = PeakHeap;

/// Runs `f` and returns what it gave and how far the heap grew above where it started.
fn heap_growth<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let out = f();
    (out, PEAK.load(Ordering::SeqCst).saturating_sub(base))
}

const MIB: usize = 1 << 20;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images")
        .join(rel)
}

/// A JPEG of at least `size` bytes: the photo, then copies of it as trailing images.
fn camera_jpeg(at: &Path, size: usize) -> (u64, String) {
    let photo = std::fs::read(fixture("orientation/landscape_3.jpg")).unwrap();
    let mut data = Vec::with_capacity(size + photo.len());
    while data.len() < size {
        data.extend_from_slice(&photo);
    }
    std::fs::write(at, &data).unwrap();
    (data.len() as u64, sha256_hex(&data))
}

fn incoming_left(lib: &newsroom_core::Library) -> Vec<PathBuf> {
    match std::fs::read_dir(lib.photos_dir().join(".incoming")) {
        Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_large_original_never_sits_in_memory_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kamera.jpg");
    let (len, sha) = camera_jpeg(&file, 96 * MIB);
    let mut lib = common::empty_library().1;

    let (imported, growth) = heap_growth(|| lib.import_photo(&file));
    let photo = imported.unwrap().photo;
    println!(
        "import of {} MiB: heap grew by at most {:.1} MiB",
        len as usize / MIB,
        growth as f64 / MIB as f64
    );
    // The decoded photo and its renditions need a few MiB; the file is 96.
    assert!(
        growth < 24 * MIB,
        "the heap grew by {growth} bytes while importing a {len}-byte file"
    );
    assert_eq!(photo.sha256, sha);
    assert_eq!(photo.bytes, len);
    assert!(incoming_left(&lib).is_empty(), "{:?}", incoming_left(&lib));

    // The original as stored (on a shared library: fetched back from its chunks into a fresh
    // cache) is the file, byte for byte.
    let fresh = tempfile::tempdir().unwrap();
    let other = if let newsroom_core::library::Location::Server(url) = lib.location() {
        Some(
            newsroom_core::Library::open_server(
                url,
                Some(fresh.path()),
                OpenOptions {
                    seed_samples: false,
                },
            )
            .unwrap(),
        )
    } else {
        None
    };
    let reader = other.as_ref().unwrap_or(&lib);
    let format = newsroom_core::imaging::Format::Jpeg;
    let (stored, growth) = heap_growth(|| reader.original_file(&sha, format).unwrap());
    assert!(
        growth < 8 * MIB,
        "fetching the original grew the heap by {growth}"
    );
    assert_eq!(std::fs::metadata(&stored).unwrap().len(), len);

    // Renditions are made from the stored original through a map as well.
    let (files, growth) = heap_growth(|| reader.renditions(photo.id).unwrap());
    assert!(!files.is_empty());
    assert!(
        growth < 24 * MIB,
        "making renditions grew the heap by {growth}"
    );

    // The same file again is the same photo, and nothing is left staged.
    let again = lib.import_photo(&file).unwrap();
    assert!(again.duplicate);
    assert!(incoming_left(&lib).is_empty());
}

#[test]
fn a_refused_import_leaves_no_staged_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = common::empty_library().1;
    let photo = std::fs::read(fixture("orientation/landscape_3.jpg")).unwrap();
    let cut = dir.path().join("abgebrochen.jpg");
    std::fs::write(&cut, &photo[..photo.len() / 2]).unwrap();
    let err = lib.import_photo(&cut).unwrap_err();
    assert_eq!(err.code(), ErrorCode::TruncatedImage, "{err}");
    let text = dir.path().join("notiz.jpg");
    std::fs::write(&text, "kein Bild").unwrap();
    assert!(lib.import_photo(&text).is_err());
    assert!(incoming_left(&lib).is_empty(), "{:?}", incoming_left(&lib));
    assert_eq!(lib.list_photos(&Default::default()).unwrap().total, 0);
}
