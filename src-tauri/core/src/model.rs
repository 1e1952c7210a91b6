//! The article model and its public JSON format (the CLI's `--json`, the IPC payloads).
//! Field names are part of the documented format; see README "Article JSON".

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Where an article stands in the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "lowercase")]
pub enum ArticleState {
    /// Entwurf
    #[default]
    Draft,
    /// In Prüfung
    Review,
    /// Freigegeben
    Ready,
    /// Exportiert
    Exported,
}

impl ArticleState {
    pub const ALL: [ArticleState; 4] = [
        ArticleState::Draft,
        ArticleState::Review,
        ArticleState::Ready,
        ArticleState::Exported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleState::Draft => "draft",
            ArticleState::Review => "review",
            ArticleState::Ready => "ready",
            ArticleState::Exported => "exported",
        }
    }

    /// German label as shown in the UI.
    pub fn label_de(self) -> &'static str {
        match self {
            ArticleState::Draft => "Entwurf",
            ArticleState::Review => "In Prüfung",
            ArticleState::Ready => "Freigegeben",
            ArticleState::Exported => "Exportiert",
        }
    }
}

impl std::str::FromStr for ArticleState {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let folded = crate::search::fold(s.trim());
        Ok(match folded.as_str() {
            "draft" | "entwurf" => ArticleState::Draft,
            "review" | "in prufung" | "prufung" => ArticleState::Review,
            "ready" | "freigegeben" => ArticleState::Ready,
            "exported" | "exportiert" => ArticleState::Exported,
            _ => {
                return Err(Error::invalid(format!(
                    "unknown state {s:?}; expected draft, review, ready or exported"
                )))
            }
        })
    }
}

impl std::fmt::Display for ArticleState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A "Zum Thema" link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RelatedLink {
    pub label: String,
    pub url: String,
}

/// Every field the editor can change. Missing fields in JSON input default to empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ArticleInput {
    pub kicker: String,
    pub headline: String,
    pub teaser: String,
    /// CommonMark.
    pub body: String,
    pub related_links: Vec<RelatedLink>,
    pub topics: Vec<String>,
    pub places: Vec<String>,
    /// RFC 3339; stored and returned in UTC.
    pub published_at: Option<String>,
    pub embargo_until: Option<String>,
    pub author: String,
    pub contact: String,
    /// The photo above the headline. Body figures are referenced in the body itself as
    /// `![alt text](photo:ID "caption")` (see README "Photos in articles").
    pub lead_photo: Option<LeadPhoto>,
}

/// Which photo leads the article, with per-article overrides. `None` (JSON null) caption or
/// alt text means the photo's own; the credit always belongs to the photo. The page shows it
/// in `crop` (the whole photo when none), and `crops` are this article's own versions of the
/// photo's crops (the listing, social cards and search engines use them for this article).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LeadPhoto {
    pub photo_id: i64,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub alt_text: Option<String>,
    /// The crop the page shows (`wide`, `square` …); `None`: the whole photo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub crop: Option<String>,
    /// Crops set for this article only, by name (pixels of the upright photo).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    #[ts(
        optional,
        as = "Option<std::collections::BTreeMap<String, crate::imaging::crop::CropRect>>"
    )]
    pub crops: std::collections::BTreeMap<String, crate::imaging::crop::CropRect>,
}

impl LeadPhoto {
    /// The lead framing as `articles.lead_framing` stores it (JSON; `{}` when plain).
    pub(crate) fn framing_json(&self) -> String {
        serde_json::json!({ "crop": self.crop, "crops": self.crops }).to_string()
    }

    /// Takes the stored framing back (an unreadable one reads as none).
    pub(crate) fn with_framing(mut self, json: &str) -> LeadPhoto {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Stored {
            crop: Option<String>,
            crops: std::collections::BTreeMap<String, crate::imaging::crop::CropRect>,
        }
        let s: Stored = serde_json::from_str(json).unwrap_or_default();
        self.crop = s.crop;
        self.crops = s.crops;
        self
    }
}

crate::codes::wire_codes! {
    /// Why the library could not take a field's value as typed.
    pub enum FieldProblem {
        /// A date and time that is not one (or not in a form the library reads).
        NotADate = "not_a_date",
        /// Longer than the field takes (`limit`, in characters).
        TooLong = "too_long",
        /// More entries than the field takes (`limit`).
        TooMany = "too_many",
    }
}

