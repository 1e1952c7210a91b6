//! The press office's spelling word list: names of districts, streets, places and people the
//! German spell checker should accept.
//!
//! The words live in the library (`dictionary_words`, seeded with Dortmund's names by a
//! migration). For the spell checker they are written, one a line, to a personal word list
//! in `LIBRARY/spelling/de_DE.dic`, the file name and format Enchant reads from its
//! configuration folder (`ENCHANT_CONFIG_DIR`), so the app points Enchant there.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::files::{temp_beside, write_via};
use crate::Library;

/// The longest word the list takes, in characters.
pub const MAX_WORD_CHARS: usize = 64;
/// The language tag of the word list file (Enchant's `<tag>.dic`).
pub const LANGUAGE: &str = "de_DE";

/// Checks and cleans a word for the list: surrounding space trimmed; one word of letters
/// (digits allowed after the first), joined by single hyphens or apostrophes; at most
/// [`MAX_WORD_CHARS`] characters.
pub fn normalize_word(raw: &str) -> Result<String> {
    let word = raw.trim();
    if word.is_empty() {
        return Err(Error::invalid("the word is empty"));
    }
    if word.chars().count() > MAX_WORD_CHARS {
        return Err(Error::invalid(format!(
            "the word is longer than {MAX_WORD_CHARS} characters"
        )));
    }
    if word.chars().any(char::is_whitespace) {
        return Err(Error::invalid(
            "one word only: no spaces (add the words of a name one by one)",
        ));
    }
    let joiner = |c: char| c == '-' || c == '\'' || c == '’';
    let mut prev_joiner = true;
    for (i, c) in word.chars().enumerate() {
        if joiner(c) {
            if prev_joiner {
                return Err(Error::invalid(format!(
                    "{word:?}: a hyphen or apostrophe must stand between letters"
                )));
            }
            prev_joiner = true;
        } else if c.is_alphabetic() || (i > 0 && c.is_ascii_digit()) {
            prev_joiner = false;
        } else {
            return Err(Error::invalid(format!(
                "{word:?}: only letters, hyphens and apostrophes"
            )));
        }
    }
    if prev_joiner {
        return Err(Error::invalid(format!(
            "{word:?}: a hyphen or apostrophe must stand between letters"
        )));
    }
    Ok(word.to_string())
}

impl Library {
    /// The word list, in alphabetical order (seeded and added words alike).
    pub fn dictionary_words(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .db
            .prepare_cached("SELECT word FROM dictionary_words ORDER BY word")?;
        let words = stmt
            .query_map([], |r| r.get(0))?
            .collect::<crate::error::Result<Vec<String>>>()?;
        Ok(words)
    }

    /// Adds a word to the list (after [`normalize_word`]) and rewrites the spell checker's
    /// word list file. Returns whether the word was new; a word already listed is no error.
    pub fn add_dictionary_word(&self, raw: &str) -> Result<bool> {
        let word = normalize_word(raw)?;
        let added = self.db.execute(
            "INSERT INTO dictionary_words (word, source) VALUES (?1, 'user')
                 ON CONFLICT DO NOTHING",
            [&word],
        )? == 1;
        self.write_spelling_dictionary()?;
        Ok(added)
    }

    /// The folder the spell checker's word list is written to (`LIBRARY/spelling`); the app
    /// points `ENCHANT_CONFIG_DIR` here.
    pub fn spelling_dir(&self) -> PathBuf {
        self.root().join("spelling")
    }

    /// Writes the word list, one word a line, to `spelling/de_DE.dic` (whole or not at all)
    /// and returns its path. Words the spell checker itself added to that file (the web
    /// view's *Zum Wörterbuch hinzufügen*, which Enchant appends there) are taken into the
    /// list first, so no rewrite loses them; lines that are no valid word are dropped.
    pub fn write_spelling_dictionary(&self) -> Result<PathBuf> {
        let dir = self.spelling_dir();
        std::fs::create_dir_all(&dir).map_err(Error::io_at(&dir))?;
        let path = dir.join(format!("{LANGUAGE}.dic"));
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                for word in text.lines().filter_map(|l| normalize_word(l).ok()) {
                    self.db.execute(
                        "INSERT INTO dictionary_words (word, source) VALUES (?1, 'user')
                 ON CONFLICT DO NOTHING",
                        [&word],
                    )?;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(path.display().to_string(), e)),
        }
        let mut text = String::new();
        for word in self.dictionary_words()? {
            text.push_str(&word);
            text.push('\n');
        }
        write_via(&temp_beside(&path, "tmp"), &path, text.as_bytes())?;
        Ok(path)
    }
}
