//! Writing a bundle so that a crash, a full disk or a read-only folder never leaves half of
//! one: everything goes into a hidden temp folder beside the target, is made durable, and is
//! then renamed into place (on Linux an existing bundle is swapped out with one atomic
//! `renameat2(RENAME_EXCHANGE)`).
//!
//! Renditions are not copied when they need not be. A file of the rendition cache is written
//! once, synced, made read-only and never changed (its set's key covers pixels and rights), so
//! a bundle on the same filesystem shares it through a hard link, like a content-addressed
//! package store does: no bytes to copy, none to sync. Only a bundle on another filesystem (a
//! USB stick, a network share) copies them, and then syncs the whole filesystem once.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One file of a bundle: its path inside the bundle (`/`-separated) and where its bytes are.
#[derive(Debug, Clone)]
pub struct BundleFile {
    pub path: String,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A file of the library's rendition cache: hard-linked on the same filesystem, else
    /// copied. Never written through.
    Cached(PathBuf),
}

/// Hidden names the export uses in the output folder for work in progress. Left over only if
/// the process died; the next export of the same bundle clears them.
fn temp_name(name: &str, what: &str) -> String {
    format!(".newsroom-{what}-{name}")
}

/// Writes `files` as the bundle `out/name`. Returns whether an existing bundle was replaced.
/// An existing bundle is an error unless `force`. On any error nothing at `out/name` changed
/// and the temp folder is gone.
pub fn write_bundle(out: &Path, name: &str, files: &[BundleFile], force: bool) -> Result<bool> {
    if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\']) {
        return Err(Error::invalid(format!("{name:?} is not a bundle name")));
    }
    let target = out.join(name);
    let exists = target.exists();
    if exists && !force {
        return Err(Error::invalid(format!(
            "{} exists; pass --force to replace it",
            target.display()
        )));
    }
    let tmp = out.join(temp_name(name, "tmp"));
    let _ = fs::remove_dir_all(&tmp);
    let result = fill(&tmp, files).and_then(|()| swap_into_place(&tmp, &target, exists));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result.map(|()| exists)
}

fn fill(tmp: &Path, files: &[BundleFile]) -> Result<()> {
    fs::create_dir(tmp).map_err(Error::io_at(tmp))?;
    let mut dirs = std::collections::BTreeSet::from([tmp.to_path_buf()]);
    let mut copied = false;
    for f in files {
        if f.path.is_empty()
            || f.path
                .split('/')
                .any(|c| c.is_empty() || c == "." || c == "..")
        {
            return Err(Error::invalid(format!(
                "{:?} is not a path inside a bundle",
                f.path
            )));
        }
        let dest = tmp.join(&f.path);
        if let Some(parent) = dest.parent() {
            if dirs.insert(parent.to_path_buf()) {
                fs::create_dir_all(parent).map_err(Error::io_at(parent))?;
            }
        }
        match &f.content {
            Content::Bytes(b) => {
                let mut out = fs::File::create(&dest).map_err(Error::io_at(&dest))?;
                out.write_all(b).map_err(Error::io_at(&dest))?;
                out.sync_all().map_err(Error::io_at(&dest))?;
            }
            Content::Cached(src) => copied |= share(src, &dest).map_err(Error::io_at(src))?,
        }
    }
    // Everything on disk before the rename makes it visible. Written documents were synced
    // above and shared renditions were synced when cached; what is left are the folders'
    // entries, or, after copies, a lot of data: one syncfs for that (Linux).
    if copied {
        sync_copies(tmp, files).map_err(Error::io_at(tmp))?;
    }
    for d in dirs.iter().rev() {
        sync_dir(d).map_err(Error::io_at(d))?;
    }
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Folders cannot be opened for syncing here; their entries are the filesystem's business.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Puts the cached file `src` at `dest`: a hard link where the filesystem allows one, else a
/// copy. Returns whether it copied. The cache file is made read-only first (caches from
/// before this was done have writable files), so a program that edits an exported image in
/// place fails instead of changing the cache through the shared inode.
fn share(src: &Path, dest: &Path) -> std::io::Result<bool> {
    // A cache file that cannot be made read-only (someone else's) is not shared.
    if !read_only(src)? {
        return copy(src, dest).map(|()| true);
    }
    match fs::hard_link(src, dest) {
        Ok(()) => Ok(false),
        // Another filesystem (EXDEV), one without links (EPERM), a link count at its limit
        // (EMLINK)…: copy. A real problem (the source gone, the disk full) fails the copy too.
        Err(_) => copy(src, dest).map(|()| true),
    }
}

/// Makes `file` read-only for everyone; false if that is not allowed. Errors only if the file
/// cannot be read at all.
fn read_only(file: &Path) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(file)?.permissions().mode() & 0o7777;
        if mode & 0o222 == 0 {
            return Ok(true);
        }
        Ok(fs::set_permissions(file, fs::Permissions::from_mode(mode & !0o222)).is_ok())
    }
    #[cfg(not(unix))]
    {
        fs::metadata(file)?;
        Ok(false)
    }
}

