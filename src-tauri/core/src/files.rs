//! Files that appear whole or not at all: written to a temp file beside them, synced, and
//! renamed into place.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `data` to `path` through `tmp`, a temp file in the same folder: written, fsynced,
/// renamed into place. On an error the temp file is removed and `path` is as it was.
pub(crate) fn write_via(tmp: &Path, path: &Path, data: &[u8]) -> Result<()> {
    let res = (|| {
        let mut f = fs::File::create(tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        fs::rename(tmp, path)
    })();
    if res.is_err() {
        let _ = fs::remove_file(tmp);
    }
    res.map_err(Error::io_at(path))
}
