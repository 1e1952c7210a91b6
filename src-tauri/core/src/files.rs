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

/// A hidden name beside `path` for work in progress, unique to this process (workers of other
/// processes may write the same file or folder at once): `.{what}-{name}-{pid}`.
pub(crate) fn temp_beside(path: &Path, what: &str) -> PathBuf {
    let name = path.file_name().expect("a named path").to_string_lossy();
    path.with_file_name(format!(".{what}-{name}-{}", std::process::id()))
}
