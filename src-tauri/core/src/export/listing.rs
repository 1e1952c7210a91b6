//! The batch listing, like the newsroom's "Weitere Nachrichten": `index.html` (date, headline,
//! teaser photo with its credit, link) and a JSON Feed 1.1 `feed.json`, both in the output
//! folder, both covering every bundle of the library in the folder (see `folder_index.rs`),
//! newest first.

use std::path::Path;

use askama::Template;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::html::{figure_view, site_name, LISTING_STYLE};
use super::{ArticleJob, Picture, Site};
use crate::error::{Error, Result};
use crate::render::{figure_html, FigurePlace};

/// What the listing shows for one exported bundle; kept in the folder's manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub article_id: i64,
    /// The bundle's main document, relative to the output folder.
    pub href: String,
    pub kicker: String,
    pub headline: String,
    pub teaser: String,
    pub published_at: String,
    pub updated_at: String,
    pub date_iso: String,
    pub date_de: String,
    pub author: String,
    pub topics: Vec<String>,
    pub text: String,
    /// The teaser picture's `<figure>` (credit only in the caption), and its `<img src>`.
    pub(crate) figure: Option<String>,
    pub(crate) image: Option<String>,
    /// The embargo's end (RFC 3339, UTC) when it had not passed at the export, and as the
    /// listing writes it; the listing leaves the entry out until then unless asked.
    #[serde(default)]
    pub embargo_until: Option<String>,
    #[serde(default)]
    pub(crate) embargo_de: String,
}

impl Entry {
    /// Whether the embargo still holds at `now`.
    pub fn embargoed_at(&self, now: DateTime<Utc>) -> bool {
        self.embargo_until
            .as_deref()
            .and_then(|s| crate::dates::parse(s).ok())
            .is_some_and(|until| until > now)
    }
}

/// The crop teaser pictures show in: 16:9, one shape for every row.
pub(crate) const TEASER_CROP: &str = "wide";

/// Teaser pictures show at most this wide.
const SIZES: &str = "(min-width: 40em) 15em, calc(100vw - 2.5em)";

pub(crate) fn entry(
    job: &ArticleJob,
    main_doc: &str,
    picture: Option<&Picture>,
    plain: String,
) -> Entry {
    let a = &job.article;
    let published = a
        .published_at
        .as_deref()
        .and_then(|s| crate::dates::parse(s).ok());
    let view = picture
        .and_then(|p| figure_view(p, SIZES, 640, &format!("{}/", job.name)))
        .map(|mut f| {
            f.caption.clear();
            f
        });
    Entry {
        article_id: a.id,
        href: format!("{}/{main_doc}", job.name),
        kicker: a.kicker.trim().to_string(),
        headline: a.headline.trim().to_string(),
        teaser: a.teaser.trim().to_string(),
        published_at: a.published_at.clone().unwrap_or_default(),
        updated_at: a.updated_at.clone(),
        date_iso: published.map(crate::dates::to_rfc3339).unwrap_or_default(),
        date_de: published.map(crate::dates::german_date).unwrap_or_default(),
        author: a.author.trim().to_string(),
        topics: a.topics.clone(),
        text: plain,
        figure: view.as_ref().map(|f| figure_html(f, FigurePlace::Flow)),
        image: view.map(|f| f.src),
        embargo_until: job.embargo.map(crate::dates::to_rfc3339),
        embargo_de: job
            .embargo
            .map(crate::dates::german_date_time)
            .unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "export/listing.html")]
struct ListingTemplate<'a> {
    title: String,
    site_name: &'a str,
    /// Where the header's site name links: the listing itself.
    home: &'static str,
    heading: &'static str,
    style: &'static str,
    entries: &'a [Entry],
}

