//! Search text folding and FTS5 query building.
//!
//! Both the indexed text and the query go through [`fold`], so matching ignores case,
//! diacritics and the ß/ss spelling: "Strassenfest" finds "Straßenfest", "Horde" finds "Hörde".
//! Words with umlauts are indexed a second time in their transliterated form
//! ([`umlaut_variants`]), so "Hoerde" finds "Hörde" too.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Bump when [`index_text`] or [`plain_text`] change: libraries rebuild their index on open.
pub const INDEX_VERSION: &str = "1";

/// Lower-cases, maps ß/ẞ to "ss", strips diacritics (NFD, drop combining marks).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The German transliterations (ä→ae, ö→oe, ü→ue) of every word in `s` that has an umlaut,
/// folded, space-separated. Empty when `s` has none.
pub fn umlaut_variants(s: &str) -> String {
    let mut out = String::new();
    for word in s.split(|c: char| !c.is_alphanumeric()) {
        if !word
            .chars()
            .any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü'))
        {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&transliterate(word));
    }
    out
}

/// `s` with the German umlauts transliterated (ä→ae, ö→oe, ü→ue), then folded: "Hörde" →
/// "hoerde". Search indexes these variants; export bundle names are made from them.
pub fn transliterate(s: &str) -> String {
    let mut w = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            'ä' | 'Ä' => w.push_str("ae"),
            'ö' | 'Ö' => w.push_str("oe"),
            'ü' | 'Ü' => w.push_str("ue"),
            c => w.push(c),
        }
    }
    fold(&w)
}

/// Text as indexed: folded, plus transliterated variants of umlaut words.
pub fn index_text(s: &str) -> String {
    let variants = umlaut_variants(s);
    let mut folded = fold(s);
    if !variants.is_empty() {
        folded.push(' ');
        folded.push_str(&variants);
    }
    folded
}

/// Turns what a user typed into an FTS5 MATCH expression: every word must match, each as a
/// prefix. Operators and quotes the user typed are treated as text. `None` when nothing
/// searchable is left.
pub fn fts_query(user: &str) -> Option<String> {
    let folded = fold(user);
    let terms: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

/// The plain text of a CommonMark body (for indexing), without markup and link targets.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(markdown.len());
    for ev in Parser::new(markdown) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_german() {
        assert_eq!(fold("Straßenfest"), "strassenfest");
        assert_eq!(fold("HÖRDE"), "horde");
        assert_eq!(fold("Café Noël"), "cafe noel");
        assert_eq!(fold("GROẞ"), "gross");
    }

    #[test]
    fn umlaut_variants_only_for_umlaut_words() {
        assert_eq!(umlaut_variants("Hörde und Dortmund"), "hoerde");
        assert_eq!(umlaut_variants("Dortmund"), "");
        assert_eq!(umlaut_variants("Übergang Schüler"), "uebergang schueler");
    }

    #[test]
    fn query_is_safe_prefix_and() {
        assert_eq!(
            fts_query("Straßen fest").unwrap(),
            "\"strassen\"* \"fest\"*"
        );
        assert_eq!(
            fts_query("a\"b OR c*").unwrap(),
            "\"a\"* \"b\"* \"or\"* \"c\"*"
        );
        assert_eq!(fts_query("  \"* ()"), None);
    }

    #[test]
    fn plain_text_drops_markup() {
        let t = plain_text("## Titel\n\nEin [Link](https://x.example) und **fett**.");
        assert!(t.contains("Titel"));
        assert!(t.contains("Link"));
        assert!(!t.contains("x.example"));
        assert!(!t.contains("**"));
    }
}