/// A plain copy (in the kernel, `copy_file_range`, where it can), then on Linux the copy's
/// writeback is started at once, so the disk works while the next files are copied and the
/// final sync has less left to wait for. The copy is the bundle's own: writable, unlike the
/// cache file.
fn copy(src: &Path, dest: &Path) -> std::io::Result<()> {
    let mut from = fs::File::open(src)?;
    let mut to = fs::File::create(dest)?;
    std::io::copy(&mut from, &mut to)?;
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: a valid open descriptor. Only a hint: an error here is not the copy's.
        unsafe { libc::sync_file_range(to.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE) };
    }
    Ok(())
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn sync_copies(tmp: &Path, _files: &[BundleFile]) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let dir = fs::File::open(tmp)?;
    // SAFETY: a valid open descriptor.
    if unsafe { libc::syncfs(dir.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn sync_copies(tmp: &Path, files: &[BundleFile]) -> std::io::Result<()> {
    for f in files {
        if matches!(f.content, Content::Cached(_)) {
            fs::File::open(tmp.join(&f.path))?.sync_all()?;
        }
    }
    Ok(())
}

fn swap_into_place(tmp: &Path, target: &Path, exists: bool) -> Result<()> {
    let io = Error::io_at(target);
    if !exists {
        return fs::rename(tmp, target).map_err(io);
    }
    if exchange(tmp, target).is_ok() {
        // `tmp` now holds the old bundle.
        let _ = fs::remove_dir_all(tmp);
        return Ok(());
    }
    // No atomic exchange here: move the old one aside, the new one in, then drop the old.
    let name = target
        .file_name()
        .expect("bundle has a name")
        .to_string_lossy()
        .to_string();
    let old = target.with_file_name(temp_name(&name, "old"));
    let _ = fs::remove_dir_all(&old);
    fs::rename(target, &old).map_err(io)?;
    if let Err(e) = fs::rename(tmp, target) {
        let _ = fs::rename(&old, target);
        return Err(io(e));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid NUL-terminated paths; renameat2 does not keep them.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> BundleFile {
        BundleFile {
            path: path.into(),
            content: Content::Bytes(text.as_bytes().to_vec()),
        }
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = walk(dir)
            .into_iter()
            .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
            .collect();
        v.sort();
        v
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = vec![];
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn writes_replaces_only_with_force_and_fails_cleanly_mid_write() {
        let out = tempfile::tempdir().unwrap();
        let o = out.path();
        assert!(!write_bundle(
            o,
            "b",
            &[file("index.html", "1"), file("images/a.jpg", "a")],
            false
        )
        .unwrap());
        assert_eq!(listing(o), ["b/images/a.jpg", "b/index.html"]);

        let err = write_bundle(o, "b", &[file("index.html", "2")], false).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(fs::read_to_string(o.join("b/index.html")).unwrap(), "1");

        // A copy source vanishing after two files were written: the old bundle stays whole,
        // no temp folder is left.
        let missing = BundleFile {
            path: "images/z.jpg".into(),
            content: Content::Cached(o.join("nope.jpg")),
        };
        let err = write_bundle(
            o,
            "b",
            &[file("index.html", "3"), file("images/b.jpg", "b"), missing],
            true,
        )
        .unwrap_err();
        assert_eq!(err.code(), "io");
        assert_eq!(listing(o), ["b/images/a.jpg", "b/index.html"]);
        assert_eq!(fs::read_to_string(o.join("b/index.html")).unwrap(), "1");

        assert!(write_bundle(o, "b", &[file("index.html", "4")], true).unwrap());
        assert_eq!(listing(o), ["b/index.html"]);
        assert_eq!(fs::read_to_string(o.join("b/index.html")).unwrap(), "4");

        for bad in ["../x", "a/../../x", "/abs", ""] {
            assert!(
                write_bundle(o, "c", &[file(bad, "x")], false).is_err(),
                "{bad}"
            );
        }
        assert!(!o.join("c").exists());
        for bad in ["", ".hidden", "a/b", "..", "a\\b"] {
            assert!(
                write_bundle(o, bad, &[file("index.html", "x")], true).is_err(),
                "{bad}"
            );
        }
        assert_eq!(listing(o), ["b/index.html"]);
    }
}
