//! Cleaning and limits of what the editor sends: byte limits per field, dates to UTC, tags and
//! keywords trimmed and de-duplicated.

use crate::dates;
use crate::error::{Error, Result};
use crate::model::*;
use crate::search;

const MAX_SHORT: usize = 1_000;
const MAX_TEASER: usize = 10_000;
const MAX_BODY: usize = 2 * 1024 * 1024;
const MAX_ITEMS: usize = 200;

/// Checks limits and normalizes an editor payload: dates to UTC, tags trimmed and de-duplicated
/// (ignoring case and diacritics). Text fields are kept as typed (autosave must not fight the
/// cursor by trimming).
pub fn normalize_input(input: &ArticleInput) -> Result<ArticleInput> {
    check_len("kicker", &input.kicker, MAX_SHORT)?;
    check_len("headline", &input.headline, MAX_SHORT)?;
    check_len("teaser", &input.teaser, MAX_TEASER)?;
    check_len("body", &input.body, MAX_BODY)?;
    check_len("author", &input.author, MAX_SHORT)?;
    check_len("contact", &input.contact, MAX_TEASER)?;
    if input.related_links.len() > MAX_ITEMS
        || input.topics.len() > MAX_ITEMS
        || input.places.len() > MAX_ITEMS
    {
        return Err(Error::invalid(format!(
            "at most {MAX_ITEMS} links, topics or places"
        )));
    }
    for l in &input.related_links {
        check_len("link label", &l.label, MAX_SHORT)?;
        check_len("link URL", &l.url, MAX_SHORT * 8)?;
    }
    Ok(ArticleInput {
        topics: clean_tags(&input.topics, "topic", 200)?,
        places: clean_tags(&input.places, "place", 200)?,
        related_links: input
            .related_links
            .iter()
            .map(|l| RelatedLink {
                label: l.label.clone(),
                url: l.url.trim().to_string(),
            })
            .collect(),
        published_at: dates::normalize_opt(&input.published_at)?,
        embargo_until: dates::normalize_opt(&input.embargo_until)?,
        lead_photo: match &input.lead_photo {
            None => None,
            Some(p) => {
                let over = |v: &Option<String>, name: &str| -> Result<Option<String>> {
                    match v.as_deref() {
                        None => Ok(None),
                        Some(t) if t.trim().is_empty() => Ok(None),
                        Some(t) => check_len(name, t, MAX_TEASER).map(|_| Some(t.to_string())),
                    }
                };
                Some(LeadPhoto {
                    photo_id: p.photo_id,
                    caption: over(&p.caption, "lead photo caption")?,
                    alt_text: over(&p.alt_text, "lead photo alt text")?,
                })
            }
        },
        ..input.clone()
    })
}

/// Refuses text longer than `max` bytes, naming the field.
pub(crate) fn check_len(name: &str, v: &str, max: usize) -> Result<()> {
    if v.len() > max {
        return Err(Error::invalid(format!(
            "{name} is too long ({} bytes, at most {max})",
            v.len()
        )));
    }
    Ok(())
}

/// Tags and keywords: whitespace collapsed, empties dropped, each at most `max_len` bytes, and
/// de-duplicated ignoring case and diacritics (first spelling wins).
pub(crate) fn clean_tags(v: &[String], what: &str, max_len: usize) -> Result<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for t in v {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            continue;
        }
        check_len(what, &t, max_len)?;
        if seen.insert(search::fold(&t)) {
            out.push(t);
        }
    }
    Ok(out)
}
