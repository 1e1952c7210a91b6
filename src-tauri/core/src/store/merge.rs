//! The three-way merge of a save: my content, the base it was edited from, and what is stored
//! now (theirs). Per field, as one unit each (a list is one field): changed only by me, mine
//! lands; changed only by them since the base, theirs stays; changed by both to different
//! values, theirs stays and the field is a conflict (the caller keeps my text as a revision).
//! Without a base (a version no longer kept) every field where mine and theirs differ is a
//! conflict: nothing is lost, nothing is guessed.

use crate::model::ArticleInput;

/// What a merge gives.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Merged {
    /// What is stored.
    pub(super) content: ArticleInput,
    /// The merge with my values in the conflicting fields: the article as I wrote it, kept
    /// as the conflict revision.
    pub(super) mine: ArticleInput,
    /// Conflicting fields, in the form's order.
    pub(super) conflicts: Vec<String>,
}

enum Take {
    Theirs,
    Mine,
    Conflict,
}

fn decide<T: PartialEq>(mine: &T, base: Option<&T>, theirs: &T) -> Take {
    if mine == theirs {
        return Take::Theirs;
    }
    match base {
        Some(b) if b == mine => Take::Theirs,
        Some(b) if b == theirs => Take::Mine,
        _ => Take::Conflict,
    }
}

pub(super) fn merge(
    mine: &ArticleInput,
    base: Option<&ArticleInput>,
    theirs: &ArticleInput,
) -> Merged {
    let mut out = Merged {
        content: theirs.clone(),
        mine: theirs.clone(),
        conflicts: Vec::new(),
    };
    macro_rules! fields {
        ($($f:ident),*) => {$(
            match decide(&mine.$f, base.map(|b| &b.$f), &theirs.$f) {
                Take::Theirs => {}
                Take::Mine => {
                    out.content.$f = mine.$f.clone();
                    out.mine.$f = mine.$f.clone();
                }
                Take::Conflict => {
                    out.mine.$f = mine.$f.clone();
                    out.conflicts.push(stringify!($f).to_string());
                }
            }
        )*};
    }
    fields!(
        kicker,
        headline,
        teaser,
        body,
        related_links,
        topics,
        places,
        published_at,
        embargo_until,
        author,
        contact,
        lead_photo
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(headline: &str, body: &str) -> ArticleInput {
        ArticleInput {
            headline: headline.into(),
            body: body.into(),
            ..Default::default()
        }
    }

    #[test]
    fn one_sided_changes_land_and_both_sided_ones_conflict() {
        let base = input("A", "x");
        let m = merge(&input("B", "x"), Some(&base), &input("A", "y"));
        assert_eq!(m.content, input("B", "y"));
        assert!(m.conflicts.is_empty());

        let m = merge(&input("B", "x"), Some(&base), &input("C", "x"));
        assert_eq!(m.content, input("C", "x"));
        assert_eq!(m.mine, input("B", "x"));
        assert_eq!(m.conflicts, ["headline"]);

        // The same change on both sides is no conflict.
        let m = merge(&input("B", "x"), Some(&base), &input("B", "x"));
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn without_a_base_every_difference_is_a_conflict() {
        let m = merge(&input("B", "x"), None, &input("A", "y"));
        assert_eq!(m.content, input("A", "y"));
        assert_eq!(m.mine, input("B", "x"));
        assert_eq!(m.conflicts, ["headline", "body"]);
    }
}
