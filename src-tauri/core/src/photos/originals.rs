//! Where a photo's original lives. In a desk's own library it is the file in
//! `LIBRARY/photos/`. In a shared library it is in the database, content-addressed by SHA-256
//! and cut into chunks of [`CHUNK_BYTES`], so neither side ever holds a large original whole;
//! each desk keeps a copy in its local cache folder, fetched on first use, from which it makes
//! thumbnails and renditions like a desk library does.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::imaging::Format;
use crate::library::Library;
use crate::sql::{Dialect, OptionalExtension};

/// The size of one stored piece of an original in a shared library.
pub const CHUNK_BYTES: usize = 1 << 20;

impl Library {
    /// Puts an original this desk has on disk (`path`) into the shared library, unless it is
    /// there already. Nothing to do in a desk library, where the file is the original.
    /// Takes back what [`Library::share_original`] stored when no photo row claims it (an
    /// import whose row failed). Best effort: what is left is an orphan `check --repair` finds.
    pub(crate) fn unshare_original(&self, sha: &str) {
        if self.db.dialect() == Dialect::Sqlite {
            return;
        }
        for table in ["photo_chunks", "photo_blobs"] {
            let _ = self.db.execute(
                &format!(
                    "DELETE FROM {table} WHERE sha256 = ?1
                     AND NOT EXISTS (SELECT 1 FROM photos WHERE sha256 = ?1)"
                ),
                [sha],
            );
        }
    }

    pub(crate) fn share_original(&self, sha: &str, path: &Path) -> Result<()> {
        if self.db.dialect() == Dialect::Sqlite || self.original_shared(sha)? {
            return Ok(());
        }
        let mut file = fs::File::open(path).map_err(Error::io_at(path))?;
        let bytes = file.metadata().map_err(Error::io_at(path))?.len();
        let tx = self.db.transaction()?;
        tx.execute(
            "INSERT INTO photo_blobs (sha256, bytes, chunks) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            crate::sql::params![sha, bytes as i64, bytes.div_ceil(CHUNK_BYTES as u64) as i64],
        )?;
        let mut buf = vec![0u8; CHUNK_BYTES];
        let mut seq = 0i64;
        loop {
            let n = read_full(&mut file, &mut buf).map_err(Error::io_at(path))?;
            if n == 0 {
                break;
            }
            tx.execute(
                "INSERT INTO photo_chunks (sha256, seq, data) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                crate::sql::params![sha, seq, &buf[..n]],
            )?;
            seq += 1;
        }
        tx.execute(
            "UPDATE photo_blobs SET complete = TRUE WHERE sha256 = ?1",
            [sha],
        )?;
        tx.commit()
    }

    fn original_shared(&self, sha: &str) -> Result<bool> {
        self.db.query_row(
            "SELECT EXISTS (SELECT 1 FROM photo_blobs WHERE sha256 = ?1 AND complete)",
            [sha],
            |r| r.get(0),
        )
    }

    /// The original on this desk's disk: in a shared library fetched into the local cache
    /// first (chunk by chunk, checked against its hash, renamed into place when whole).
    pub fn original_file(&self, sha: &str, format: Format) -> Result<PathBuf> {
        let path = self.original_path(sha, format);
        if self.db.dialect() == Dialect::Sqlite || path.is_file() {
            return Ok(path);
        }
        let chunks: i64 = self
            .db
            .query_row(
                "SELECT chunks FROM photo_blobs WHERE sha256 = ?1 AND complete",
                [sha],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| {
                Error::io(
                    format!("the original {sha} is not in the shared library"),
                    std::io::Error::from(std::io::ErrorKind::NotFound),
                )
            })?;
        let dir = path.parent().expect("file in a folder");
        fs::create_dir_all(dir).map_err(Error::io_at(dir))?;
        let tmp = crate::files::temp_beside(&path, "part");
        let fetched = (|| {
            let mut out = fs::File::create(&tmp).map_err(Error::io_at(&tmp))?;
            let mut hash = Sha256::new();
            for seq in 0..chunks {
                let data: Vec<u8> = self.db.query_row(
                    "SELECT data FROM photo_chunks WHERE sha256 = ?1 AND seq = ?2",
                    crate::sql::params![sha, seq],
                    |r| r.get(0),
                )?;
                hash.update(&data);
                out.write_all(&data).map_err(Error::io_at(&tmp))?;
            }
            let got = super::import::hex(&hash.finalize());
            if got != sha {
                return Err(Error::InvalidState(format!(
                    "the shared library's copy of original {sha} is damaged (hash {got})"
                )));
            }
            out.sync_all().map_err(Error::io_at(&tmp))?;
            fs::rename(&tmp, &path).map_err(Error::io_at(&path))
        })();
        if fetched.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        fetched.map(|()| path)
    }

    /// Forgets an original nobody uses any more (the shared copy; the caller removes files).
    pub(crate) fn drop_original(&self, sha: &str) -> Result<()> {
        if self.db.dialect() == Dialect::Postgres {
            self.db
                .execute("DELETE FROM photo_blobs WHERE sha256 = ?1", [sha])?;
        }
        Ok(())
    }
}

/// Reads until `buf` is full or the file ends; returns how many bytes it read.
fn read_full(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}
