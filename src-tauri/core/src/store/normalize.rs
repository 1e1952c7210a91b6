//! Cleaning and limits of what the editor sends: character limits per field, dates to UTC, tags and
//! keywords trimmed and de-duplicated.
//!
//! Two ways to take an input: strictly ([`normalize_input`]: the first field that does not fit
//! refuses the whole input, for the CLI and imports) and as the editor's autosave does
//! ([`normalize_lenient`]: a field that does not fit keeps its stored value and is held as
//! typed, so the other fields still save and nothing typed is lost).

use crate::dates;
use crate::error::{Error, Result};
use crate::model::*;
use crate::search;

const MAX_SHORT: usize = 1_000;
const MAX_TEASER: usize = 10_000;
const MAX_BODY: usize = 2 * 1024 * 1024;
const MAX_ITEMS: usize = 200;
const MAX_TAG: usize = 200;

/// Why one field could not be taken: what the editor is told, and the strict refusal.
struct Issue {
    problem: FieldProblem,
    limit: Option<usize>,
    message: String,
}

type Taken<T> = std::result::Result<T, Issue>;

fn too_long(name: &str, len: usize, max: usize) -> Issue {
    Issue {
        problem: FieldProblem::TooLong,
        limit: Some(max),
        message: format!("{name} is too long ({len} characters, at most {max})"),
    }
}

/// Characters, as the editor counts them (a byte limit would cut German text shorter than
/// the counter beside the field says).
fn chars(v: &str) -> usize {
    v.chars().count()
}

fn text(name: &str, v: &str, max: usize) -> Taken<String> {
    // A string of at most `max` bytes has at most `max` characters: skip the count.
    if v.len() > max && chars(v) > max {
        return Err(too_long(name, chars(v), max));
    }
    Ok(v.to_string())
}

fn date(v: &Option<String>) -> Taken<Option<String>> {
    dates::normalize_opt(v).map_err(|e| Issue {
        problem: FieldProblem::NotADate,
        limit: None,
        message: e.to_string(),
    })
}

fn tags(v: &[String], what: &str) -> Taken<Vec<String>> {
    if v.len() > MAX_ITEMS {
        return Err(too_many(what, v.len()));
    }
    cleaned(v, what, MAX_TAG)
}

/// Whitespace collapsed, empties dropped, each at most `max_len` bytes, de-duplicated ignoring
/// case and diacritics (first spelling wins).
fn cleaned(v: &[String], what: &str, max_len: usize) -> Taken<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for t in v {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            continue;
        }
        if t.len() > max_len && chars(&t) > max_len {
            return Err(too_long(what, chars(&t), max_len));
        }
        if seen.insert(search::fold(&t)) {
            out.push(t);
        }
    }
    Ok(out)
}

fn too_many(what: &str, n: usize) -> Issue {
    Issue {
        problem: FieldProblem::TooMany,
        limit: Some(MAX_ITEMS),
        message: format!("{n} {what} entries; at most {MAX_ITEMS}"),
    }
}

fn links(v: &[RelatedLink]) -> Taken<Vec<RelatedLink>> {
    if v.len() > MAX_ITEMS {
        return Err(too_many("related link", v.len()));
    }
    v.iter()
        .map(|l| {
            Ok(RelatedLink {
                label: text("link label", &l.label, MAX_SHORT)?,
                url: text("link URL", l.url.trim(), MAX_SHORT * 8)?,
            })
        })
        .collect()
}

/// A lead photo's per-article override: empty means the photo's own.
fn overriding(v: &Option<String>, name: &str) -> Taken<Option<String>> {
    match v.as_deref() {
        None => Ok(None),
        Some(t) if t.trim().is_empty() => Ok(None),
        Some(t) => text(name, t, MAX_TEASER).map(Some),
    }
}

/// Takes every field of `input` through `take`, which either passes a field's cleaned value or
/// decides what happens when it does not fit.
fn fields(input: &ArticleInput, take: &mut dyn Taker) -> Result<ArticleInput> {
    let lead_photo = match &input.lead_photo {
        None => None,
        Some(p) => Some(LeadPhoto {
            photo_id: p.photo_id,
            caption: take.opt(
                "lead_photo.caption",
                p.caption.clone().unwrap_or_default(),
                overriding(&p.caption, "lead photo caption"),
            )?,
            alt_text: take.opt(
                "lead_photo.alt_text",
                p.alt_text.clone().unwrap_or_default(),
                overriding(&p.alt_text, "lead photo alt text"),
            )?,
            crop: p
                .crop
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty() && *c != "original")
                .map(str::to_string),
            crops: p.crops.clone(),
        }),
    };
    Ok(ArticleInput {
        kicker: take.text(
            "kicker",
            &input.kicker,
            text("kicker", &input.kicker, MAX_SHORT),
        )?,
        headline: take.text(
            "headline",
            &input.headline,
            text("headline", &input.headline, MAX_SHORT),
        )?,
        teaser: take.text(
            "teaser",
            &input.teaser,
            text("teaser", &input.teaser, MAX_TEASER),
        )?,
        body: take.text("body", &input.body, text("body", &input.body, MAX_BODY))?,
        related_links: take.links(json(&input.related_links), links(&input.related_links))?,
        topics: take.tags("topics", json(&input.topics), tags(&input.topics, "topic"))?,
        places: take.tags("places", json(&input.places), tags(&input.places, "place"))?,
        published_at: take.opt(
            "published_at",
            input.published_at.clone().unwrap_or_default(),
            date(&input.published_at),
        )?,
        embargo_until: take.opt(
            "embargo_until",
            input.embargo_until.clone().unwrap_or_default(),
            date(&input.embargo_until),
        )?,
        author: take.text(
            "author",
            &input.author,
            text("author", &input.author, MAX_SHORT),
        )?,
        contact: take.text(
            "contact",
            &input.contact,
            text("contact", &input.contact, MAX_TEASER),
        )?,
        lead_photo,
    })
}

