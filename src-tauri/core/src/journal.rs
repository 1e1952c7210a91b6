//! Typing that could not be stored yet, kept on this desk's disk. When a save fails (above all
//! when a shared library's server went away) the app keeps what was typed here, one file per
//! article, written whole or not at all and synced, so neither the outage nor a killed app
//! loses it. A later save of the article clears it; [`Library::replay_journal`] stores what is
//! left (when the app starts), merged like any save against the version it was typed on: text
//! a colleague changed meanwhile is kept as a conflict revision, never lost.

use std::fs;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::{ArticleInput, SaveOutcome};

/// What one article's journal entry holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub article_id: i64,
    /// The version the text was typed on (what the save merges against).
    pub base_version: i64,
    pub input: ArticleInput,
    /// When it was kept (RFC 3339, UTC).
    pub kept_at: String,
}

/// What replaying one entry did.
#[derive(Debug)]
pub struct Replayed {
    pub article_id: i64,
    /// The save, or why it failed (the entry then stays for the next try).
    pub outcome: Result<SaveOutcome>,
}

impl Library {
    /// Where this desk keeps unsaved typing (in the library folder, or this desk's cache of
    /// a shared library).
    pub fn journal_dir(&self) -> PathBuf {
        self.root().join("journal")
    }

    fn journal_file(&self, id: i64) -> PathBuf {
        self.journal_dir().join(format!("{id}.json"))
    }

    /// Keeps `input`, typed on version `base` of article `id`, until it is stored. Needs only
    /// this desk's disk, not the library's database or server.
    pub fn journal_keep(&self, id: i64, input: &ArticleInput, base: i64) -> Result<()> {
        let dir = self.journal_dir();
        fs::create_dir_all(&dir).map_err(Error::io_at(&dir))?;
        let entry = Pending {
            article_id: id,
            base_version: base,
            input: input.clone(),
            kept_at: crate::dates::stamp(self.now()),
        };
        let json = serde_json::to_vec_pretty(&entry).expect("a journal entry serializes");
        let path = self.journal_file(id);
        crate::files::write_via(&crate::files::temp_beside(&path, "tmp"), &path, &json)
    }

    /// The article's typing is stored: its entry goes.
    pub fn journal_clear(&self, id: i64) -> Result<()> {
        let path = self.journal_file(id);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io_at(&path)(e)),
            _ => Ok(()),
        }
    }

    /// The entries kept, oldest first. An unreadable file is skipped (and left for a person).
    pub fn journal_pending(&self) -> Result<Vec<Pending>> {
        let dir = self.journal_dir();
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        let mut out: Vec<Pending> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
            .filter_map(|e| fs::read(e.path()).ok())
            .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
            .collect();
        out.sort_by(|a, b| a.kept_at.cmp(&b.kept_at));
        Ok(out)
    }

    /// Stores every entry kept, each merged against the version it was typed on. Entries that
    /// stored go; those that failed stay for the next try. The text of an article deleted
    /// meanwhile is not replayed but kept beside, as `ID-deleted.json.kept`.
    pub fn replay_journal(&mut self) -> Result<Vec<Replayed>> {
        let mut done = Vec::new();
        for p in self.journal_pending()? {
            let outcome = self.autosave_from(p.article_id, &p.input, p.base_version);
            if outcome.is_ok() {
                self.journal_clear(p.article_id)?;
            } else if matches!(&outcome, Err(Error::ArticleNotFound(_))) {
                let from = self.journal_file(p.article_id);
                let to = self
                    .journal_dir()
                    .join(format!("{}-deleted.json.kept", p.article_id));
                fs::rename(&from, &to).map_err(Error::io_at(&to))?;
            }
            done.push(Replayed {
                article_id: p.article_id,
                outcome,
            });
        }
        Ok(done)
    }
}
