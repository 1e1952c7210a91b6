//! Taking a file in without holding it in memory. The file is copied into the library's
//! `photos/.incoming/` folder piece by piece while it is hashed, so what gets checked, rendered
//! and stored is one snapshot even if the source changes meanwhile. The checks and the decoder
//! then read that copy through a read-only memory map: the kernel pages it in as they walk it
//! and can drop those pages again, so a 300 MiB original never has to sit in memory whole.
//! A staged copy that is not placed into the library is removed when it is dropped.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::error::{Error, ImageProblem, Result};
use crate::imaging::pixels::Limits;

/// The size of the pieces a file is copied and hashed in.
const PIECE: usize = 1 << 20;

/// Staged copies older than this belong to an import that crashed; they are swept away.
const STALE: Duration = Duration::from_secs(24 * 60 * 60);

/// A checked, hashed copy of a file in the library's incoming folder.
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    pub sha256: String,
    pub bytes: u64,
}

/// A staged file seen as bytes (a read-only map; empty files have no map).
pub enum Mapped {
    Map(memmap2::Mmap),
    Empty,
}

impl std::ops::Deref for Mapped {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Mapped::Map(m) => m,
            Mapped::Empty => &[],
        }
    }
}

/// Checks that `path` is a regular file within the size limit; returns its length.
fn check_source(path: &Path, limits: &Limits) -> Result<u64> {
    let shown = path.display().to_string();
    let md = fs::metadata(path).map_err(Error::io_at(path))?;
    if md.is_dir() {
        return Err(Error::invalid(format!("{shown} is a folder, not a photo")));
    }
    if !md.is_file() {
        // A FIFO or a device would hang or never end.
        return Err(Error::invalid(format!("{shown} is not a regular file")));
    }
    if md.len() > limits.max_file_bytes {
        return Err(too_large(&shown, md.len(), limits));
    }
    Ok(md.len())
}

fn too_large(shown: &str, len: u64, limits: &Limits) -> Error {
    Error::image(
        ImageProblem::TooLarge,
        format!(
            "{shown} is {} MiB; photos may be at most {} MiB",
            len >> 20,
            limits.max_file_bytes >> 20
        ),
    )
}

/// A name in `dir` no other import (thread or process) uses.
fn fresh_name(dir: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("{}-{n}.part", std::process::id()))
}

impl Staged {
    /// Copies `source` into `dir` in pieces, hashing as it goes. Refuses folders, devices and
    /// files over the limit (also one that grows past it while being copied).
    pub fn copy(source: &Path, dir: &Path, limits: &Limits) -> Result<Staged> {
        check_source(source, limits)?;
        let mut input = fs::File::open(source).map_err(Error::io_at(source))?;
        Staged::write(dir, |out, hash| {
            let mut buf = vec![0u8; PIECE];
            let mut total = 0u64;
            loop {
                let n = match input.read(&mut buf) {
                    Ok(0) => return Ok(total),
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(Error::io_at(source)(e)),
                };
                total += n as u64;
                if total > limits.max_file_bytes {
                    return Err(Error::image(
                        ImageProblem::TooLarge,
                        format!("{} grew while reading", source.display()),
                    ));
                }
                hash.update(&buf[..n]);
                out(&buf[..n])?;
            }
        })
    }

    /// Stages bytes that are already in memory (the sample photos built into the program).
    pub fn from_bytes(data: &[u8], dir: &Path) -> Result<Staged> {
        Staged::write(dir, |out, hash| {
            hash.update(data);
            out(data)?;
            Ok(data.len() as u64)
        })
    }

    /// Creates the staged file and lets `fill` write it through `out` while updating the hash.
    fn write(
        dir: &Path,
        fill: impl FnOnce(&mut dyn FnMut(&[u8]) -> Result<()>, &mut Sha256) -> Result<u64>,
    ) -> Result<Staged> {
        fs::create_dir_all(dir).map_err(Error::io_at(dir))?;
        let path = fresh_name(dir);
        // From here on the guard removes the file on every error.
        let mut staged = Staged {
            path,
            sha256: String::new(),
            bytes: 0,
        };
        let mut file = fs::File::create(&staged.path).map_err(Error::io_at(&staged.path))?;
        let mut hash = Sha256::new();
        let at = staged.path.clone();
        let mut out = |b: &[u8]| file.write_all(b).map_err(Error::io_at(&at));
        staged.bytes = fill(&mut out, &mut hash)?;
        staged.sha256 = super::import::hex(&hash.finalize());
        Ok(staged)
    }

    /// The staged bytes, mapped read-only. Nobody else writes the staged file.
    pub fn map(&self) -> Result<Mapped> {
        map_file(&self.path, self.bytes)
    }

    /// Moves the copy to `dest` (synced first, so the original is whole or absent after a
    /// crash). `dest` is in the same library, so this is a rename.
    pub fn place(mut self, dest: &Path) -> Result<()> {
        let dir = dest.parent().expect("file in a folder");
        fs::create_dir_all(dir).map_err(Error::io_at(dir))?;
        fs::File::open(&self.path)
            .and_then(|f| f.sync_all())
            .map_err(Error::io_at(&self.path))?;
        fs::rename(&self.path, dest).map_err(Error::io_at(dest))?;
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Maps an original of the library (which is never rewritten) for reading, within the limits.
pub fn map_original(path: &Path, limits: &Limits) -> Result<Mapped> {
    let len = check_source(path, limits)?;
    map_file(path, len)
}

fn map_file(path: &Path, len: u64) -> Result<Mapped> {
    if len == 0 {
        return Ok(Mapped::Empty);
    }
    let file = fs::File::open(path).map_err(Error::io_at(path))?;
    // SAFETY: the file is the library's own (a staged copy or a stored original); Newsroom
    // never rewrites or truncates either while it exists, which is what a map relies on.
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(Error::io_at(path))?;
    Ok(Mapped::Map(map))
}

/// Removes staged copies left by imports that crashed (older than a day).
pub fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE));
        if old && e.file_name().to_string_lossy().ends_with(".part") {
            let _ = fs::remove_file(e.path());
        }
    }
}
