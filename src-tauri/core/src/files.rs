//! Files that appear whole or not at all: written to a temp file beside them, synced, and
//! renamed into place.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `data` to `path` through `tmp`, a temp file in the same folder: written, fsynced,
/// renamed into place. On an error the temp file is removed and `path` is as it was.
///
/// The temp file is made new (`create_new`): whatever lies at `tmp` already (a leftover, or a
/// link someone put there to have us write elsewhere) is removed first, never written through.
pub(crate) fn write_via(tmp: &Path, path: &Path, data: &[u8]) -> Result<()> {
    let res = (|| {
        let create = || {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(tmp)
        };
        let mut f = match create() {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                fs::remove_file(tmp)?;
                create()?
            }
            r => r?,
        };
        f.write_all(data)?;
        f.sync_all()?;
        fs::rename(tmp, path)
    })();
    if res.is_err() {
        let _ = fs::remove_file(tmp);
    }
    res.map_err(Error::io_at(path))
}

/// A hidden name beside `path` for work in progress, unique to this call: workers of other
/// processes, and other threads of this one, may write the same file or folder at once, and
/// none may clear another's. `.{what}-{name}-{pid}-{n}`, `n` counting the calls of this
/// process (the process id tells a later sweep whether its writer still runs).
pub(crate) fn temp_beside(path: &Path, what: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().expect("a named path").to_string_lossy();
    path.with_file_name(format!(".{what}-{name}-{}-{n}", std::process::id()))
}

/// The process id in a [`temp_beside`] name.
pub(crate) fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let mut parts = rest.rsplitn(3, '-');
    parts.next()?.parse::<u64>().ok()?;
    let pid = parts.next()?.parse().ok()?;
    parts.next()?;
    Some(pid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_unique_per_call_and_carry_the_process() {
        let p = Path::new("/lib/renditions/ab/abc/k1");
        let (a, b) = (temp_beside(p, "tmp"), temp_beside(p, "tmp"));
        assert_ne!(a, b);
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(".tmp-k1-"), "{name}");
        assert_eq!(temp_pid(&name), Some(std::process::id()));
        assert_eq!(temp_pid(".part-x-y.jpg-17-3"), Some(17));
        assert_eq!(temp_pid("abc.jpg"), None);
        assert_eq!(temp_pid(".tmp-abc-17"), None);
    }
}
