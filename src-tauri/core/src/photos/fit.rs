//! What a file says about itself, fitted to the library's limits before anything is written:
//! a text field over [`MAX_TEXT`] bytes is cut at a character boundary, a keyword too, and a
//! list of more than [`MAX_KEYWORDS`] keywords keeps the first ones. Each cut is a warning of
//! the import, never a refusal: the photo is the point, not a runaway caption.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::store::MAX_TEXT;
use crate::imaging::embed::cut;
use crate::imaging::FileMeta;

/// The most keywords a photo keeps.
pub const MAX_KEYWORDS: usize = 200;

/// A field the import cut to fit: `keywords` counts keywords, the others bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportWarning {
    /// `caption`, `credit`, `creator`, `copyright`, `alt_text`, `headline`, `city`,
    /// `location`, `state`, `country`, `camera` or `keywords`.
    pub field: String,
    pub had: usize,
    pub kept: usize,
}

/// `meta` within the limits, and what was cut.
pub fn fit(mut meta: FileMeta) -> (FileMeta, Vec<ImportWarning>) {
    let mut warnings = Vec::new();
    let mut text = |field: &str, v: &mut Option<String>| {
        if let Some(s) = v.as_mut() {
            if s.len() > MAX_TEXT {
                let had = s.len();
                *s = cut(s, MAX_TEXT).to_string();
                warnings.push(ImportWarning {
                    field: field.into(),
                    had,
                    kept: s.len(),
                });
            }
        }
    };
    text("caption", &mut meta.caption);
    text("credit", &mut meta.credit);
    text("creator", &mut meta.creator);
    text("copyright", &mut meta.copyright);
    text("alt_text", &mut meta.alt_text);
    text("headline", &mut meta.headline);
    text("city", &mut meta.city);
    text("location", &mut meta.sublocation);
    text("state", &mut meta.state);
    text("country", &mut meta.country);
    text("camera", &mut meta.camera);
    let had = meta.keywords.len();
    let mut cut_one = false;
    for k in meta.keywords.iter_mut() {
        if k.len() > MAX_TEXT {
            *k = cut(k, MAX_TEXT).to_string();
            cut_one = true;
        }
    }
    meta.keywords.truncate(MAX_KEYWORDS);
    if had > MAX_KEYWORDS || cut_one {
        warnings.push(ImportWarning {
            field: "keywords".into(),
            had,
            kept: meta.keywords.len(),
        });
    }
    (meta, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_fields_are_cut_at_a_character_and_keywords_kept_to_the_first() {
        let meta = FileMeta {
            caption: Some("ä".repeat(3000)), // 6,000 bytes
            city: Some("Dortmund".into()),
            keywords: (0..350).map(|i| format!("Stichwort {i}")).collect(),
            ..Default::default()
        };
        let (fitted, warnings) = fit(meta);
        let caption = fitted.caption.unwrap();
        assert_eq!(caption.len(), MAX_TEXT);
        assert!(caption.chars().all(|c| c == 'ä'));
        assert_eq!(fitted.city.as_deref(), Some("Dortmund"));
        assert_eq!(fitted.keywords.len(), MAX_KEYWORDS);
        assert_eq!(fitted.keywords[0], "Stichwort 0");
        assert_eq!(
            warnings,
            [
                ImportWarning {
                    field: "caption".into(),
                    had: 6000,
                    kept: MAX_TEXT
                },
                ImportWarning {
                    field: "keywords".into(),
                    had: 350,
                    kept: MAX_KEYWORDS
                },
            ]
        );
        let (_, none) = fit(FileMeta::default());
        assert!(none.is_empty());
    }
}
