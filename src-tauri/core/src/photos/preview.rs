//! What a batch edit would change, seen before anything is written: per photo and field the
//! old and the new value, and the captions that would name a different photographer than the
//! new credit. The app and the CLI ask before overwriting what is there.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::credits::{apply_to, check_batch};
use super::store::load_photo;
use super::{BatchEdit, BatchSkip, Photo};
use crate::error::Result;
use crate::library::Library;
use crate::search::fold;

crate::codes::wire_codes! {
    /// A photo field a batch edit writes.
    pub enum BatchField {
        Creator = "creator",
        Caption = "caption",
        Credit = "credit",
    }
}

/// One field of one photo that a batch edit would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchChange {
    pub photo_id: i64,
    /// The photo's file name.
    pub name: String,
    pub field: BatchField,
    /// Empty when the field is empty now.
    pub before: String,
    pub after: String,
}

/// A caption that names the photo's old photographer while the new credit names someone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaptionWarning {
    pub photo_id: i64,
    pub name: String,
    /// The caption as the edit leaves it.
    pub caption: String,
    /// The old creator or credit name the caption mentions.
    pub named: String,
    /// The new credit.
    pub credit: String,
}

/// What a batch edit would do, without doing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchPreview {
    /// Every field that would change, photo by photo in the selection's order.
    pub changes: Vec<BatchChange>,
    pub caption_warnings: Vec<CaptionWarning>,
    /// Photos the template could not be applied to.
    pub skipped: Vec<BatchSkip>,
    /// Some change replaces a value that is there now (not only fills empty fields): ask first.
    pub overwrites: bool,
}

impl Library {
    /// What [`Library::batch_edit`] would change for `e`; writes nothing.
    pub fn preview_batch_edit(&self, e: &BatchEdit) -> Result<BatchPreview> {
        check_batch(e)?;
        let settings = self.credit_settings()?;
        let mut out = BatchPreview {
            changes: Vec::new(),
            caption_warnings: Vec::new(),
            skipped: Vec::new(),
            overwrites: false,
        };
        for &id in &e.ids {
            let before = load_photo(&self.db, id)?;
            let (after, skip) = apply_to(before.clone(), e, &settings);
            out.skipped.extend(skip);
            for (field, b, a) in [
                (BatchField::Creator, &before.creator, &after.creator),
                (BatchField::Caption, &before.caption, &after.caption),
                (BatchField::Credit, &before.credit, &after.credit),
            ] {
                if b != a {
                    out.overwrites |= !b.is_empty();
                    out.changes.push(BatchChange {
                        photo_id: id,
                        name: before.original_name.clone(),
                        field,
                        before: b.clone(),
                        after: a.clone(),
                    });
                }
            }
            out.caption_warnings
                .extend(caption_warning(&before, &after));
        }
        Ok(out)
    }
}

/// The rule: when the credit changes, and the caption (as the edit leaves it) mentions the
/// photo's old creator or the name in its old credit, and the new credit does not mention that
/// name, the caption would credit a different photographer than the credit does.
pub fn caption_warning(before: &Photo, after: &Photo) -> Option<CaptionWarning> {
    if before.credit == after.credit {
        return None;
    }
    let named = [before.creator.as_str(), credit_name(&before.credit)]
        .into_iter()
        .map(str::trim)
        .filter(|n| n.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .find(|n| mentions(&after.caption, n) && !mentions(&after.credit, n))?;
    Some(CaptionWarning {
        photo_id: after.id,
        name: after.original_name.clone(),
        caption: after.caption.clone(),
        named: named.to_string(),
        credit: after.credit.clone(),
    })
}

/// The name a credit gives: what follows its last `/` or `:` ("Bild: Stadt Dortmund / Anna
/// Schmidt" → "Anna Schmidt", "Foto: Max Muster" → "Max Muster"), else the whole credit.
pub fn credit_name(credit: &str) -> &str {
    credit.rsplit(['/', ':']).next().unwrap_or(credit).trim()
}

/// Whether `text` mentions `name` as whole words, ignoring case and diacritics.
pub fn mentions(text: &str, name: &str) -> bool {
    let (text, name) = (fold(text), fold(name));
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    text.match_indices(name).any(|(at, m)| {
        let before = text[..at].chars().next_back();
        let after = text[at + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