/// Merges the batch's `entries` into the folder's manifest, then writes `index.html` and
/// `feed.json` for every bundle of this library there (each to a temp file, then renamed) and
/// returns their names. Bundles whose embargo holds at `now` are left out unless
/// `include_embargoed`; the manifest keeps them, so a later export lists them once it passed.
pub(crate) fn write(
    out: &Path,
    site: &Site,
    batch: &[Entry],
    now: DateTime<Utc>,
    include_embargoed: bool,
) -> Result<Vec<String>> {
    let mut entries = super::folder_index::merge(out, &site.library_id, batch)?;
    entries.retain(|e| include_embargoed || !e.embargoed_at(now));
    for e in entries.iter_mut().filter(|e| !e.embargoed_at(now)) {
        // Passed since that export: nothing to say any more.
        e.embargo_until = None;
    }
    entries.sort_by(|a, b| {
        b.published_at
            .cmp(&a.published_at)
            .then(a.article_id.cmp(&b.article_id))
    });
    let heading = "Weitere Nachrichten";
    let org = site.organisation.trim();
    let title = if org.is_empty() {
        heading.to_string()
    } else {
        format!("{heading} – {org}")
    };
    let mut html = ListingTemplate {
        title: title.clone(),
        site_name: site_name(org),
        home: "index.html",
        heading,
        style: LISTING_STYLE,
        entries: &entries,
    }
    .render()
    .map_err(|e| Error::invalid(format!("template: {e}")))?;
    html.push('\n');
    let mut feed = serde_json::to_vec_pretty(&feed(site, &title, &entries)).expect("json");
    feed.push(b'\n');
    write_atomic(&out.join("feed.json"), &feed)?;
    write_atomic(&out.join("index.html"), html.as_bytes())?;
    Ok(vec!["feed.json".into(), "index.html".into()])
}

fn feed(site: &Site, title: &str, entries: &[Entry]) -> Value {
    let items: Vec<Value> = entries
        .iter()
        .map(|e| {
            // With the public base URL, addresses are absolute (as feed readers need them).
            let abs = |href: &str| match &site.base_url {
                Some(b) => format!("{b}{href}"),
                None => href.to_string(),
            };
            let mut item = json!({
                "id": site.article_uri(e.article_id),
                "url": abs(&e.href),
                "title": e.headline,
                "summary": e.teaser,
                "content_text": e.text,
                "date_published": e.published_at,
                "date_modified": e.updated_at,
                "language": "de",
            });
            let m = item.as_object_mut().expect("object");
            if let Some(src) = &e.image {
                m.insert("image".into(), json!(abs(src)));
            }
            if !e.author.is_empty() {
                m.insert("authors".into(), json!([{ "name": e.author }]));
            }
            if !e.topics.is_empty() {
                m.insert("tags".into(), json!(e.topics));
            }
            if let Some(until) = &e.embargo_until {
                // A JSON Feed extension (an object whose name starts with "_").
                m.insert("_newsroom".into(), json!({ "embargoed_until": until }));
            }
            item
        })
        .collect();
    let mut feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "language": "de",
        // Our mark (a JSON Feed extension): a feed.json without it is not ours to replace.
        "_newsroom": { "generator": GENERATOR },
        "items": items,
    });
    if let Some(b) = &site.base_url {
        let m = feed.as_object_mut().expect("object");
        m.insert("home_page_url".into(), json!(format!("{b}index.html")));
        m.insert("feed_url".into(), json!(format!("{b}feed.json")));
    }
    feed
}

/// The name the listing files carry as their mark: `<meta name="generator">` in
/// `index.html`, `_newsroom.generator` in `feed.json`.
pub(crate) const GENERATOR: &str = "Newsroom";

/// The listing files in `out` that exist but were not written by Newsroom (no mark, or not a
/// plain file): an export leaves them alone unless told to replace them.
pub(crate) fn foreign_files(out: &Path) -> Vec<String> {
    let ours = |name: &str| -> Option<bool> {
        let path = out.join(name);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() {
            return Some(false);
        }
        let bytes = std::fs::read(&path).ok()?;
        Some(match name {
            "feed.json" => serde_json::from_slice::<Value>(&bytes)
                .ok()
                .is_some_and(|v| v["_newsroom"]["generator"] == GENERATOR),
            _ => String::from_utf8_lossy(&bytes).contains(&format!(
                "<meta name=\"generator\" content=\"{GENERATOR}\">"
            )),
        })
    };
    ["index.html", "feed.json"]
        .into_iter()
        .filter(|name| ours(name) == Some(false))
        .map(str::to_string)
        .collect()
}

pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().expect("file name").to_string_lossy();
    crate::files::write_via(
        &path.with_file_name(format!(".newsroom-tmp-{name}")),
        path,
        bytes,
    )
}