/// A field value kept as typed because the library could not take it: nothing typed is lost,
/// and the rest of the article saves. The field itself keeps its last valid value until the
/// typed one is fixed; the preflight holds the article back meanwhile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HeldField {
    /// "headline", "published_at", "topics", "lead_photo.caption", …
    pub field: String,
    /// The value as typed (lists as JSON text).
    pub value: String,
    pub problem: FieldProblem,
    /// The most the field takes (`too_long`: characters, `too_many`: entries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub limit: Option<usize>,
}

/// An article as stored: the editable fields plus what the library sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Article {
    pub id: i64,
    pub kicker: String,
    pub headline: String,
    pub teaser: String,
    pub body: String,
    pub related_links: Vec<RelatedLink>,
    pub topics: Vec<String>,
    pub places: Vec<String>,
    pub published_at: Option<String>,
    pub embargo_until: Option<String>,
    pub author: String,
    pub contact: String,
    pub state: ArticleState,
    pub created_at: String,
    pub updated_at: String,
    pub lead_photo: Option<LeadPhoto>,
    /// When the article was last exported (RFC 3339 UTC), and the bundle folder written.
    /// Set by the export; not content (no revision, `updated_at` unchanged).
    #[serde(default)]
    pub exported_at: Option<String>,
    #[serde(default)]
    pub exported_to: Option<String>,
    /// Field values kept as typed because they could not be taken (see [`HeldField`]).
    #[serde(default)]
    pub held: Vec<HeldField>,
    /// Counts every stored change (content, state, restore, export) from 1. A save names the
    /// version it was based on, so that what another writer stored since is merged, not
    /// overwritten.
    pub version: i64,
}

/// What a save did: the article as stored now, and the fields that another writer had
/// changed as well since the save's base version. Their value stayed; this save's text of
/// those fields is kept as a `conflict` revision (`conflict_rev`), so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaveOutcome {
    #[serde(flatten)]
    #[ts(flatten)]
    pub article: Article,
    /// Field names ("headline", "topics", "lead_photo", …) in the form's order; empty when
    /// the save merged cleanly.
    #[serde(default)]
    pub conflicts: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub conflict_rev: Option<i64>,
    /// Another writer stored changes since the save's base, merged into `article`: an editor
    /// takes the article's values into the fields its user has not touched since.
    #[serde(default)]
    pub merged: bool,
    /// Who stored the version this save met, when another writer did (empty names left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub changed_by: Option<String>,
}

impl Article {
    /// The content as its author typed it: the stored fields, with every held value in place
    /// of its field. What revisions keep, so that a revision never loses typing either.
    pub fn as_typed(&self) -> ArticleInput {
        with_held(self.input(), &self.held)
    }

    pub fn input(&self) -> ArticleInput {
        ArticleInput {
            kicker: self.kicker.clone(),
            headline: self.headline.clone(),
            teaser: self.teaser.clone(),
            body: self.body.clone(),
            related_links: self.related_links.clone(),
            topics: self.topics.clone(),
            places: self.places.clone(),
            published_at: self.published_at.clone(),
            embargo_until: self.embargo_until.clone(),
            author: self.author.clone(),
            contact: self.contact.clone(),
            lead_photo: self.lead_photo.clone(),
        }
    }
}

/// One row of the article list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArticleSummary {
    pub id: i64,
    pub kicker: String,
    pub headline: String,
    pub teaser: String,
    pub state: ArticleState,
    pub topics: Vec<String>,
    pub places: Vec<String>,
    pub published_at: Option<String>,
    pub updated_at: String,
    /// The lead photo, for the list's thumbnail.
    pub lead_photo_id: Option<i64>,
}

/// What the article list shows. Every field may be left out.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct ListQuery {
    /// Full-text query. Empty lists everything, newest first; otherwise best match first.
    pub text: Option<String>,
    pub state: Option<ArticleState>,
    pub topic: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// One page of the article list.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ArticlePage {
    pub items: Vec<ArticleSummary>,
    pub total: u64,
    /// True when the items are ordered by relevance; false when newest first (no search
    /// text, or a search matching more than `store::RANK_LIMIT` articles).
    pub ranked: bool,
}