/// Lists held as typed are kept as their JSON text.
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serializes")
}

/// What to do with each field: pass it on, or decide for a value that does not fit.
trait Taker {
    fn text(&mut self, field: &str, typed: &str, v: Taken<String>) -> Result<String>;
    fn opt(
        &mut self,
        field: &str,
        typed: String,
        v: Taken<Option<String>>,
    ) -> Result<Option<String>>;
    fn tags(&mut self, field: &str, typed: String, v: Taken<Vec<String>>) -> Result<Vec<String>>;
    fn links(&mut self, typed: String, v: Taken<Vec<RelatedLink>>) -> Result<Vec<RelatedLink>>;
}

/// The first field that does not fit refuses the input.
struct Strict;

impl Taker for Strict {
    fn text(&mut self, _: &str, _: &str, v: Taken<String>) -> Result<String> {
        v.map_err(|i| Error::invalid(i.message))
    }
    fn opt(&mut self, _: &str, _: String, v: Taken<Option<String>>) -> Result<Option<String>> {
        v.map_err(|i| Error::invalid(i.message))
    }
    fn tags(&mut self, _: &str, _: String, v: Taken<Vec<String>>) -> Result<Vec<String>> {
        v.map_err(|i| Error::invalid(i.message))
    }
    fn links(&mut self, _: String, v: Taken<Vec<RelatedLink>>) -> Result<Vec<RelatedLink>> {
        v.map_err(|i| Error::invalid(i.message))
    }
}

/// A field that does not fit keeps the stored value and is held as typed.
struct Lenient<'a> {
    stored: &'a ArticleInput,
    held: Vec<HeldField>,
}

impl Lenient<'_> {
    fn hold<T>(&mut self, field: &str, typed: String, issue: Issue, keep: T) -> Result<T> {
        self.held.push(HeldField {
            field: field.to_string(),
            value: typed,
            problem: issue.problem,
            limit: issue.limit,
        });
        Ok(keep)
    }
}

impl Taker for Lenient<'_> {
    fn text(&mut self, field: &str, typed: &str, v: Taken<String>) -> Result<String> {
        match v {
            Ok(v) => Ok(v),
            Err(i) => {
                let keep = stored_text(self.stored, field);
                self.hold(field, typed.to_string(), i, keep)
            }
        }
    }
    fn opt(
        &mut self,
        field: &str,
        typed: String,
        v: Taken<Option<String>>,
    ) -> Result<Option<String>> {
        match v {
            Ok(v) => Ok(v),
            Err(i) => {
                let keep = stored_opt(self.stored, field);
                self.hold(field, typed, i, keep)
            }
        }
    }
    fn tags(&mut self, field: &str, typed: String, v: Taken<Vec<String>>) -> Result<Vec<String>> {
        match v {
            Ok(v) => Ok(v),
            Err(i) => {
                let keep = if field == "topics" {
                    self.stored.topics.clone()
                } else {
                    self.stored.places.clone()
                };
                self.hold(field, typed, i, keep)
            }
        }
    }
    fn links(&mut self, typed: String, v: Taken<Vec<RelatedLink>>) -> Result<Vec<RelatedLink>> {
        match v {
            Ok(v) => Ok(v),
            Err(i) => {
                let keep = self.stored.related_links.clone();
                self.hold("related_links", typed, i, keep)
            }
        }
    }
}

fn stored_text(stored: &ArticleInput, field: &str) -> String {
    match field {
        "kicker" => &stored.kicker,
        "headline" => &stored.headline,
        "teaser" => &stored.teaser,
        "body" => &stored.body,
        "author" => &stored.author,
        _ => &stored.contact,
    }
    .clone()
}

fn stored_opt(stored: &ArticleInput, field: &str) -> Option<String> {
    let lead = stored.lead_photo.as_ref();
    match field {
        "published_at" => stored.published_at.clone(),
        "embargo_until" => stored.embargo_until.clone(),
        "lead_photo.caption" => lead.and_then(|l| l.caption.clone()),
        _ => lead.and_then(|l| l.alt_text.clone()),
    }
}

/// Checks limits and normalizes an editor payload: dates to UTC, tags trimmed and de-duplicated
/// (ignoring case and diacritics). Text fields are kept as typed (autosave must not fight the
/// cursor by trimming). The first field that does not fit refuses the whole input.
pub fn normalize_input(input: &ArticleInput) -> Result<ArticleInput> {
    fields(input, &mut Strict)
}

/// As [`normalize_input`], but a field that does not fit keeps its value from `stored` and
/// comes back as a [`HeldField`] with the value as typed.
pub fn normalize_lenient(
    input: &ArticleInput,
    stored: &ArticleInput,
) -> (ArticleInput, Vec<HeldField>) {
    let mut lenient = Lenient {
        stored,
        held: Vec::new(),
    };
    let taken = fields(input, &mut lenient).expect("the lenient taker never refuses");
    (taken, lenient.held)
}

/// Refuses text longer than `max` bytes, naming the field.
pub(crate) fn check_len(name: &str, v: &str, max: usize) -> Result<()> {
    text(name, v, max)
        .map(drop)
        .map_err(|i| Error::invalid(i.message))
}

/// Tags and keywords: whitespace collapsed, empties dropped, each at most `max_len` bytes, and
/// de-duplicated ignoring case and diacritics (first spelling wins).
pub(crate) fn clean_tags(v: &[String], what: &str, max_len: usize) -> Result<Vec<String>> {
    cleaned(v, what, max_len).map_err(|i| Error::invalid(i.message))
}
