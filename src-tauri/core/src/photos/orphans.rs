//! Files nobody claims: originals, thumbnails and rendition sets whose photo row is gone (or
//! never came: an import that died between its files and its row), and the temp files and
//! folders of processes that are no longer running. [`Library::repair_files`] removes them
//! (`newsroom check --repair`; the app runs it at start, off the UI thread) and says what it
//! removed. Anything younger than [`MIN_AGE`] is left alone: an import running now writes its
//! files a moment before its row.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::Result;
use crate::library::Library;

/// How old an unclaimed file must be before it counts as left behind.
pub const MIN_AGE: Duration = Duration::from_secs(10 * 60);

use crate::files::temp_pid;

/// Whether a process of this id runs now (Linux: `/proc`; elsewhere: assumed so).
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

fn old_enough(path: &Path, now: SystemTime) -> bool {
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age >= MIN_AGE))
}

/// The entries of `dir` (none if it cannot be read).
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A left-behind temp entry: a temp name of a dead process, a staged import copy, or a set put
/// aside as damaged.
fn stale_temp(p: &Path) -> bool {
    let name = name_of(p);
    name.starts_with(".damaged-")
        || name.ends_with(".part")
        || temp_pid(&name).is_some_and(|pid| !alive(pid))
}

impl Library {
    /// What [`Library::repair_files`] would remove, without removing it.
    pub fn orphan_files(&self) -> Result<Vec<PathBuf>> {
        let known: HashSet<String> = self
            .db
            .prepare("SELECT sha256 FROM photos")?
            .query_map([], |r| r.get::<String>(0))?
            .collect::<Result<_>>()?;
        let now = SystemTime::now();
        let mut out = Vec::new();
        let mut consider = |p: PathBuf, unclaimed: bool| {
            if unclaimed && old_enough(&p, now) {
                out.push(p);
            }
        };
        let sha_of = |p: &Path| {
            let name = name_of(p);
            name.split('.').next().unwrap_or_default().to_string()
        };
        // photos/<shard>/<sha>.<ext>, thumbs/<shard>/<sha>.jpg, and their temp files.
        for root in [self.photos_dir(), self.thumbs_dir()] {
            for shard in entries(&root) {
                if name_of(&shard) == ".incoming" {
                    for staged in entries(&shard) {
                        let stale = stale_temp(&staged);
                        consider(staged, stale);
                    }
                    continue;
                }
                for f in entries(&shard) {
                    let unclaimed = if name_of(&f).starts_with('.') {
                        stale_temp(&f)
                    } else {
                        !known.contains(&sha_of(&f))
                    };
                    consider(f, unclaimed);
                }
            }
        }
        // renditions/<shard>/<sha>/<key>/: a photo's sets, and sets being written or put aside.
        for shard in entries(&self.renditions_dir()) {
            for photo in entries(&shard) {
                if name_of(&photo).starts_with('.') {
                    let stale = stale_temp(&photo);
                    consider(photo, stale);
                    continue;
                }
                if !known.contains(&name_of(&photo)) {
                    consider(photo, true);
                    continue;
                }
                for set in entries(&photo) {
                    let stale = name_of(&set).starts_with('.') && stale_temp(&set);
                    consider(set, stale);
                }
            }
        }
        Ok(out)
    }

    /// Removes what [`Library::orphan_files`] finds; returns what was removed.
    pub fn repair_files(&self) -> Result<Vec<PathBuf>> {
        let mut removed = Vec::new();
        for p in self.orphan_files()? {
            let gone = if p.is_dir() && !p.is_symlink() {
                fs::remove_dir_all(&p)
            } else {
                fs::remove_file(&p)
            };
            if gone.is_ok() {
                removed.push(p);
            }
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive() {
        assert!(alive(std::process::id()));
    }
}
