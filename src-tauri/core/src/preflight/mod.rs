//! The export preflight: what must be fixed before an article may leave the building (errors)
//! and what an editor should look at (warnings). Pure reads; no Tauri.
//!
//! Every check has a stable `code` (the UI translates it), the `field` it concerns
//! ("headline", "lead_photo", "body", "related_links[2]", …), the photo it concerns if any, and
//! an English `detail`. Errors come first, then warnings, each in field order: headline,
//! teaser, published_at, lead_photo, body figures (in order), body links, related links,
//! embargo.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::{Article, FieldProblem};
use crate::photos::{article_photos, FigureRef, Photo, PhotoRole};

mod crops;
mod links;

pub use links::{bad_url, body_links};

/// Headlines longer than this many characters (not bytes) get `headline_long`.
pub const HEADLINE_MAX_CHARS: usize = 90;
/// Teasers longer than this get `teaser_long`.
pub const TEASER_MAX_CHARS: usize = 300;
/// Alt texts longer than this get `alt_long`.
pub const ALT_MAX_CHARS: usize = 250;

crate::codes::wire_codes! {
    /// What a preflight check found: errors hold the article back, warnings deserve a look.
    pub enum CheckCode {
        /// Error: the headline is empty.
        NoHeadline = "no_headline",
        /// Warning: the headline is longer than [`HEADLINE_MAX_CHARS`].
        HeadlineLong = "headline_long",
        /// Error: the teaser is empty.
        NoTeaser = "no_teaser",
        /// Warning: the teaser is longer than [`TEASER_MAX_CHARS`].
        TeaserLong = "teaser_long",
        /// Error: no publication date.
        NoPublishedAt = "no_published_at",
        /// Error: a photo the article uses is not in the library.
        PhotoMissing = "photo_missing",
        /// Error: a photo the article uses has no credit.
        PhotoNoCredit = "photo_no_credit",
        /// Error: a photo the article uses has no alt text (its own or the article's).
        PhotoNoAlt = "photo_no_alt",
        /// Warning: an alt text is longer than [`ALT_MAX_CHARS`].
        AltLong = "alt_long",
        /// Warning: alt text and caption say the same.
        AltEqualsCaption = "alt_equals_caption",
        /// Error: a link that is not an absolute http(s) or mailto URL.
        BadLink = "bad_link",
        /// Warning: "Zum Thema" is empty.
        NoRelatedLinks = "no_related_links",
        /// Warning: the embargo has not passed yet.
        EmbargoPending = "embargo_pending",
        /// Export only: the article is not Freigegeben (or already Exportiert).
        NotReady = "not_ready",
        /// Error: a value typed into the field could not be taken and is held as typed
        /// (`problem`, `value`, `limit`); the field still has its last valid value.
        FieldHeld = "field_held",
        /// Error: a crop the export needs no longer fits its shape (the office changed the
        /// shape after it was set by hand) (`crop`).
        CropDegenerate = "crop_degenerate",
        /// Warning: a crop set by hand does not hold the focal point (`crop`).
        CropOffFocus = "crop_off_focus",
        /// Warning: a crop comes out narrower than it is wanted (`crop`, `width`, `limit`),
        /// e.g. the social picture under 1,200 px.
        CropNarrow = "crop_narrow",
        /// Warning: the office's public base URL is not set, so the page has no picture for
        /// social cards and no canonical address.
        NoBaseUrl = "no_base_url",
    }
}

crate::codes::wire_codes! {
    /// Why a link may not leave the building.
    pub enum LinkProblem {
        Empty = "empty",
        /// A relative URL (it needs https://…).
        Relative = "relative",
        /// Not a URL at all.
        Invalid = "invalid",
        /// A scheme other than http, https and mailto.
        Scheme = "scheme",
        /// mailto: without an address.
        NoAddress = "no_address",
        /// http(s) without a host.
        NoHost = "no_host",
    }
}

/// How much a check weighs.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, TS)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Blocks the export.
    Error,
    /// Shown, does not block.
    Warning,
}

/// One preflight finding.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, TS)]
pub struct Check {
    pub level: Level,
    /// Stable machine code, e.g. `photo_no_credit`.
    pub code: CheckCode,
    /// The field concerned: "headline", "teaser", "published_at", "lead_photo", "body",
    /// "related_links[N]" (0-based), "embargo_until".
    pub field: String,
    pub photo_id: Option<i64>,
    /// English detail: the offending URL, the length, the date.
    pub detail: String,
    /// The values behind the detail, for the UI to word in its language: a length warning's
    /// length and limit in characters, an embargo's end (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub chars: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub limit: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub until: Option<String>,
    /// `bad_link`: the link as written, and why it may not leave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub link_problem: Option<LinkProblem>,
    /// `field_held`: why the typed value was not taken, and the value as typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<FieldProblem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<String>,
    /// The crop concerned (`wide`, `social` …) and its width in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub crop: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub width: Option<u32>,
}