/// Why a revision was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RevisionReason {
    Create,
    Edit,
    State,
    Restore,
    /// Text of a save that lost a concurrent edit of the same field, kept.
    Conflict,
}

impl RevisionReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RevisionReason::Create => "create",
            RevisionReason::Edit => "edit",
            RevisionReason::State => "state",
            RevisionReason::Restore => "restore",
            RevisionReason::Conflict => "conflict",
        }
    }
}

/// One kept revision of an article (newest first in lists).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RevisionSummary {
    pub rev: i64,
    pub created_at: String,
    pub state: ArticleState,
    pub headline: String,
    pub reason: RevisionReason,
    /// Who wrote it ([`crate::Library::user`]); empty when not known.
    pub author: String,
}

/// Which tags a suggestion is for: topics (Themen) or places (Orte).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TagKind {
    Topic,
    Place,
}

impl TagKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TagKind::Topic => "topic",
            TagKind::Place => "place",
        }
    }
}

impl std::str::FromStr for TagKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "topic" | "topics" => Ok(TagKind::Topic),
            "place" | "places" => Ok(TagKind::Place),
            _ => Err(Error::invalid(format!(
                "unknown tag kind {s:?}; expected topic or place"
            ))),
        }
    }
}

/// `input` with each held value put back into its field (a held value that does not fit the
/// field's type any more, e.g. unreadable list JSON, leaves the field as it is).
pub fn with_held(mut input: ArticleInput, held: &[HeldField]) -> ArticleInput {
    for h in held {
        let v = h.value.clone();
        match h.field.as_str() {
            "kicker" => input.kicker = v,
            "headline" => input.headline = v,
            "teaser" => input.teaser = v,
            "body" => input.body = v,
            "author" => input.author = v,
            "contact" => input.contact = v,
            "published_at" => input.published_at = Some(v),
            "embargo_until" => input.embargo_until = Some(v),
            "topics" => input.topics = serde_json::from_str(&v).unwrap_or(input.topics),
            "places" => input.places = serde_json::from_str(&v).unwrap_or(input.places),
            "related_links" => {
                input.related_links = serde_json::from_str(&v).unwrap_or(input.related_links)
            }
            "lead_photo.caption" | "lead_photo.alt_text" => {
                if let Some(lead) = input.lead_photo.as_mut() {
                    if h.field.ends_with("caption") {
                        lead.caption = Some(v);
                    } else {
                        lead.alt_text = Some(v);
                    }
                }
            }
            _ => {}
        }
    }
    input
}

/// Fields of the article JSON that are set by the library, not by the writer. Input that
/// carries them (e.g. the output of `article show --json`, edited) is accepted; they are ignored.
pub const READ_ONLY_FIELDS: &[&str] = &[
    "id",
    "created_at",
    "updated_at",
    "exported_at",
    "exported_to",
    "held",
    "version",
    "conflicts",
    "conflict_rev",
];

/// Applies article JSON onto `base`: every field present replaces the base's, absent fields
/// are kept. `state`, if present, is returned separately (a state change is its own step).
/// Unknown fields are an error, so a typo never silently drops data.
pub fn apply_article_json(
    base: &ArticleInput,
    json: &serde_json::Value,
) -> Result<(ArticleInput, Option<ArticleState>)> {
    let obj = json
        .as_object()
        .ok_or_else(|| Error::invalid("article JSON must be an object"))?;
    let mut merged = match serde_json::to_value(base).expect("ArticleInput serializes") {
        serde_json::Value::Object(m) => m,
        _ => unreachable!(),
    };
    let mut state = None;
    for (k, v) in obj {
        if READ_ONLY_FIELDS.contains(&k.as_str()) {
            continue;
        }
        if k == "state" {
            state = Some(
                serde_json::from_value(v.clone())
                    .map_err(|e| Error::invalid(format!("state: {e}")))?,
            );
            continue;
        }
        merged.insert(k.clone(), v.clone());
    }
    let input = serde_json::from_value(serde_json::Value::Object(merged))
        .map_err(|e| Error::invalid(format!("article JSON: {e}")))?;
    Ok((input, state))
}
