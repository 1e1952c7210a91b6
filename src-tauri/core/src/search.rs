//! Search text folding and query building, for SQLite's FTS5 and PostgreSQL's text search.
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

/// The same search as [`fts_query`] for the shared library on PostgreSQL: the text of a
/// `tsquery` for `to_tsquery('simple', …)` in which every folded word must match as a prefix
/// (`'strassen':* & 'fest':*`). Each word is quoted (and quotes and backslashes in it escaped),
/// so nothing a user types becomes an operator or breaks the syntax. `None` when nothing
/// searchable is left.
///
/// The index side is written in SQL from the [`index_text`] of each field; see
/// [`crate::server::search_sql`].
pub fn ts_query(user: &str) -> Option<String> {
    let folded = fold(user);
    let mut out = String::new();
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push_str(" & ");
        }
        out.push('\'');
        for c in w.chars() {
            match c {
                '\'' => out.push_str("''"),
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
        out.push_str("':*");
    }
    (!out.is_empty()).then_some(out)
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
    fn ts_query_is_quoted_prefix_and() {
        assert_eq!(ts_query("Straßen fest").unwrap(), "'strassen':* & 'fest':*");
        assert_eq!(ts_query("Hörde").unwrap(), "'horde':*");
        assert_eq!(
            ts_query("a'b OR c* !x & (y|z) <-> \\w:*").unwrap(),
            "'a':* & 'b':* & 'or':* & 'c':* & 'x':* & 'y':* & 'z':* & 'w':*"
        );
        assert_eq!(ts_query("  '\"* () & | ! : < > \\"), None);
        assert_eq!(ts_query(""), None);
    }

    #[test]
    fn ts_query_has_the_terms_of_fts_query() {
        for q in [
            "Straßenf",
            "Café Noël 2024",
            "a\"b OR c*",
            "Phoenix-See",
            "über’s",
        ] {
            let fts: Vec<String> = fts_query(q)
                .unwrap()
                .split(' ')
                .map(|t| {
                    t.trim_start_matches('"')
                        .trim_end_matches("\"*")
                        .to_string()
                })
                .collect();
            let ts: Vec<String> = ts_query(q)
                .unwrap()
                .split(" & ")
                .map(|t| {
                    t.trim_start_matches('\'')
                        .trim_end_matches("':*")
                        .to_string()
                })
                .collect();
            assert_eq!(fts, ts, "{q}");
        }
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