impl Check {
    /// A check without values behind its detail.
    pub fn new(
        level: Level,
        code: CheckCode,
        field: &str,
        photo_id: Option<i64>,
        detail: String,
    ) -> Check {
        Check {
            level,
            code,
            field: field.to_string(),
            photo_id,
            detail,
            chars: None,
            limit: None,
            until: None,
            url: None,
            link_problem: None,
            problem: None,
            value: None,
            crop: None,
            width: None,
        }
    }
}

/// What the preflight says about one article. `ok`: no errors (warnings allowed). Errors
/// come first, then warnings, each in field order.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, TS)]
pub struct Preflight {
    pub article_id: i64,
    /// No errors (warnings allowed).
    pub ok: bool,
    pub checks: Vec<Check>,
}

struct Checks(Vec<Check>);

impl Checks {
    fn error(
        &mut self,
        code: CheckCode,
        field: &str,
        photo_id: Option<i64>,
        detail: String,
    ) -> &mut Check {
        self.0
            .push(Check::new(Level::Error, code, field, photo_id, detail));
        self.0.last_mut().expect("just pushed")
    }
    /// `bad_link` when `url` may not leave.
    fn bad_link(&mut self, field: &str, url: &str) {
        if let Some(why) = bad_url(url) {
            let e = self.error(
                CheckCode::BadLink,
                field,
                None,
                format!("{url}: {}", why.explain()),
            );
            e.url = Some(url.to_string());
            e.link_problem = Some(why);
        }
    }
    fn warn(
        &mut self,
        code: CheckCode,
        field: &str,
        photo_id: Option<i64>,
        detail: String,
    ) -> &mut Check {
        self.0
            .push(Check::new(Level::Warning, code, field, photo_id, detail));
        self.0.last_mut().expect("just pushed")
    }
    /// A length warning: `chars` characters where `limit` is the most.
    fn too_long(
        &mut self,
        code: CheckCode,
        field: &str,
        photo_id: Option<i64>,
        what: &str,
        chars: usize,
        limit: usize,
    ) {
        let w = self.warn(
            code,
            field,
            photo_id,
            format!("{what}{chars} characters, at most {limit}"),
        );
        w.chars = Some(chars);
        w.limit = Some(limit);
    }
}

impl Library {
    /// The preflight as of now.
    pub fn preflight(&self, id: i64) -> Result<Preflight> {
        self.preflight_at(id, self.now())
    }

    /// The preflight with a given clock (the embargo is compared with `now`).
    pub fn preflight_at(&self, id: i64, now: DateTime<Utc>) -> Result<Preflight> {
        let article = self.get_article(id)?;
        let mut checks = check_article(&article, now, &|pid| match self.get_photo(pid) {
            Ok(p) => Ok(Some(p)),
            Err(Error::PhotoNotFound(_)) => Ok(None),
            Err(e) => Err(e),
        })?;
        crops::check(self, &article, &mut checks)?;
        // Errors first, then warnings; the sort is stable, so field order holds within each.
        checks.sort_by_key(|c| c.level == Level::Warning);
        let ok = !checks.iter().any(|c| c.level == Level::Error);
        Ok(Preflight {
            article_id: id,
            ok,
            checks,
        })
    }
}

/// All checks for `article`, errors first, then warnings, each in field order. `photo` looks a
/// photo up (`None`: it does not exist).
pub fn check_article(
    article: &Article,
    now: DateTime<Utc>,
    photo: &dyn Fn(i64) -> Result<Option<Photo>>,
) -> Result<Vec<Check>> {
    let mut c = Checks(Vec::new());

    // The required texts: an error when empty, a warning when longer than they should be.
    for (field, text, empty, long, max) in [
        (
            "headline",
            &article.headline,
            CheckCode::NoHeadline,
            CheckCode::HeadlineLong,
            HEADLINE_MAX_CHARS,
        ),
        (
            "teaser",
            &article.teaser,
            CheckCode::NoTeaser,
            CheckCode::TeaserLong,
            TEASER_MAX_CHARS,
        ),
    ] {
        let text = text.trim();
        let n = text.chars().count();
        if text.is_empty() {
            c.error(empty, field, None, format!("the {field} is empty"));
        } else if n > max {
            c.too_long(long, field, None, "", n, max);
        }
    }

    if article
        .published_at
        .as_deref()
        .is_none_or(|s| s.trim().is_empty())
    {
        c.error(
            CheckCode::NoPublishedAt,
            "published_at",
            None,
            "no publication date".into(),
        );
    }

    for (role, f) in article_photos(article) {
        let field = match role {
            PhotoRole::Lead => "lead_photo",
            PhotoRole::Figure => "body",
        };
        check_photo_use(&mut c, field, &f, photo)?;
    }

    for url in body_links(&article.body) {
        c.bad_link("body", &url);
    }

    if article.related_links.is_empty() {
        c.warn(
            CheckCode::NoRelatedLinks,
            "related_links",
            None,
            "no related links (Zum Thema)".into(),
        );
    }
    for (i, l) in article.related_links.iter().enumerate() {
        c.bad_link(&format!("related_links[{i}]"), l.url.trim());
    }

    for h in &article.held {
        let e = c.error(
            CheckCode::FieldHeld,
            &h.field,
            None,
            format!("{}: {} (kept as typed)", h.field, h.problem.explain()),
        );
        e.problem = Some(h.problem);
        e.value = Some(h.value.chars().take(HELD_VALUE_SHOWN).collect());
        e.limit = h.limit;
        if h.problem == FieldProblem::TooLong {
            e.chars = Some(h.value.chars().count());
        }
    }

    if let Some(e) = article
        .embargo_until
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        let until = crate::dates::parse(e)?;
        if until > now {
            let until = crate::dates::to_rfc3339(until);
            let w = c.warn(
                CheckCode::EmbargoPending,
                "embargo_until",
                None,
                format!("embargoed until {until}"),
            );
            w.until = Some(until);
        }
    }

    // Errors first, then warnings; the sort is stable, so field order holds within each.
    let mut checks = c.0;
    checks.sort_by_key(|c| c.level == Level::Warning);
    Ok(checks)
}

/// One use of a photo (the lead, or one body figure) with the article's overrides.
fn check_photo_use(
    c: &mut Checks,
    field: &str,
    used: &FigureRef,
    photo: &dyn Fn(i64) -> Result<Option<Photo>>,
) -> Result<()> {
    let photo_id = used.photo_id;
    let Some(p) = photo(photo_id)? else {
        c.error(
            CheckCode::PhotoMissing,
            field,
            Some(photo_id),
            format!("photo {photo_id} does not exist"),
        );
        return Ok(());
    };
    if p.credit.trim().is_empty() {
        c.error(
            CheckCode::PhotoNoCredit,
            field,
            Some(photo_id),
            format!("photo {photo_id} has no credit"),
        );
    }
    let pick = |over: Option<&str>, own: &str| -> String {
        match over.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => s.to_string(),
            None => own.trim().to_string(),
        }
    };
    let alt = pick(used.alt_text.as_deref(), &p.alt_text);
    let caption = pick(used.caption.as_deref(), &p.caption);
    if alt.is_empty() {
        c.error(
            CheckCode::PhotoNoAlt,
            field,
            Some(photo_id),
            format!("photo {photo_id} has no alt text"),
        );
        return Ok(());
    }
    let n = alt.chars().count();
    if n > ALT_MAX_CHARS {
        c.too_long(
            CheckCode::AltLong,
            field,
            Some(photo_id),
            "alt text has ",
            n,
            ALT_MAX_CHARS,
        );
    }
    if !caption.is_empty() && alt.to_lowercase() == caption.to_lowercase() {
        c.warn(
            CheckCode::AltEqualsCaption,
            field,
            Some(photo_id),
            format!("alt text and caption are both {alt:?}"),
        );
    }
    Ok(())
}

/// At most this many characters of a held value go into its check (the field shows it all).
const HELD_VALUE_SHOWN: usize = 200;

impl FieldProblem {
    /// The English detail (the UI words the code itself).
    fn explain(self) -> &'static str {
        match self {
            FieldProblem::NotADate => "not a date",
            FieldProblem::TooLong => "too long",
            FieldProblem::TooMany => "too many entries",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_lead_photo_is_reported_once() {
        let article = Article {
            id: 1,
            kicker: String::new(),
            headline: "Titel".into(),
            teaser: "Teaser".into(),
            body: "![](photo:8)".into(),
            related_links: vec![crate::model::RelatedLink {
                label: "a".into(),
                url: "https://a.org".into(),
            }],
            topics: vec![],
            places: vec![],
            published_at: Some("2025-01-01T00:00:00Z".into()),
            embargo_until: None,
            author: String::new(),
            contact: String::new(),
            state: Default::default(),
            created_at: String::new(),
            updated_at: String::new(),
            lead_photo: Some(crate::model::LeadPhoto {
                photo_id: 7,
                caption: None,
                alt_text: None,
                crop: None,
                crops: Default::default(),
            }),
            exported_at: None,
            exported_to: None,
            held: vec![],
            version: 1,
        };
        let checks = check_article(&article, Utc::now(), &|_| Ok(None)).unwrap();
        let got: Vec<_> = checks
            .iter()
            .map(|c| (c.code.as_str(), c.field.as_str(), c.photo_id))
            .collect();
        assert_eq!(
            got,
            vec![
                ("photo_missing", "lead_photo", Some(7)),
                ("photo_missing", "body", Some(8))
            ]
        );
        assert!(checks.iter().all(|c| c.level == Level::Error));
    }
}
